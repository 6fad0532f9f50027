package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/rigshift/rigshift/hardware"
)

// AppID is RigShift's application ID, as in FyneApp.toml.
const AppID = "io.rigshift.app"

// Run opens the RigShift window and blocks until it is closed.
func Run(rig Rig) {
	a := app.NewWithID(AppID)
	a.SetIcon(appIcon)
	w := NewWindow(a, rig)
	w.ShowAndRun()
}

// NewWindow builds the main window on a and starts feeding it telemetry;
// the feed stops when the window closes.
func NewWindow(a fyne.App, rig Rig) fyne.Window {
	w := a.NewWindow("RigShift")
	w.SetIcon(appIcon)
	dash := newDashboard(rig)
	w.SetContent(dash.build())
	w.Resize(fyne.NewSize(840, 720))
	if rig.Feed != nil {
		stop := follow(rig.Feed, dash.update)
		w.SetOnClosed(stop)
	}
	return w
}

// follow hands each snapshot from feed to show on the UI goroutine, until
// the returned function is called.
func follow(feed Feed, show func(*hardware.Snapshot)) (stop func()) {
	snaps, unsubscribe := feed.Subscribe()
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case snap := <-snaps:
				fyne.Do(func() { show(&snap) })
			}
		}
	}()
	return func() { unsubscribe(); close(done) }
}
