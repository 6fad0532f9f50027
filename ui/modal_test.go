package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/rigshift/rigshift/jobs/control"
)

// pressEscape delivers Escape as the desktop driver does: to the focused
// widget, or to the window when nothing has the focus.
func pressEscape(c fyne.Canvas) {
	ev := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// Escape closes a question as its "no" button does, and does the "yes"
// thing never.
func TestEscapeAnswersNo(t *testing.T) {
	testApp(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(defaultSize)
	said := false
	m := confirm(w, "Quit RigShift?", "Closing the window quits it.", "Keep the window", "Quit RigShift", func() { said = true })
	pressEscape(w.Canvas())
	if m.pop.Visible() {
		t.Error("Escape leaves the question open")
	}
	if said {
		t.Error("Escape answered yes")
	}
}

// Escape in the add-job dialog, typing in a field, closes it and adds
// nothing: Fyne's entry keeps Escape to itself.
func TestEscapeClosesAddJob(t *testing.T) {
	f, ctl := openAddJob(t)
	c := f.dlg.pop.Canvas
	test.Type(f.entries["client"], "acme-ai")
	if c.Focused() == nil {
		t.Fatal("the client field has no focus")
	}
	pressEscape(c)
	if f.dlg.pop.Visible() {
		t.Error("Escape in a field leaves the dialog open")
	}
	time.Sleep(20 * time.Millisecond)
	if len(calls(ctl, func() []control.JobSpec { return ctl.added })) != 0 {
		t.Error("Escape added the job")
	}
}

// With two dialogs open, Escape closes the top one only.
func TestEscapeClosesTopDialogOnly(t *testing.T) {
	testApp(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(defaultSize)
	under := tell(w, "Export failed", "The disk is full.")
	over := tell(w, "Export failed", "The disk is still full.")
	pressEscape(w.Canvas())
	if over.pop.Visible() || !under.pop.Visible() {
		t.Fatalf("after one Escape: top open %v, under open %v", over.pop.Visible(), under.pop.Visible())
	}
	pressEscape(w.Canvas())
	if under.pop.Visible() {
		t.Error("the second Escape leaves the dialog under open")
	}
}
