package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/store"
	"github.com/rigshift/rigshift/ui"
)

// runWindow opens the desktop window and the tray on a running instance.
// Launched again while it runs (from the menu, say), it shows the running
// one's window instead.
func runWindow(args []string, stdout, stderr io.Writer) error {
	f := instanceFlags{window: true}
	hidden := false
	fs := newFlagSet("window", stderr, "rigshift --simulate 4")
	f.register(fs)
	fs.BoolVar(&hidden, "hidden", false, "start in the system tray without showing the window")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkDisplay(); err != nil {
		return err // before the rig's work starts: the window library would crash on its way up
	}
	login, err := loginArgs(fs)
	if err != nil {
		return err
	}
	err = withInstance(f, stderr, func(in *instance) error {
		return ui.RunApp(ui.Deps{
			Rig: ui.Rig{System: in.rig.system(), GPUs: in.rig.gpus(), GPUErr: in.rig.gpuErr,
				Host: in.rig.host.Info(), Feed: in.sampler},
			Controller:    in.ctrl,
			History:       ui.StoreHistory(in.store),
			StartHidden:   hidden,
			OfferShow:     in.offerWindow,
			Quit:          in.stop,
			Signals:       in.signals,
			Version:       Version,
			LoginArgs:     login,
			LoginInstance: loginInstance(in.store.Path()),
		})
	})
	if alreadyRunning(err) {
		err = showRunningWindow(f, err, hidden, stdout) // nil once its window is up, or left as it is
	}
	var usage usageError
	if err != nil && !errors.As(err, &usage) {
		startFailed(err.Error())
	}
	return err
}

// loginArgs are the flags given on fs but --hidden, which "Start at login"
// passes on: login starts this RigShift, with its data directory (made
// absolute: the desktop starts it in another folder), simulated rig,
// metrics and log level, and not the default data directory's. Whether it
// starts in the tray is the setting's to say.
func loginArgs(fs *flag.FlagSet) ([]string, error) {
	var args []string
	var bad error
	fs.Visit(func(f *flag.Flag) {
		v := f.Value.String()
		switch f.Name {
		case "hidden":
			return
		case "data-dir":
			if abs, err := filepath.Abs(v); err != nil {
				bad = fmt.Errorf("the data directory: %w", err)
			} else {
				v = abs
			}
		}
		args = append(args, "--"+f.Name+"="+v)
	})
	return args, bad
}

// loginInstance names the RigShift keeping its history in db for the
// autostart entry: its data directory, or "" for the default one's.
// The default directory reached through a link, or a link to it, is the
// default one's: two entries would start the same RigShift twice.
func loginInstance(db string) string {
	dir := filepath.Dir(db)
	if isDefaultDir(dir) {
		return ""
	}
	return dir
}

// startFailed shows why the window could not start, in a window, when
// RigShift was started from the desktop (a display, and no terminal to
// read stderr on); from a terminal, stderr says it. Tests replace it.
var startFailed = func(why string) {
	if (os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "") && !isTerminal(os.Stderr) {
		ui.ShowStartFailure(why)
	}
}

// checkDisplay refuses to open the window where there is no display to
// open it on: typed over ssh, say, or on a rig without a desktop.
func checkDisplay() error {
	if !needsDisplay || os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" {
		return nil
	}
	return errors.New("there is no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set); " +
		"on a rig without a desktop, run `rigshift daemon` and reach it with `rigshift status`")
}

func alreadyRunning(err error) bool {
	return errors.Is(err, store.ErrLocked) || errors.Is(err, socket.ErrAlreadyServing)
}

// showRunningWindow asks the RigShift that holds the data directory to show
// its window. running is why this launch could not start; it is what the
// owner reads when the other RigShift cannot show a window either. A
// launch into the tray (hidden: start at login) leaves a RigShift that
// answers as it is: the rig is looked after, as that launch wanted.
func showRunningWindow(f instanceFlags, running error, hidden bool, stdout io.Writer) error {
	dir, err := f.resolveDataDir()
	if err != nil {
		return running
	}
	c, err := dialWhileStarting(dir, running)
	if errors.Is(err, socket.ErrNotRunning) && errors.Is(running, store.ErrLocked) {
		// The database is held, and nobody answers: a RigShift closes its
		// socket first when it stops, then stops its jobs (seconds, up to
		// a minute); one starting may take longer than we waited; or a
		// command that opens the database itself runs.
		return fmt.Errorf("the database %s is in use: RigShift is still starting, or still stopping its miners and jobs, "+
			"or a `rigshift db compact` or export is using it; start RigShift again in a moment", filepath.Join(dir, store.FileName))
	}
	if err == nil && hidden {
		c.Close()
		fmt.Fprintln(stdout, "RigShift is already running.")
		return nil
	}
	if err == nil {
		defer c.Close()
		err = noWindow(dir, c.ShowWindow())
	}
	if err != nil {
		return fmt.Errorf("%w, and it did not show its window: %w", running, err)
	}
	fmt.Fprintln(stdout, "RigShift is already running: its window is shown.")
	return nil
}

// noWindow names the data folder dir in the commands that reach a daemon
// without a window (err is socket.ErrNoWindow): the socket's own words,
// "use `rigshift status`", asked the default folder's RigShift, which
// said it was not running.
func noWindow(dir string, err error) error {
	if !errors.Is(err, socket.ErrNoWindow) || isDefaultDir(dir) {
		return err
	}
	flag := " --data-dir " + cmdline.Quote([]string{dir})
	return fmt.Errorf("the RigShift that is running has no window (it runs as `rigshift daemon%[1]s`); "+
		"use `rigshift status%[1]s` and `rigshift mode%[1]s`, or stop the daemon and start the app with `rigshift%[1]s`", flag)
}

// startingWait is how long a launch that found the database held waits
// for the RigShift holding it to answer: launched twice at once (a double
// click), the first holds the database a moment before it listens, while
// it opens the GPUs and restores the jobs.
var startingWait = 5 * time.Second

// dialWhileStarting dials the RigShift of dir, waiting up to startingWait
// for one that holds the database (running) to answer.
func dialWhileStarting(dir string, running error) (*socket.Client, error) {
	held, deadline := errors.Is(running, store.ErrLocked), time.Now().Add(startingWait)
	for {
		c, err := socket.Dial(dir)
		if !held || !errors.Is(err, socket.ErrNotRunning) || time.Now().After(deadline) {
			return c, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// offerWindow lets a second launch show this window over the control
// socket; show is nil once the window has gone.
func (in *instance) offerWindow(show func()) {
	if show == nil {
		in.server.SetWindow(nil)
		return
	}
	in.server.SetWindow(func() error { show(); return nil })
}
