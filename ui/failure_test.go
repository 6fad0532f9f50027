package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// A start that fails says so in a window, with the message whole and
// selectable, and closes.
func TestStartFailureSaysWhy(t *testing.T) {
	testApp(t)
	why := "database /home/me/.local/share/rigshift/rigshift.db is damaged; move it aside"
	closed := 0
	w := test.NewWindow(startFailure(why, func() { closed++ }))
	defer w.Close()
	w.Resize(fyne.NewSize(560, 300))
	got := texts(w.Content())
	if !strings.Contains(got, "RigShift could not start") || !strings.Contains(got, why) {
		t.Errorf("the window reads:\n%s", got)
	}
	test.Tap(findButton(t, w.Content(), "Close"))
	if closed != 1 {
		t.Error("Close does not close")
	}
}
