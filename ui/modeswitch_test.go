package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/progress"
)

func TestTappingAModeCallsTheController(t *testing.T) {
	testApp(t)
	ctl := newFakeController()
	s := newModeSwitch(ctl)
	w := test.NewWindow(s.build())
	defer w.Close()

	test.Tap(s.buttons[control.Mine])
	if s.buttons[control.Mine].Importance != widget.HighImportance || !strings.Contains(s.note.Text, "Switching to Mine") {
		t.Errorf("while asking: importance %v, note %q", s.buttons[control.Mine].Importance, s.note.Text)
	}
	eventually(t, "SetMode(Mine)", func() bool {
		m := calls(ctl, func() []control.Mode { return ctl.modes })
		return len(m) == 1 && m[0] == control.Mine
	})
	still := w.Content().MinSize()
	s.show(control.Status{Mode: control.Mine, Switching: true})
	if !s.spinner.Visible() {
		t.Error("a switch in progress shows no spinner")
	}
	// The spinner fits the caption's line: the switch growing by a pixel
	// pushed everything under it down while it turned.
	if got := w.Content().MinSize(); got != still {
		t.Errorf("the switch is %v while it turns, %v still", got, still)
	}
	if caption := s.status.Objects[1]; caption.Position().X < s.spinner.Size().Width {
		t.Errorf("the caption at x=%v is drawn over the spinner", caption.Position().X)
	}
	s.show(control.Status{Mode: control.Mine})
	if s.spinner.Visible() || s.buttons[control.Idle].Importance == widget.HighImportance {
		t.Error("after the switch: spinner still shown, or Idle still highlighted")
	}
	// The other segments are flat: a filled background would be shaded at
	// every repaint.
	for m, b := range s.buttons {
		if control.Mode(m) != control.Mine && b.Importance != widget.LowImportance {
			t.Errorf("%s is not flat while Mine is the mode: importance %v", control.Mode(m).Title(), b.Importance)
		}
	}
}

// A switch that would stop a client's running job asks first, saying
// which job and what becomes of it; one that keeps jobs running does not.
func TestSwitchThatStopsARentalJobAsksFirst(t *testing.T) {
	testApp(t)
	ctl := newFakeController()
	s := newModeSwitch(ctl)
	test.NewWindow(s.build()).Close()
	var asked []string
	var agree func()
	s.ask = func(title, text, no, yes string, ok func()) {
		asked = append(asked, title+" | "+text+" | "+no+" | "+yes)
		agree = ok
	}
	job := control.Job{ID: "J-0048", Spec: control.JobSpec{Client: "acme-ai"}, State: control.JobRunning,
		Running: 88 * time.Minute, Progress: progress.Progress{Percent: 48}}
	s.show(control.Status{Mode: control.Auto, Running: []control.Job{job}})

	s.onMode(control.Rent) // mining stops, the job goes on
	eventually(t, "SetMode(Rent)", func() bool { return len(calls(ctl, func() []control.Mode { return ctl.modes })) == 1 })
	if len(asked) != 0 {
		t.Errorf("Rent keeps the job running, but asked %q", asked)
	}
	s.onMode(control.Mine)
	if len(asked) != 1 || !strings.Contains(asked[0], "Switch to Mine?") ||
		!strings.Contains(asked[0], "Rental job J-0048 for acme-ai (48 % done, 1 h 28 min in) is running. Mine stops it now; it goes back to the queue") ||
		!strings.Contains(asked[0], "| Keep renting | Switch to Mine") {
		t.Fatalf("Mine over a running job asked %q", asked)
	}
	if m := calls(ctl, func() []control.Mode { return ctl.modes }); len(m) != 1 {
		t.Fatalf("switched before the owner agreed: %v", m)
	}
	agree()
	eventually(t, "SetMode(Mine) once agreed", func() bool {
		m := calls(ctl, func() []control.Mode { return ctl.modes })
		return len(m) == 2 && m[1] == control.Mine
	})

	job.Spec.OnInterrupt = control.FailJob
	two := []control.Job{job, {ID: "J-0049", Spec: control.JobSpec{Client: "deepform"}, Running: 20 * time.Second,
		Progress: progress.Progress{Percent: -1}}}
	if got := control.JobsStoppedBy(two, control.Idle.Title()); !strings.Contains(got, "2 rental jobs are running: J-0048 for acme-ai (48 % done, 1 h 28 min in), J-0049 for deepform (just started).") ||
		!strings.Contains(got, "those whose clients asked it fail, the others go back to the queue") || !strings.HasSuffix(got, "The time they ran is billed.") {
		t.Errorf("Idle over two jobs, one failing when interrupted, says %q", got)
	}
}

func TestRefusedSwitchSaysWhy(t *testing.T) {
	testApp(t)
	ctl := newFakeController()
	ctl.err = errors.New("no miner is set up")
	s := newModeSwitch(ctl)
	test.NewWindow(s.build()).Close()
	s.onMode(control.Mine)
	eventually(t, "the refusal", func() bool { return strings.Contains(s.note.Text, "no miner is set up") })
	if s.buttons[control.Idle].Importance != widget.HighImportance {
		t.Error("a refused switch left Mine highlighted")
	}
}

func TestCaptionSaysWhenMiningWaits(t *testing.T) {
	testApp(t)
	s := newModeSwitch(newFakeController())
	test.NewWindow(s.build()).Close()
	miner := control.MinerStatus{Configured: true} // mining waits for a miner that is set up
	s.show(control.Status{Mode: control.Auto, Miner: miner, MiningWaits: "mining starts at 22:00"})
	if want := "Auto: rent first, mine the rest; mining starts at 22:00"; s.note.Text != want {
		t.Errorf("caption while mining waits = %q, want %q", s.note.Text, want)
	}
	s.show(control.Status{Mode: control.Auto, Miner: miner})
	if want := "Auto: rent first, mine the rest"; s.note.Text != want {
		t.Errorf("caption once mining may run = %q, want %q", s.note.Text, want)
	}
	s.show(control.Status{Mode: control.Rent, Miner: miner, MiningWaits: "mining starts at 22:00"})
	if strings.Contains(s.note.Text, "22:00") {
		t.Errorf("Rent mines nothing, yet its caption says %q", s.note.Text)
	}
}

// "Mine: mine on every GPU" is a promise a GPU set aside does not keep:
// the caption says which GPUs RigShift leaves alone.
func TestCaptionSaysWhichGPUsAreSetAside(t *testing.T) {
	testApp(t)
	s := newModeSwitch(newFakeController())
	test.NewWindow(s.build()).Close()
	miner := control.MinerStatus{Configured: true} // GPU 0 mines
	gpus := []control.GPUStatus{{Index: 0, Work: "mining"}, {Index: 1, Aside: true, Work: control.WorkSetAside}}
	s.show(control.Status{Mode: control.Mine, Miner: miner, GPUs: gpus})
	if want := "Mine: mine on every GPU; GPU 1 is set aside"; s.note.Text != want {
		t.Errorf("caption with GPU 1 set aside = %q, want %q", s.note.Text, want)
	}
	gpus[0].Aside, gpus[0].Work = true, control.WorkSetAside
	s.show(control.Status{Mode: control.Mine, Miner: miner, GPUs: gpus, MiningWaits: "mining starts at 22:00"})
	if want := "Mine: every GPU is set aside, so nothing runs"; s.note.Text != want {
		t.Errorf("caption with every GPU set aside = %q, want %q", s.note.Text, want)
	}
	s.show(control.Status{Mode: control.Idle, Miner: miner, GPUs: gpus})
	if want := "Idle: nothing runs"; s.note.Text != want {
		t.Errorf("Idle's caption = %q, want %q", s.note.Text, want)
	}
}

// Without a GPU (no driver) a working mode says nothing runs, instead of
// promising to mine on every GPU.
func TestCaptionSaysNothingRunsWithoutGPUs(t *testing.T) {
	testApp(t)
	rig := Rig{GPUErr: hardware.ErrNoDriver}
	s := newDashboard(rig, newFakeController(), navigator{}).modes
	test.NewWindow(s.build()).Close()
	s.show(control.Status{Mode: control.Auto})
	if got := s.note.Text; got != "Auto: no GPU to run on, so nothing runs" {
		t.Errorf("Auto without GPUs says %q", got)
	}
	s.show(control.Status{Mode: control.Idle})
	if got := s.note.Text; strings.Contains(got, "no GPU") {
		t.Errorf("Idle without GPUs says %q", got)
	}
}

// Without a miner set up, Mine and Auto mine nothing: "Mine: mine on every
// GPU" above the notice "No miner is set up, so the GPUs stay idle" said
// one thing and its opposite on one screen.
func TestCaptionSaysNoMinerIsSetUp(t *testing.T) {
	testApp(t)
	s := newModeSwitch(newFakeController())
	test.NewWindow(s.build()).Close()
	gpus := []control.GPUStatus{{Index: 0, Work: "idle"}, {Index: 1, Work: "idle"}}
	s.show(control.Status{Mode: control.Mine, GPUs: gpus})
	if want := "Mine: no miner is set up, so nothing runs"; s.note.Text != want {
		t.Errorf("Mine without a miner says %q, want %q", s.note.Text, want)
	}
	s.show(control.Status{Mode: control.Auto, GPUs: gpus})
	if want := "Auto: rent first; no miner is set up to mine the rest"; s.note.Text != want {
		t.Errorf("Auto without a miner says %q, want %q", s.note.Text, want)
	}
	s.show(control.Status{Mode: control.Rent, GPUs: gpus})
	if want := "Rent: run rental jobs only"; s.note.Text != want {
		t.Errorf("Rent without a miner says %q, want %q", s.note.Text, want)
	}
	s.show(control.Status{Mode: control.Mine, GPUs: gpus, Miner: control.MinerStatus{Configured: true}})
	if want := "Mine: mine on every GPU"; s.note.Text != want {
		t.Errorf("Mine once a miner is set up says %q, want %q", s.note.Text, want)
	}
}

// A long caption (most of a big rig's GPUs set aside, mining waiting to
// know if the owner is away) or a long refusal wraps under the switch:
// in one line it made the dashboard 980 px wide, and in a smaller window
// the Rent and Auto buttons and the right-hand cards ran off its edge.
func TestLongCaptionKeepsTheDashboardsWidth(t *testing.T) {
	rig, _, _ := simRig(t, 16)
	dash, _ := newTestDashboard(t, rig)
	st := control.Status{Mode: control.Auto}
	for i, g := range rig.GPUs {
		st.GPUs = append(st.GPUs, control.GPUStatus{UUID: g.UUID, Index: i, Work: "idle"})
	}
	dash.showStatus(st)
	width := dash.scroll.Content.MinSize().Width
	for i := 1; i < len(st.GPUs); i++ {
		st.GPUs[i].Aside, st.GPUs[i].Work = true, control.WorkSetAside
	}
	st.MiningWaits = "mining waits (cannot tell if you are away)"
	dash.showStatus(st)
	if got := dash.scroll.Content.MinSize().Width; got > width {
		t.Errorf("with the caption %q the dashboard needs %.0f px, %.0f px before", dash.modes.note.Text, got, width)
	}
	dash.modes.answered(control.Mine, errors.New("switching to mine: "+strings.Repeat("the database refuses writes, ", 6)))
	if got := dash.scroll.Content.MinSize().Width; got > width {
		t.Errorf("with a long refusal the dashboard needs %.0f px, %.0f px before", got, width)
	}
}
