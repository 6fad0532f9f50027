package cli

import (
	"io"

	"github.com/rigshift/rigshift/cli/applog"
	"github.com/rigshift/rigshift/ui"
)

// withInstance is how the window and the daemon begin: open the log, start
// an instance that notifies on the desktop, say if the last run crashed,
// then run body. A panic in body is written to the log on its way out.
func withInstance(f instanceFlags, stderr io.Writer, body func(*instance) error) error {
	if err := f.check(); err != nil {
		return err // before anything starts: a typo must not start the rig
	}
	logs := applog.OpenOrStderr(applog.Options{Level: f.logLevel, Stderr: stderr})
	defer logs.Close()
	defer logs.Recover()
	notifier := ui.NewNotifier("RigShift")
	in, err := startInstance(f, notifier, logs.Logger)
	if err != nil {
		return err
	}
	tellAboutLastCrash(notifier)
	return body(in)
}
