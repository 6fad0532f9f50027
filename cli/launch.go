package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/rigshift/rigshift/cli/applog"
	"github.com/rigshift/rigshift/store"
	"github.com/rigshift/rigshift/ui"
)

// withInstance is how the window and the daemon begin: open the log, start
// an instance that notifies on the desktop, say if the last run crashed,
// then run body. A panic in body is written to the log on its way out.
func withInstance(f instanceFlags, stderr io.Writer, body func(*instance) error) error {
	if err := f.check(); err != nil {
		return err // before anything starts: a typo must not start the rig
	}
	outliveConsole()
	dir, _ := logDir(f) // "": applog's default, or its error on stderr
	logs := applog.OpenOrStderr(applog.Options{Dir: dir, Level: f.logLevel, Stderr: stderr})
	defer logs.Close()
	defer logs.Recover()
	notifier := ui.NewNotifier("RigShift")
	signals := catchStopSignals()
	defer signal.Stop(signals)
	started(f)
	in, err := startInstance(f, notifier, logs.Logger)
	if err != nil {
		return err
	}
	in.signals = signals
	tellAboutLastCrash(notifier, in.store, logs.Logger)
	return body(in)
}

// catchStopSignals catches Ctrl-C, SIGTERM and SIGHUP from before the
// instance starts: its workloads start with it, and a signal before the
// window or the daemon took them (a service stopped as the machine boots)
// ended RigShift on the spot, its miners left running. The body acts on
// what was caught meanwhile.
func catchStopSignals() chan os.Signal {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	return signals
}

// started is called as the instance starts; tests signal there.
var started = func(instanceFlags) {}

// logDir is where the instance keeps its log and crash files. The real
// rig's RigShift and a simulated one run at once, with their own data
// directories; on one shared rigshift.log each rotated the file the other
// was writing away, and lines were lost. So the default data directory's
// log stays in applog.DefaultDir(), where the README says, and any other
// data directory's is in a folder of its own there, named after it and a
// hash of its path, links followed (two data directories may share a
// name): rigshift-simulated-3f2a9c1b7d0e.
func logDir(f instanceFlags) (string, error) {
	base, err := applog.DefaultDir()
	if err != nil {
		return "", err
	}
	dir, err := f.resolveDataDir()
	if err != nil {
		return "", err
	}
	if isDefaultDir(dir) {
		return base, nil
	}
	dir = followLinks(dir) // one folder however it is reached: its log and crash report in one place
	sum := sha256.Sum256([]byte(dir))
	return filepath.Join(base, filepath.Base(dir)+"-"+hex.EncodeToString(sum[:])[:12]), nil
}

// isDefaultDir reports whether dir is the default data directory, however
// either is reached (a link to a bigger disk, /home a link to /var/home):
// it is one RigShift, with one socket, one log and one autostart entry.
func isDefaultDir(dir string) bool {
	def, err := store.DefaultDir()
	return err == nil && followLinks(dir) == followLinks(def)
}

// followLinks is the absolute path dir with its symbolic links followed,
// as far as it exists: a data directory not made yet (the first start)
// gets the name it has once it is made.
func followLinks(dir string) string {
	var rest []string
	for p := dir; ; p = filepath.Dir(p) {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{real}, rest...)...)
		}
		if filepath.Dir(p) == p {
			return dir
		}
		rest = append([]string{filepath.Base(p)}, rest...)
	}
}

// outliveConsole keeps the rig running when its console goes away: Go ends
// a program that writes to a broken pipe on its output with SIGPIPE, so a
// daemon piped into a program that quit, or started over an ssh session
// without a terminal that dropped, died at its next log line, with no
// clean stop (its jobs unbilled, their children left running). Asked for,
// the signal is only delivered, and such writes fail quietly; not
// ignored, which the workloads would inherit.
func outliveConsole() {
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
}
