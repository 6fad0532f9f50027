package ui

import (
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/progress"
)

// feed is a Feed the test publishes into.
type feed chan hardware.Snapshot

func (f feed) Subscribe() (<-chan hardware.Snapshot, func()) { return f, func() {} }

func newTestShell(t *testing.T, d Deps) (*shell, *fakeController) {
	t.Helper()
	testApp(t)
	ctl := newFakeController()
	d.Controller = ctl
	s := newShell(fyne.CurrentApp(), d)
	s.notify = func(control.Notice) {} // no desktop notices from tests
	s.start(false)
	t.Cleanup(s.stop)
	return s, ctl
}

// The window follows the sampler and the controller without anyone
// calling update.
func TestShellFollowsFeedAndStatus(t *testing.T) {
	rig, _, sampler := simRig(t, 2)
	f := make(feed, 1)
	rig.Feed = f
	s, ctl := newTestShell(t, Deps{Rig: rig})
	f <- sampler.Pass()
	eventually(t, "telemetry", func() bool { return strings.Contains(s.dash.cards[0].power.text, " / 350 W") })
	ctl.mu.Lock()
	ctl.status.Mode = control.Rent
	ctl.mu.Unlock()
	ctl.changed <- struct{}{}
	eventually(t, "the new mode", func() bool { return s.dash.modes.current == control.Rent })
}

func TestShortcutsSwitchModes(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, ctl := newTestShell(t, Deps{Rig: rig})
	for _, sc := range s.shortcuts() { // the test canvas cannot type shortcuts
		if sc.key.ShortcutName() == ctrl(fyne.Key2).ShortcutName() {
			sc.do()
		}
	}
	eventually(t, "SetMode(Mine)", func() bool {
		m := calls(ctl, func() []control.Mode { return ctl.modes })
		return len(m) == 1 && m[0] == control.Mine
	})
}

func TestShellOpensScreens(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, _ := newTestShell(t, Deps{Rig: rig, History: &fakeHistory{}, Screen: "history"})
	if s.tabs.Selected().Text != "History" {
		t.Errorf("opened on %q", s.tabs.Selected().Text)
	}
	t.Cleanup(s.hist.loads.Wait)
	s.dash.nav.settings()
	if s.tabs.Selected().Text != "Settings" {
		t.Error("the dashboard's settings button does not open the settings")
	}
}

// A screen is built the first time it is opened, and shown built.
func TestScreensAreBuiltWhenFirstOpened(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, _ := newTestShell(t, Deps{Rig: rig, History: &fakeHistory{}})
	if s.jobs.table != nil || s.sets.save != nil {
		t.Fatal("the jobs and settings screens were built before anyone opened them")
	}
	s.open("jobs")
	if s.jobs.table == nil {
		t.Fatal("the jobs screen was opened but not built")
	}
	if v := s.built[s.screens["jobs"]]; v == nil || !v.Visible() || s.built[s.screens["dashboard"]].Visible() {
		t.Error("the jobs screen is not the one shown")
	}
	if !s.jobs.empty.Visible() {
		t.Error("the freshly built jobs screen does not show its no-jobs help")
	}
	table := s.jobs.table
	s.open("dashboard")
	s.open("jobs")
	if s.jobs.table != table {
		t.Error("the jobs screen was built again on its second opening")
	}
}

// A change of theme (the owner's pick, or the desktop going dark at night)
// reaches the screens out of sight too: the dashboard, shown again after
// the theme went light, is drawn in light colours.
func TestThemeReachesScreensOutOfSight(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, _ := newTestShell(t, Deps{Rig: rig, History: &fakeHistory{}})
	test.ApplyTheme(t, newRigTheme("dark"))
	s.open("settings")
	test.ApplyTheme(t, newRigTheme("light"))
	s.open("dashboard")
	r := test.WidgetRenderer(s.dash.cards[0].card).(*panelRenderer)
	want := color.RGBAModel.Convert(theme.DefaultTheme().Color(theme.ColorNameSeparator, theme.VariantLight))
	if got := r.edges[0].Image.At(0, 0); got != want {
		t.Errorf("the dashboard's card outline is %v after the theme went light, want %v", got, want)
	}
}

// Telemetry that arrives while another screen is shown is recorded, and
// drawn as soon as the dashboard comes back, not a refresh later.
func TestShellDrawsLatestOnReturn(t *testing.T) {
	rig, _, sampler := simRig(t, 2)
	f := make(feed, 1)
	rig.Feed = f
	s, _ := newTestShell(t, Deps{Rig: rig, Screen: "events", History: &fakeHistory{}})
	f <- sampler.Pass()
	eventually(t, "the snapshot", func() bool { return s.lastSnap != nil })
	card := s.dash.cards[0]
	if card.power.text != "" || card.spark.temp.n != 1 {
		t.Fatalf("off the dashboard: power %q, %d samples recorded; want nothing drawn, one recorded", card.power.text, card.spark.temp.n)
	}
	s.open("dashboard")
	if !strings.Contains(card.power.text, " / 350 W") {
		t.Errorf("back on the dashboard the power reads %q", card.power.text)
	}
}

// The dashboard's own canvas texts follow a change of theme too: a bare
// canvas.Text keeps the colour it was made with.
func TestDashboardTextsFollowTheTheme(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	dash, _ := newTestDashboard(t, rig)
	legend, sep := sparkLegend(), newSeparator()
	w := test.NewWindow(container.NewVBox(legend, sep))
	defer w.Close()
	test.ApplyTheme(t, newRigTheme("dark"))
	test.ApplyTheme(t, newRigTheme("light"))
	light := newRigTheme("light")
	if note := drawnText(dash.modes.noteBox, dash.modes.note.Text); note == nil {
		t.Errorf("the mode switch's note %q is not drawn", dash.modes.note.Text)
	} else if got, want := note.Color, light.Color(theme.ColorNamePlaceHolder, theme.VariantLight); got != want {
		t.Errorf("the mode switch's note is %v in the light theme, want %v", got, want)
	}
	line := test.WidgetRenderer(sep.(fyne.Widget)).Objects()[0].(*canvas.Image)
	if got, want := line.Image.At(0, 0), color.RGBAModel.Convert(light.Color(theme.ColorNameSeparator, theme.VariantLight)); got != want {
		t.Errorf("a separator is %v in the light theme, want %v", got, want)
	}
	for _, o := range test.LaidOutObjects(legend) {
		if txt, ok := o.(*canvas.Text); ok && strings.HasPrefix(txt.Text, "— temperature") {
			if want := light.Color(theme.ColorNameWarning, theme.VariantLight); txt.Color != want {
				t.Errorf("the sparklines' legend is %v in the light theme, want %v", txt.Color, want)
			}
			return
		}
	}
	t.Error("no sparkline legend found")
}

// fakeTrayBackend records the menus the tray sets.
type fakeTrayBackend struct{ menus []*fyne.Menu }

func (b *fakeTrayBackend) SetSystemTrayIcon(fyne.Resource) {}
func (b *fakeTrayBackend) SetSystemTrayMenu(m *fyne.Menu)  { b.menus = append(b.menus, m) }

// Closing the window to the tray while the jobs screen shows a running
// job stops re-reading its log every 2 s, as leaving the screen does.
func TestHiddenWindowStopsReadingTheLog(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	testApp(t)
	ctl := newFakeController()
	ctl.jobs = []control.Job{{ID: "J-0001", State: control.JobRunning, Spec: control.JobSpec{Client: "acme", Command: []string{"python"}},
		Progress: progress.Progress{Percent: -1}}}
	s := newShell(fyne.CurrentApp(), Deps{Rig: rig, Controller: ctl})
	s.notify = func(control.Notice) {}
	s.tray = &tray{app: &fakeTrayBackend{}, act: trayActions{}}
	s.trayHost = &trayHost{}
	s.trayHost.present.Store(true)
	s.start(false)
	t.Cleanup(s.stop)
	t.Cleanup(func() { s.jobs.detail.follow("", false) })
	eventually(t, "the jobs", func() bool { return len(s.lastJobs) == 1 })
	s.open("jobs")
	d := s.jobs.detail
	eventually(t, "the log", func() bool { return strings.Contains(d.log.Text(), "step 2 of J-0001") })

	s.onClose() // close to the tray
	if s.shown {
		t.Fatal("the window was not hidden")
	}
	ctl.mu.Lock()
	ctl.logTail = []string{"read while hidden"}
	ctl.mu.Unlock()
	deadline := time.Now().Add(2500 * time.Millisecond)
	for time.Now().Before(deadline) {
		drainUI()
		time.Sleep(20 * time.Millisecond)
	}
	if d.stopTail != nil || strings.Contains(d.log.Text(), "read while hidden") {
		t.Errorf("the job's log is still re-read every 2 s with the window hidden in the tray (log now %q)", d.log.Text())
	}
}

// Picking a running job in the tray's menu shows that job, not whichever
// the jobs screen had selected.
func TestTrayJobShowsThatJob(t *testing.T) {
	rig, _, _ := simRig(t, 2)
	testApp(t)
	ctl := newFakeController()
	running := []control.Job{
		{ID: "J-0001", State: control.JobRunning, Spec: control.JobSpec{Client: "acme", Command: []string{"a"}}, Progress: progress.Progress{Percent: 10}},
		{ID: "J-0002", State: control.JobRunning, Spec: control.JobSpec{Client: "globex", Command: []string{"b"}}, Progress: progress.Progress{Percent: 20}},
	}
	ctl.jobs, ctl.status.Running = running, running
	s := newShell(fyne.CurrentApp(), Deps{Rig: rig, Controller: ctl})
	backend := &fakeTrayBackend{}
	s.tray = &tray{app: backend, act: s.trayActions()}
	s.start(false)
	t.Cleanup(s.stop)
	t.Cleanup(func() { s.jobs.detail.follow("", false) })
	eventually(t, "the tray's menu with the jobs", func() bool {
		return len(backend.menus) > 0 && len(s.lastJobs) == 2
	})
	m := backend.menus[len(backend.menus)-1]
	var globex *fyne.MenuItem
	for _, it := range m.Items {
		if strings.HasPrefix(it.Label, "J-0002") {
			globex = it
		}
	}
	if globex == nil {
		t.Fatal("no tray item for J-0002")
	}
	globex.Action()
	if s.jobs.sel != "J-0002" || !strings.Contains(s.jobs.detail.title.Text, "J-0002") {
		t.Errorf("the tray's J-0002 opened the jobs screen on %q (details: %q)", s.jobs.sel, s.jobs.detail.title.Text)
	}
}

// Ctrl+N with the add-job dialog already open (focus on its radio, which
// passes shortcuts on to the window) keeps the one dialog.
func TestCtrlNTwiceOpensOneDialog(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, _ := newTestShell(t, Deps{Rig: rig})
	for i := 0; i < 2; i++ {
		for _, sc := range s.shortcuts() {
			if sc.key.ShortcutName() == ctrl(fyne.KeyN).ShortcutName() {
				sc.do()
			}
		}
	}
	if n := len(s.win.Canvas().Overlays().List()); n != 1 {
		t.Errorf("Ctrl+N twice: %d add-job dialogs open", n)
	}
}

// The open Settings screen shows what `rigshift settings` saved meanwhile
// (it kept the old values until it was opened again), unless the owner has
// begun to edit it.
func TestSettingsScreenFollowsChangesMadeElsewhere(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, ctl := newTestShell(t, Deps{Rig: rig})
	s.open("settings")
	eventually(t, "the settings", func() bool { return s.sets.entries["price"].Text == "0.15" })
	ctl.mu.Lock()
	ctl.settings.ElectricityPerKWh = 0.31
	ctl.status.Mode = control.Rent // anything, so the live loop has news
	ctl.mu.Unlock()
	ctl.changed <- struct{}{}
	eventually(t, "the live loop", func() bool { return s.last.Mode == control.Rent })
	time.Sleep(50 * time.Millisecond)
	drainUI()
	eventually(t, "the screen to show 0.31", func() bool { return s.sets.entries["price"].Text == "0.31" })

	s.sets.entries["overhead"].SetText("120") // the owner edits
	ctl.mu.Lock()
	ctl.settings.ElectricityPerKWh = 0.40
	ctl.status.Mode = control.Auto
	ctl.mu.Unlock()
	ctl.changed <- struct{}{}
	eventually(t, "the live loop", func() bool { return s.last.Mode == control.Auto })
	time.Sleep(50 * time.Millisecond)
	drainUI()
	if got := s.sets.entries["overhead"].Text; got != "120" {
		t.Errorf("the owner's edit was replaced: overhead %q", got)
	}
}

// An edit not saved yet survives a look at another screen: coming back to
// Settings refilled the form from the saved settings, and the wallet the
// owner had typed was gone without a word.
func TestSettingsEditSurvivesAnotherScreen(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, _ := newTestShell(t, Deps{Rig: rig})
	s.open("settings")
	eventually(t, "the settings", func() bool { return s.sets.entries["price"].Text == "0.15" })
	s.sets.entries["price"].SetText("0.27") // the owner edits, then looks at the dashboard
	s.open("dashboard")
	s.open("settings")
	time.Sleep(50 * time.Millisecond)
	drainUI()
	if got := s.sets.entries["price"].Text; got != "0.27" {
		t.Errorf("the owner's unsaved edit was replaced on coming back: price %q", got)
	}
}

// Settings saved elsewhere (`rigshift settings set`) apply to the window
// too, whichever screen is open: the dashboard kept colouring the GPUs'
// temperatures by the old limit, and closing the window still hid it to
// the tray, until the owner saved in the window or restarted RigShift.
func TestWindowFollowsSettingsSavedElsewhere(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, ctl := newTestShell(t, Deps{Rig: rig})
	eventually(t, "the first status", func() bool { return s.shown })
	ctl.mu.Lock()
	ctl.settings.ThermalLimitC, ctl.settings.ResumeBelowC = 75, 60
	ctl.settings.CloseToTray = false
	ctl.status.Mode = control.Rent // anything, so the live loop has news
	ctl.mu.Unlock()
	ctl.changed <- struct{}{}
	eventually(t, "the live loop", func() bool { return s.last.Mode == control.Rent })
	eventually(t, "the new settings applied", func() bool {
		return s.dash.heat == heatScale{warmC: 60, hotC: 75} && !s.closeToTray
	})
}

// The history screen, left open, fills in as the rig records: on a first
// run it said "Nothing recorded in this range" until it was opened again.
// It reads the store again once a minute, not at every status.
func TestHistoryScreenFollowsTheRecords(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	h := &fakeHistory{}
	s, ctl := newTestShell(t, Deps{Rig: rig, History: h, Screen: "history"})
	t.Cleanup(s.hist.loads.Wait)
	eventually(t, "the first load", func() bool { return s.hist.charts[0].data.to > 0 })
	if n := len(s.hist.charts[0].data.series[0].xs); n != 0 {
		t.Fatalf("%d points charted before any were recorded", n)
	}
	settled := -1 // opening the screen may load twice (the former GPUs asked first)
	eventually(t, "the opening loads", func() bool {
		time.Sleep(50 * time.Millisecond)
		drainUI()
		s.hist.loads.Wait()
		gen := s.hist.gen
		defer func() { settled = gen }()
		return gen == settled
	})
	h.mu.Lock()
	h.points = []Point{{Time: time.Now().Add(-30 * time.Second), Avg: 61}, {Time: time.Now(), Avg: 62}}
	h.mu.Unlock()
	status := func(m control.Mode) {
		ctl.mu.Lock()
		ctl.status.Mode = m
		ctl.mu.Unlock()
		ctl.changed <- struct{}{}
		eventually(t, "the live loop", func() bool { return s.last.Mode == m })
	}
	status(control.Rent)
	if s.hist.gen != settled {
		t.Errorf("the store read again at a status within the minute (request %d after %d)", s.hist.gen, settled)
	}
	later := time.Now().Add(historyFollow)
	runOnUI(func() { s.hist.now = func() time.Time { return later } })
	status(control.Mine)
	eventually(t, "the new records charted", func() bool {
		series := s.hist.charts[0].data.series
		return len(series) == 1 && len(series[0].xs) == 2
	})
}

// Ctrl+2 (Mine) on the jobs screen, with a job that started after the
// dashboard was left, asks first: the switch follows the running jobs
// whichever screen is shown.
func TestShortcutOffTheDashboardAsksOverARunningJob(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, ctl := newTestShell(t, Deps{Rig: rig})
	t.Cleanup(func() { s.jobs.detail.follow("", false) })
	s.open("jobs")
	runJobInShell(t, s, ctl, control.Auto)
	for _, sc := range s.shortcuts() {
		if sc.key.ShortcutName() == ctrl(modeKeys[control.Mine]).ShortcutName() {
			sc.do()
		}
	}
	if n := len(s.win.Canvas().Overlays().List()); n != 1 {
		t.Errorf("Ctrl+2 over a running job opened %d questions; want one", n)
	}
	if m := calls(ctl, func() []control.Mode { return ctl.modes }); len(m) != 0 {
		t.Errorf("Ctrl+2 switched to %v without asking", m)
	}
}

// Mine picked twice in the tray over a running job (the window came up
// behind another, say), then Idle, puts one question up, about the last
// pick: the owner is not left answering a stack of them.
func TestTrayPicksOverARunningJobAskOnce(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, ctl := newTestShell(t, Deps{Rig: rig})
	runJobInShell(t, s, ctl, control.Auto)
	act := s.trayActions()
	act.setMode(control.Mine)
	act.setMode(control.Mine)
	act.setMode(control.Idle)
	overlays := s.win.Canvas().Overlays().List()
	if len(overlays) != 1 {
		t.Fatalf("three picks in the tray left %d questions open; want one", len(overlays))
	}
	if got := texts(overlayContent(overlays[0])); !strings.Contains(got, "Idle stops it now") {
		t.Errorf("the question open is not about the last pick, Idle: %q", got)
	}
	if m := calls(ctl, func() []control.Mode { return ctl.modes }); len(m) != 0 {
		t.Errorf("switched to %v without the owner agreeing", m)
	}
}

// Quit in the tray while a client's job runs asks first, as Idle does:
// quitting stops the job. "Keep running" keeps RigShift; with no job
// running, Quit quits at once (not seen here: the test app does not quit).
func TestTrayQuitOverARunningJobAsks(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, ctl := newTestShell(t, Deps{Rig: rig})
	s.tray = &tray{app: &fakeTrayBackend{}, act: s.trayActions()}
	s.trayHost = &trayHost{}
	s.trayHost.present.Store(true)
	runJobInShell(t, s, ctl, control.Rent)
	s.onClose() // to the tray
	if s.shown {
		t.Fatal("closing did not hide the window to the tray")
	}
	s.trayActions().quit()
	if s.question == nil || !s.question.pop.Visible() || !s.shown {
		t.Fatal("Quit in the tray stopped a running rental job without asking")
	}
	if got := texts(s.question.pop.Content); !strings.Contains(got, "Rental job J-0048 for acme-ai") ||
		!strings.Contains(got, "Quitting RigShift stops it now") || !strings.Contains(got, "[Keep running]") {
		t.Errorf("the question says %q", got)
	}
	findButton(t, s.question.pop.Content, "Keep running").OnTapped()
	if s.question.pop.Visible() || !s.shown {
		t.Error("Keep running left the question up, or the window gone")
	}
}

// Quit picked in the tray while the window asks about a mode switch, or a
// mode picked while it asks about quitting, leaves one question up: the
// last pick's. Two stacked questions read as one until the first answer
// did what the other asked.
func TestQuitAndModeQuestionsDoNotStack(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, ctl := newTestShell(t, Deps{Rig: rig})
	s.tray = &tray{app: &fakeTrayBackend{}, act: s.trayActions()}
	runJobInShell(t, s, ctl, control.Auto)
	act := s.trayActions()
	act.setMode(control.Idle)
	act.quit()
	overlays := s.win.Canvas().Overlays().List()
	if len(overlays) != 1 || !strings.Contains(texts(overlayContent(overlays[0])), "Quitting RigShift stops it now") {
		t.Fatalf("Quit over the Idle question left %d questions; want the quit one alone", len(overlays))
	}
	act.setMode(control.Mine)
	overlays = s.win.Canvas().Overlays().List()
	if len(overlays) != 1 || !strings.Contains(texts(overlayContent(overlays[0])), "Mine stops it now") {
		t.Fatalf("Mine over the quit question left %d questions; want the Mine one alone", len(overlays))
	}
	if m := calls(ctl, func() []control.Mode { return ctl.modes }); len(m) != 0 {
		t.Errorf("switched to %v without the owner agreeing", m)
	}
}

// runJobInShell has the fake controller run rental job J-0048 in mode,
// and waits for the shell to hear of it.
func runJobInShell(t *testing.T, s *shell, ctl *fakeController, mode control.Mode) {
	t.Helper()
	job := control.Job{ID: "J-0048", State: control.JobRunning, Spec: control.JobSpec{Client: "acme-ai", Command: []string{"train"}},
		Progress: progress.Progress{Percent: 5}}
	ctl.mu.Lock()
	ctl.status.Mode, ctl.status.Running, ctl.jobs = mode, []control.Job{job}, []control.Job{job}
	ctl.mu.Unlock()
	ctl.changed <- struct{}{}
	eventually(t, "the running job", func() bool { return len(s.last.Running) == 1 })
}

// The first time the window goes to the tray, a notice says RigShift
// goes on working there: a window that vanished read as a quit, with the
// GPUs still busy. It is said once, not at every close.
func TestFirstCloseToTheTraySaysRigShiftKeepsWorking(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, _ := newTestShell(t, Deps{Rig: rig})
	s.tray = &tray{app: &fakeTrayBackend{}, act: s.trayActions()}
	s.trayHost = &trayHost{}
	s.trayHost.present.Store(true)
	var told []control.Notice
	s.notify = func(n control.Notice) { told = append(told, n) }
	s.onClose()
	if s.shown {
		t.Fatal("the window was not hidden")
	}
	if len(told) != 1 || told[0].Title != "RigShift keeps working in the tray" {
		t.Fatalf("told %+v", told)
	}
	s.show()
	s.onClose()
	if len(told) != 1 {
		t.Errorf("told again at the second close: %+v", told)
	}
}
