package ui

import (
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// start feeds the screens and shows the window, unless it should start in
// the tray (and there is a tray to start in).
func (s *shell) start(hidden bool) {
	refresh := loadRefresh(s.app)
	if s.deps.Refresh > 0 {
		refresh = s.deps.Refresh
	}
	s.live = watch(s.ctl, s.deps.Rig.Feed, refresh, s)
	s.stops = append(s.stops, s.live.stop, onNoticeClick(s.openNotice))
	s.dash.seedSparklines(s.deps.History, time.Now())
	if s.deps.Screen != "" {
		s.open(s.deps.Screen)
	}
	if !hidden || s.tray == nil || !s.trayHost.Present() {
		s.show() // no tray to start in: the window, rather than nothing at all
	}
}

// wantsJobs tells the live loop whether to list the jobs: only for a
// window on screen (the tray shows the running job from the status).
func (s *shell) wantsJobs() bool { return s.jobsWanted.Load() }

// stop ends the feeds; the window is gone or going.
func (s *shell) stop() {
	for _, stop := range s.stops {
		stop()
	}
	s.stops = nil
}

// showStatus follows the controller. Hidden, only the tray is updated.
func (s *shell) showStatus(st control.Status, jobs []control.Job) {
	s.last, s.lastJobs = st, jobs
	s.hist.currency = st.Rates.Currency // the earnings chart is in it, as the Today row is
	s.hist.accruing = st.Accruing       // and counts the running jobs, as it does
	s.tray.show(st)
	// The tray and Ctrl+1…4 ask before stopping a running job whatever
	// the window shows: the switch must know the jobs even while the
	// window is in the tray or on another screen.
	s.dash.modes.running = st.Running
	if !s.shown {
		return
	}
	switch s.tabs.Selected() {
	case s.screens["dashboard"]:
		s.dash.showStatus(st)
	case s.screens["jobs"]:
		s.jobs.showJobs(jobs, st.Mode)
	case s.screens["events"]:
		s.evts.poll() // the controller moved: there may be something to log
	case s.screens["history"]:
		s.hist.follow() // a first run's charts fill in as the rig records
	case s.screens["settings"]:
		s.sets.follow() // `rigshift settings` may have saved meanwhile
	}
	s.followSettings()
	if st.DataPath == "" && s.deps.History != nil {
		st.DataPath = s.deps.History.Path()
	}
	s.sets.showDataPath(st.DataPath)
}

// followSettings applies, off the UI goroutine, what the window itself
// keeps of the settings: `rigshift settings` may have saved meanwhile.
func (s *shell) followSettings() {
	if s.deps.Controller == nil {
		return // no settings but the defaults: RunApp applied none
	}
	go func() {
		st := s.ctl.Settings()
		runOnUI(func() { s.applySettings(st) })
	}()
}

// applySettings is the settings in the window: the dashboard colours
// temperatures by the thermal limits, and closing hides to the tray.
func (s *shell) applySettings(st control.Settings) {
	s.closeToTray = st.CloseToTray
	s.dash.setLimits(st)
}

// showSnapshot follows the telemetry: the cards are drawn when the live
// loop says so and the dashboard is on screen; otherwise the snapshot is
// only recorded, and kept to be drawn when the dashboard comes back.
func (s *shell) showSnapshot(snap *hardware.Snapshot, draw bool) {
	s.lastSnap = snap
	s.dash.update(snap, draw && s.onDashboard())
}

func (s *shell) onDashboard() bool { return s.shown && s.tabs.Selected() == s.screens["dashboard"] }

// show brings the window up with the latest status.
func (s *shell) show() {
	s.win.Show()
	if !s.fitted {
		s.fitted = true
		fitScreen(s.win)
	}
	s.win.RequestFocus()
	if !s.shown {
		s.shown = true
		s.jobsWanted.Store(true)
		if s.live != nil {
			s.live.rereadSoon() // the jobs were not read while the window was in the tray
		}
		s.onScreen(s.tabs.Selected())
	}
}

// onClose hides the window to the tray, or quits when the owner turned
// that off. Where the desktop shows no tray icons, hiding would leave
// RigShift running with no way back to it: the owner is asked instead.
func (s *shell) onClose() {
	saveSize(s.app, s.win)
	switch {
	case !s.closeToTray || s.tray == nil:
		s.quitAsking()
	case s.trayHost.Present():
		s.win.Hide()
		s.shown = false
		s.jobsWanted.Store(false)
		s.jobs.detail.follow("", false) // no log polling for a window in the tray
		s.tellInTray()
	default:
		s.askQuit()
	}
}

// trayNotice says, the first time the window goes to the tray, that
// RigShift goes on working there: a window that vanished read as a quit,
// with the GPUs still busy.
var trayNotice = control.Notice{Title: "RigShift keeps working in the tray",
	Body: "Mining and rental jobs go on. Its icon brings the window back; Quit there stops them."}

// trayToldKey remembers that the owner was told, so that it is said once.
const trayToldKey = "toldInTray"

func (s *shell) tellInTray() {
	p := s.app.Preferences()
	if p.Bool(trayToldKey) {
		return
	}
	p.SetBool(trayToldKey, true)
	s.notify(trayNotice)
}

// askQuit is closing without a tray: quitting stops the workloads. The
// running jobs are named, with what becomes of each, as the tray's Quit
// says it: a job whose client asked it fails rather than going back to
// the queue.
func (s *shell) askQuit() {
	text := "This desktop shows no tray icons, so RigShift cannot keep running in the tray: closing the window " +
		"quits it, and the GPUs neither mine nor rent until it runs again."
	if len(s.last.Running) > 0 {
		text += " " + control.JobsStoppedBy(s.last.Running, "Quitting RigShift")
	}
	s.ask("Quit RigShift?", text+" To keep the GPUs working with no window, run rigshift daemon instead.",
		"Keep the window", "Quit RigShift", s.quit)
}

// quitAsking quits, asking first while rental jobs run: quitting stops
// them, as Idle does, and one click on the tray's Quit (just below Show
// RigShift) should not throw away hours of a client's job.
func (s *shell) quitAsking() {
	if len(s.last.Running) == 0 {
		s.quit()
		return
	}
	s.ask("Quit RigShift?", control.JobsStoppedBy(s.last.Running, "Quitting RigShift"),
		"Keep running", "Quit RigShift", s.quit)
}

// quit ends the app; RunApp then calls Deps.Quit to stop the workloads.
func (s *shell) quit() {
	if s.shown {
		saveSize(s.app, s.win)
	}
	s.app.Quit()
}
