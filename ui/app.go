package ui

import (
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
)

// AppID is RigShift's application ID, as in FyneApp.toml.
const AppID = "io.rigshift.app"

// RunApp is the desktop's one entry point: it opens the window (unless
// d.StartHidden or the settings say to start in the tray) and the system
// tray, keeps them live, and blocks until RigShift quits. Then it calls
// d.Quit to stop the workloads and returns its error. Call it from main's
// goroutine: Fyne needs it for the window system.
func RunApp(d Deps) error {
	// The window lives for weeks on a small heap that hardly changes
	// (13 MB live, most of it parsed fonts) and allocates little between
	// frames: a quarter of the default GC headroom keeps 3.5–4 MB of memory
	// off it (161 → 157–158 MB under software GL, 8 GPUs) for a GC every
	// few seconds at most, no CPU measurable beside it. GOGC, when set,
	// wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(25)
	}
	makeCacheDir()
	loginArgs, loginInstance = d.LoginArgs, d.LoginInstance
	a := app.NewWithID(AppID)
	quitOnSignals(a, d.Signals)
	a.SetIcon(appIcon)
	a.Settings().SetTheme(newRigTheme(loadAppearance(a)))
	s := newShell(a, d)
	skipDepthBuffer() // before s.start shows the window
	s.trayHost = watchTrayHost()
	defer s.trayHost.Close()
	hidden := d.StartHidden
	if d.Controller != nil {
		set := d.Controller.Settings() // fine here: the UI loop is not running yet
		hidden = hidden || set.StartMinimised
		s.closeToTray = set.CloseToTray
		s.dash.setLimits(set)
		if set.StartAtLogin {
			go refreshAutostart(set.StartMinimised) // this program may have moved since the entry was written
		}
	}
	a.Lifecycle().SetOnStopped(func() { saveSize(a, s.win) })
	s.start(hidden)
	if d.OfferShow != nil {
		d.OfferShow(func() { runOnUI(s.show) })
	}
	a.Run()
	s.tray.close() // off the desktop now: stopping the workloads can take a while
	if d.OfferShow != nil {
		d.OfferShow(nil)
	}
	s.stop()
	if d.Quit != nil {
		return d.Quit()
	}
	return nil
}

// loginArgs and loginInstance are Deps.LoginArgs and LoginInstance, for
// the autostart entry: RunApp runs once a process.
var (
	loginArgs     []string
	loginInstance string
)

// quitOnSignals quits on SIGHUP, SIGINT and SIGTERM, as the tray's Quit
// does. Fyne catches the last two only once its loop runs, and never
// SIGHUP: the desktop session ending stops its processes with SIGTERM and
// at once SIGHUP, and closing the terminal RigShift was started from sends
// SIGHUP alone, and either ended RigShift on the spot, its jobs unbilled
// and killed without their grace. The signals stay caught until RigShift
// exits, so that one during the stop does not cut it short.
// signals, when set, are already caught (since before the rig's work
// started); else they are caught from here.
func quitOnSignals(a fyne.App, signals <-chan os.Signal) {
	if signals == nil {
		own := make(chan os.Signal, 1)
		signal.Notify(own, syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM)
		signals = own
	}
	go func() {
		<-signals
		fyne.Do(a.Quit) // run by the loop once it runs
	}()
}

// makeCacheDir makes the folder Fyne keeps its cache in. Fyne creates only
// its last two levels, so on a new account without ~/.cache it logged an
// error at every start and ran without a cache.
func makeCacheDir() {
	if dir, err := os.UserCacheDir(); err == nil {
		_ = os.MkdirAll(filepath.Join(dir, "fyne", AppID), 0o700) // Fyne says so itself if this failed
	}
}
