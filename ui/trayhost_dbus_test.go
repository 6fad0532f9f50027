//go:build linux

package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/rigshift/rigshift/jobs/control"
)

// The tray host is followed over D-Bus: a panel that starts or stops
// after RigShift is noticed.
func TestTrayHostFollowsWatcher(t *testing.T) {
	addr := privateBus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	h := watchTrayHost()
	defer h.Close()
	if h.Present() {
		t.Fatal("a tray host is reported on a bus without a StatusNotifierWatcher")
	}
	panel := connect(t, addr)
	own(t, panel, watcherName)
	waitUntil(t, "the watcher to be noticed", h.Present)
	if _, err := panel.ReleaseName(watcherName); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the watcher's end to be noticed", func() bool { return !h.Present() })
}

// Without a session bus there is no tray host, and none is started.
func TestTrayHostWithoutBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	h := watchTrayHost()
	defer h.Close()
	if h.Present() {
		t.Error("a tray host is reported without a session bus")
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// fakeDesktop stands in for the desktop app's tray calls.
type fakeDesktop struct{}

func (fakeDesktop) SetSystemTrayMenu(*fyne.Menu)    {}
func (fakeDesktop) SetSystemTrayIcon(fyne.Resource) {}
func (fakeDesktop) SetSystemTrayWindow(fyne.Window) {}

// Closing the window hides it to the tray only where the desktop shows
// the tray; elsewhere the owner is asked, and nothing is hidden for good.
func TestCloseWithoutTrayHostAsks(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, _ := newTestShell(t, Deps{Rig: rig})
	s.tray = &tray{app: fakeDesktop{}}
	s.onClose()
	if s.question == nil || !s.question.pop.Visible() || !s.shown {
		t.Fatal("closing with no tray host neither asked nor kept the window")
	}
	if !strings.Contains(texts(s.question.pop.Content), "shows no tray icons") {
		t.Errorf("the question does not say why: %q", texts(s.question.pop.Content))
	}
	s.question.close()

	s.trayHost = &trayHost{}
	s.trayHost.present.Store(true)
	s.onClose()
	if s.shown {
		t.Error("closing with a tray host did not hide the window to the tray")
	}
}

// Closing with no tray host over a running job names the job and says
// what happens to it, as the tray's Quit does: the question said "a
// running job goes back to the queue" of every job, even one whose client
// asked that an interrupted run fail.
func TestCloseWithoutTrayHostNamesTheRunningJob(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, ctl := newTestShell(t, Deps{Rig: rig})
	s.tray = &tray{app: fakeDesktop{}}
	runJobInShell(t, s, ctl, control.Rent)
	s.last.Running[0].Spec.OnInterrupt = control.FailJob
	s.onClose()
	if s.question == nil || !s.question.pop.Visible() || !s.shown {
		t.Fatal("closing with no tray host neither asked nor kept the window")
	}
	got := texts(s.question.pop.Content)
	for _, want := range []string{"shows no tray icons", "Rental job J-0048 for acme-ai", "it fails, as its client asked"} {
		if !strings.Contains(got, want) {
			t.Errorf("the question lacks %q: %q", want, got)
		}
	}
	if strings.Contains(got, "goes back to the queue") {
		t.Errorf("the question says the job that fails goes back to the queue: %q", got)
	}
}
