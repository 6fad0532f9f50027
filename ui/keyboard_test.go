package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/rigshift/rigshift/jobs/control"
)

// pressSpace delivers Space as the desktop driver does: to the focused
// widget (a button taps itself on Space).
func pressSpace(c fyne.Canvas) {
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		f.TypedRune(' ')
	}
}

// A widget keeps the keyboard focus only while its screen shows: after
// Ctrl+N from the dashboard, the Mine button focused there stayed focused
// out of sight, and Space, once the dialog was closed, switched the rig to
// Mine.
func TestFocusDoesNotStayOnAHiddenScreen(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, ctl := newTestShell(t, Deps{Rig: rig})
	c := s.win.Canvas()
	c.Focus(s.dash.modes.buttons[1]) // Mine, reached with Tab
	s.onAddJob()
	pressEscape(c)
	if c.Overlays().Top() != nil {
		t.Fatal("Escape left the add-job dialog open")
	}
	pressSpace(c)
	time.Sleep(50 * time.Millisecond) // the switch is asked for off the UI goroutine
	if m := calls(ctl, func() []control.Mode { return ctl.modes }); len(m) != 0 {
		t.Errorf("Space on the jobs screen switched the rig to %v, from a button out of sight", m)
	}
}

// press runs the window's shortcut for key with modifier, as the desktop
// driver would (the test canvas cannot type shortcuts).
func press(t *testing.T, s *shell, mod fyne.KeyModifier, key fyne.KeyName) {
	t.Helper()
	want := (&desktop.CustomShortcut{KeyName: key, Modifier: mod}).ShortcutName()
	for _, sc := range s.shortcuts() {
		if sc.key.ShortcutName() == want {
			sc.do()
			return
		}
	}
	t.Fatalf("the window has no shortcut %s", want)
}

// Every screen can be reached from the keyboard: the list of screens on
// the left takes no focus, and only the dashboard's settings button and
// Ctrl+N (the jobs) led off the dashboard.
func TestKeysWalkTheScreens(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, _ := newTestShell(t, Deps{Rig: rig, History: &fakeHistory{}})
	t.Cleanup(func() { s.hist.loads.Wait() })
	ctl := fyne.KeyModifierShortcutDefault
	for _, want := range []string{"Jobs", "History", "Settings", "Events", "Dashboard"} {
		press(t, s, ctl, fyne.KeyPageDown)
		if got := s.tabs.Selected().Text; got != want {
			t.Fatalf("Ctrl+Page Down opened %s, not %s", got, want)
		}
	}
	press(t, s, ctl|fyne.KeyModifierShift, fyne.KeyTab)
	if got := s.tabs.Selected().Text; got != "Events" {
		t.Errorf("Ctrl+Shift+Tab from the dashboard opened %s, not the events", got)
	}
	press(t, s, ctl, fyne.KeyTab)
	if got := s.tabs.Selected().Text; got != "Dashboard" {
		t.Errorf("Ctrl+Tab from the events opened %s, not the dashboard", got)
	}
	press(t, s, ctl, fyne.KeyPageUp)
	if got := s.tabs.Selected().Text; got != "Events" {
		t.Errorf("Ctrl+Page Up from the dashboard opened %s, not the events", got)
	}
}
