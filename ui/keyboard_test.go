package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

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
