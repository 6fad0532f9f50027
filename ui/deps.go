package ui

import (
	"os"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
)

// Deps is everything the desktop needs from the rest of RigShift. main (or
// the daemon) builds it once and hands it to RunApp.
type Deps struct {
	// Rig is the inventory and the live telemetry feed (*hardware.Sampler).
	Rig Rig
	// Controller switches modes, queues jobs and keeps the settings
	// (*control.Controller). Nil opens a read-only window that says the
	// controller is not running.
	Controller control.API
	// History answers the charts, the event log and the CSV exports
	// (StoreHistory over *store.Store). Nil shows "no history yet".
	History History
	// StartHidden starts in the tray without showing the window (also
	// when the settings say "start minimised").
	StartHidden bool
	// Quit is called once, after the window and the tray are gone and
	// whatever ended the app (the tray's Quit, closing the window when
	// "close to tray" is off, SIGTERM): it should stop the workloads
	// cleanly. RunApp returns its error.
	Quit func() error
	// Signals, when set, carry SIGHUP, SIGINT and SIGTERM, caught since
	// before the rig's work started: each quits as the tray's Quit does.
	// Nil: RunApp catches them itself.
	Signals <-chan os.Signal
	// Screen is the screen shown first: "dashboard" (the default), "jobs",
	// "history", "settings" or "events".
	Screen string
	// OfferShow, when set, is called once the window exists with a
	// function that brings it up, safe from any goroutine (a second launch
	// of the app asks for it over the control socket), and with nil once
	// the window has gone.
	OfferShow func(show func())
	// Refresh, when set, overrides the dashboard refresh picked in the
	// settings for this run (the demo measures each choice with it).
	Refresh time.Duration
	// Version is RigShift's, shown in the settings ("" shows none).
	Version string
	// LoginArgs are the command-line flags "Start at login" starts
	// RigShift with: the ones this RigShift was started with (its data
	// directory, a simulated rig), so that login starts this one.
	LoginArgs []string
	// LoginInstance is this RigShift's data directory where it is not the
	// default one (a simulated rig's, --data-dir), "" where it is: the
	// autostart entry says whose it is, and one RigShift leaves another's
	// alone.
	LoginInstance string
}

// modeSetter is what the mode switch, the shortcuts and the tray ask of
// the controller.
type modeSetter interface {
	SetMode(m control.Mode) error
}

// gpuAsider is what a GPU card's menu asks of the controller.
type gpuAsider interface {
	SetGPUAside(uuid string, aside bool) error
}

// rigControl is what the dashboard asks of the controller: modes, and
// GPUs set aside.
type rigControl interface {
	modeSetter
	gpuAsider
}

// jobQueue is what the jobs screen asks of the controller.
type jobQueue interface {
	AddJob(spec control.JobSpec) (control.Job, error)
	CancelJob(id string) error
	MoveJob(id string, position int) error
	JobLogs(id string, lines int) ([]string, error)
}

// settingsKeeper is what the settings screen asks of the controller.
type settingsKeeper interface {
	Settings() control.Settings
	SaveSettings(s control.Settings) error
}

// statusSource is what the live loop reads: the controller's state and its
// change signal.
type statusSource interface {
	Status() control.Status
	Jobs() []control.Job
	Subscribe() (<-chan struct{}, func())
}
