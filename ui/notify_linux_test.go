package ui

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/rigshift/rigshift/jobs/control"
)

// Without a session bus (RigShift started by cron, or a service outside
// the owner's session) every notice started a bus of its own through
// godbus's dbus-launch, and a dbus-daemon stayed behind for each. A notice
// with no session to show it on now fails at once, starting nothing.
func TestNoticeWithoutASessionBusStartsNothing(t *testing.T) {
	bin := t.TempDir()
	started := filepath.Join(t.TempDir(), "started")
	for _, tool := range []string{"dbus-launch", "dbus-daemon", "notify-send", "kdialog"} {
		script := "#!/bin/sh\necho " + tool + " >>" + started + "\nexit 1\n"
		if err := os.WriteFile(filepath.Join(bin, tool), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir()) // no bus socket in it
	err := NewNotifier("RigShift").Notify(control.Notice{Kind: control.NoticeJobDone, Title: "Job J-0001 finished"})
	if !errors.Is(err, errNoDesktopSession) {
		t.Errorf("Notify without a session bus: %v", err)
	}
	if ran, err := os.ReadFile(started); err == nil {
		t.Errorf("a notice without a session bus started %s", ran)
	}
}
