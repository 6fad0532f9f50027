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
	s.stops = append(s.stops, s.live.stop)
	s.dash.seedSparklines(s.deps.History, time.Now())
	if s.deps.Screen != "" {
		s.open(s.deps.Screen)
	}
	if !hidden || s.tray == nil {
		s.show()
	}
}

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
	s.tray.show(st)
	if !s.shown {
		return
	}
	switch s.tabs.Selected() {
	case s.screens["dashboard"]:
		s.dash.showStatus(st)
	case s.screens["jobs"]:
		s.jobs.showJobs(jobs)
	}
	if st.DataPath == "" && s.deps.History != nil {
		st.DataPath = s.deps.History.Path()
	}
	s.sets.showDataPath(st.DataPath)
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
	s.win.RequestFocus()
	if !s.shown {
		s.shown = true
		s.onScreen(s.tabs.Selected())
	}
}

// onClose hides the window to the tray, or quits when the owner turned
// that off (or there is no tray to come back from).
func (s *shell) onClose() {
	saveSize(s.app, s.win)
	if s.closeToTray && s.tray != nil {
		s.win.Hide()
		s.shown = false
		return
	}
	s.quit()
}

// quit ends the app; RunApp then calls Deps.Quit to stop the workloads.
func (s *shell) quit() {
	if s.shown {
		saveSize(s.app, s.win)
	}
	s.app.Quit()
}
