package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/rigshift/rigshift/jobs/control"
)

// asideDashboard is a dashboard of two simulated GPUs whose questions and
// complaints are kept instead of shown.
type asideDashboard struct {
	*dashboard
	ctl   *fakeController
	win   fyne.Window
	asked []string // the questions' texts
	yes   func()   // the last question's yes
	told  []string
}

func newAsideDashboard(t *testing.T) *asideDashboard {
	t.Helper()
	testApp(t)
	rig, _, _ := simRig(t, 2)
	a := &asideDashboard{ctl: newFakeController()}
	nav := navigator{settings: func() {}, addJob: func() {},
		ask:  func(title, text, _, _ string, yes func()) { a.asked, a.yes = append(a.asked, title+" "+text), yes },
		tell: func(title, text string) { a.told = append(a.told, title+": "+text) }}
	a.dashboard = newDashboard(rig, a.ctl, nav)
	a.win = test.NewWindow(a.build())
	a.win.Resize(defaultSize)
	t.Cleanup(a.win.Close)
	return a
}

func (a *asideDashboard) show(gpus ...control.GPUStatus) {
	st := control.Status{Mode: control.Auto}
	for i, g := range gpus {
		g.UUID, g.Index = a.rig.GPUs[i].UUID, i
		st.GPUs = append(st.GPUs, g)
		if g.JobID != "" {
			st.Running = append(st.Running, control.Job{ID: g.JobID, State: control.JobRunning,
				Spec: control.JobSpec{Client: "acme"}, GPUs: []string{g.UUID}})
		}
	}
	a.showStatus(st)
}

func (a *asideDashboard) asideCalls() []string {
	return calls(a.ctl, func() []string { return a.ctl.aside })
}

func TestCardMenuSetsAMiningGPUAside(t *testing.T) {
	a := newAsideDashboard(t)
	a.show(control.GPUStatus{Work: "mining"}, control.GPUStatus{Work: "mining"})
	card := a.cards[1]

	test.Tap(card.menu)
	if n := len(a.win.Canvas().Overlays().List()); n != 1 {
		t.Fatalf("tapping the card's menu button opened %d overlays, want its menu", n)
	}
	item := a.cardMenu(card).Items[0]
	if item.Label != "Set GPU 1 aside" {
		t.Errorf("the menu offers %q", item.Label)
	}
	item.Action()
	want := []string{a.rig.GPUs[1].UUID + " aside"}
	eventually(t, "SetGPUAside(GPU 1, true)", func() bool { return slices.Equal(a.asideCalls(), want) })
	if len(a.asked) != 0 {
		t.Errorf("setting a miner's GPU aside asked first: %q", a.asked)
	}
}

func TestSettingAJobsGPUAsideAsksFirst(t *testing.T) {
	a := newAsideDashboard(t)
	a.show(control.GPUStatus{Work: "job J-0007", JobID: "J-0007"}, control.GPUStatus{Work: "idle"})
	item := a.cardMenu(a.cards[0]).Items[0]
	if item.Label != "Set GPU 0 aside…" {
		t.Errorf("the menu offers %q", item.Label)
	}
	item.Action()
	if len(a.asked) != 1 || !strings.Contains(a.asked[0], "Rental job J-0007 (acme) runs on it. It stops now and goes back to the queue") {
		t.Fatalf("asked: %q", a.asked)
	}
	drainUI()
	if got := a.asideCalls(); len(got) != 0 {
		t.Errorf("the GPU was set aside before the owner agreed: %q", got)
	}
	a.yes()
	eventually(t, "SetGPUAside after yes", func() bool { return len(a.asideCalls()) == 1 })
}

func TestGPUSetAsideShowsItAndUsesItAgain(t *testing.T) {
	a := newAsideDashboard(t)
	a.show(control.GPUStatus{Work: control.WorkSetAside, Aside: true}, control.GPUStatus{Work: "idle"})
	card := a.cards[0]
	if card.work.text.Text != "Set aside · RigShift won't use it" || !card.work.use.Visible() {
		t.Errorf("a GPU set aside reads %q (Use again shown: %v)", card.work.text.Text, card.work.use.Visible())
	}
	th := newRigTheme("")
	for v, variant := range map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"} {
		stripe, bg := th.Color(card.card.accent, v), th.Color(theme.ColorNameBackground, v)
		if card.card.accent == "" || contrast(stripe, bg) < 3 {
			t.Errorf("a GPU set aside has the %q stripe, contrast %.1f:1 on the %s background, want 3:1 or more",
				card.card.accent, contrast(stripe, bg), variant)
		}
	}
	if a.cards[1].work.use.Visible() {
		t.Error("an idle GPU offers Use again")
	}
	if h, idle := card.work.box.MinSize().Height, a.cards[1].work.box.MinSize().Height; h != idle {
		t.Errorf("the work row of a GPU set aside is %.2f px tall, an idle one's %.2f: the gauges below are out of line", h, idle)
	}
	if label := a.cardMenu(card).Items[0].Label; label != "Use GPU 0 again" {
		t.Errorf("the menu of a GPU set aside offers %q", label)
	}
	if w := card.card.MinSize().Width; w > minCardWidth {
		t.Errorf("a GPU set aside needs a card %.0f px wide; the narrowest is %d, and its line runs under Use again", w, minCardWidth)
	}
	test.Tap(card.work.use)
	want := []string{a.rig.GPUs[0].UUID + " in use"}
	eventually(t, "SetGPUAside(GPU 0, false)", func() bool { return slices.Equal(a.asideCalls(), want) })
}

func TestARefusedSetAsideIsSaid(t *testing.T) {
	a := newAsideDashboard(t)
	a.ctl.err = errOffline
	a.show(control.GPUStatus{Work: "idle"}, control.GPUStatus{Work: "idle"})
	a.cardMenu(a.cards[0]).Items[0].Action()
	eventually(t, "the refusal said", func() bool { return len(a.told) == 1 })
	if !strings.HasPrefix(a.told[0], "GPU 0 could not be set aside: The RigShift controller is not running") {
		t.Errorf("told: %q", a.told)
	}
}

// A job that names the GPU set aside cannot start again elsewhere: the
// question must not promise it will, but say it waits for the GPU.
func TestSettingAsideAGPUTheJobNamesSaysItWaits(t *testing.T) {
	a := newAsideDashboard(t)
	uuid := a.rig.GPUs[1].UUID
	st := control.Status{Mode: control.Rent, GPUs: []control.GPUStatus{
		{UUID: a.rig.GPUs[0].UUID, Index: 0, Work: "idle"},
		{UUID: uuid, Index: 1, Work: "job J-0007", JobID: "J-0007"}}}
	st.Running = []control.Job{{ID: "J-0007", State: control.JobRunning, GPUs: []string{uuid},
		Spec: control.JobSpec{Client: "acme", GPUs: []string{uuid}, OnInterrupt: control.Requeue}}}
	a.showStatus(st)
	a.cardMenu(a.cards[1]).Items[0].Action()
	if len(a.asked) != 1 || strings.Contains(a.asked[0], "on GPUs still in use") || strings.Contains(a.asked[0], "names it") ||
		!strings.Contains(a.asked[0], "was queued for this GPU by name") ||
		!strings.Contains(a.asked[0], "waits there until you use GPU 1 again") {
		t.Errorf("asked: %q", a.asked)
	}
}

// The card shows its UUID shortened; its menu copies the whole of it,
// with the name and bus, for a marketplace's form or a support thread.
func TestCardMenuCopiesTheWholeUUID(t *testing.T) {
	a := newAsideDashboard(t)
	a.show(control.GPUStatus{Work: "mining"}, control.GPUStatus{Work: "mining"})
	items := a.cardMenu(a.cards[1]).Items
	copyItem := items[len(items)-1]
	if copyItem.Label != "Copy GPU 1's name and UUID" {
		t.Fatalf("the menu's last item is %q", copyItem.Label)
	}
	copyItem.Action()
	g := a.rig.GPUs[1]
	got := fyne.CurrentApp().Clipboard().Content()
	if !strings.HasSuffix(got, " · "+g.UUID) || !strings.HasPrefix(got, "GPU 1 · "+g.Name+" · PCI "+g.PCIBusID) {
		t.Errorf("copied %q, want GPU 1's name, bus and whole UUID %s", got, g.UUID)
	}
}
