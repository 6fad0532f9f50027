package cli

import (
	"log/slog"

	"github.com/rigshift/rigshift/cli/applog"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/store"
)

// tellAboutLastCrash shows a desktop notice when the previous run crashed
// (a RigShift started from the menu has no terminal to print that on), and
// keeps it in the event log, which a rig without a desktop has too.
func tellAboutLastCrash(n control.Notifier, st *store.Store, log *slog.Logger) {
	path, ok := applog.LastCrash()
	if !ok {
		return
	}
	const title = "RigShift stopped unexpectedly last time"
	body := "The crash report is in " + path + ". Please attach it when you report the problem."
	if err := st.AppendEvent(store.Event{Kind: store.EventKindCrashed, Title: title, Message: body}); err != nil {
		log.Warn("the last crash is not in the event log", "err", err)
	}
	go func() { _ = n.Notify(control.Notice{Title: title, Body: body}) }()
}
