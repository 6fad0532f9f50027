package cli

import (
	"github.com/rigshift/rigshift/cli/applog"
	"github.com/rigshift/rigshift/jobs/control"
)

// tellAboutLastCrash shows a desktop notice when the previous run crashed:
// a RigShift started from the menu has no terminal to print that on.
func tellAboutLastCrash(n control.Notifier) {
	path, ok := applog.LastCrash()
	if !ok {
		return
	}
	go func() {
		_ = n.Notify(control.Notice{Title: "RigShift stopped unexpectedly last time",
			Body: "The crash report is in " + path + ". Please attach it when you report the problem."})
	}()
}
