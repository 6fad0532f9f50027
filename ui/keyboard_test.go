package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

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

// typeShortcut delivers a shortcut to the focused widget, as the desktop
// driver does when that widget takes shortcuts (an entry does).
func typeShortcut(t *testing.T, c fyne.Canvas, sc fyne.Shortcut) {
	t.Helper()
	f, ok := c.Focused().(fyne.Shortcutable)
	if !ok {
		t.Fatalf("%T has the focus, which takes no shortcuts", c.Focused())
	}
	f.TypedShortcut(sc)
}

// The window's shortcuts work while a settings field has the focus: Fyne's
// entry kept them, and Ctrl+2 typed in the electricity price did nothing.
func TestShortcutsWorkFromASettingsField(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, ctl := newTestShell(t, Deps{Rig: rig})
	s.open("settings")
	c := s.win.Canvas()
	c.Focus(s.sets.entries["price"])
	typeShortcut(t, c, ctrl(fyne.Key2))
	eventually(t, "SetMode(Mine) from the price field", func() bool {
		m := calls(ctl, func() []control.Mode { return ctl.modes })
		return len(m) == 1 && m[0] == control.Mine
	})
	typeShortcut(t, c, ctrl(fyne.KeyPageDown))
	if got := s.tabs.Selected().Text; got != "Events" {
		t.Errorf("Ctrl+Page Down from a settings field opened %s, not the events", got)
	}
}

// pressKey delivers key as the desktop driver does: to the focused
// widget, or to the window when nothing has the focus.
func pressKey(c fyne.Canvas, key fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: key}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// Tab walks the add-job dialog in the order it reads, top to bottom, and
// leaves the Environment field (several lines) for the next: the field
// kept Tab to itself, and the owner could reach neither "If interrupted"
// nor Add job from the keyboard.
func TestTabWalksTheAddJobDialog(t *testing.T) {
	f, _ := openAddJob(t)
	c := f.dlg.pop.Canvas
	var got []string
	for range 12 {
		switch w := c.Focused().(type) {
		case *dialogEntry:
			for k, e := range f.entries {
				if e == w {
					got = append(got, k)
				}
			}
		default:
			got = append(got, fmt.Sprintf("%T", w))
		}
		if tb, ok := c.Focused().(fyne.Tabbable); ok && tb.AcceptsTab() {
			t.Fatalf("after %v, Tab stays in the field", got)
		}
		c.FocusNext()
	}
	want := "client description command gpus price max dir env *ui.choice *ui.choice *ui.dialogButton *ui.dialogButton"
	if strings.Join(got, " ") != want {
		t.Errorf("Tab walks the dialog as\n%s, not\n%s", strings.Join(got, " "), want)
	}
}

// A dialog's button reached with Tab answers Enter as it does Space, and
// lets Escape close the dialog: Fyne's button took only Space, and kept
// Escape and Enter to itself.
func TestFocusedDialogButtonsTakeEnterAndEscape(t *testing.T) {
	testApp(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(defaultSize)
	c := w.Canvas()
	said := false
	m := confirm(w, "Switch to Mine?", "J-0001 is stopped.", "Keep renting", "Switch to Mine", func() { said = true })
	c.FocusNext() // Keep renting
	pressKey(c, fyne.KeyEscape)
	if m.pop.Visible() || said {
		t.Fatalf("Escape on Keep renting: open %v, switched %v", m.pop.Visible(), said)
	}
	m = confirm(w, "Switch to Mine?", "J-0001 is stopped.", "Keep renting", "Switch to Mine", func() { said = true })
	c.FocusNext()
	c.FocusNext() // Switch to Mine
	pressKey(c, fyne.KeyReturn)
	if m.pop.Visible() || !said {
		t.Errorf("Enter on Switch to Mine: open %v, switched %v", m.pop.Visible(), said)
	}
}

// focusOrder is what Tab reaches, from nothing focused, n times.
func focusOrder(c fyne.Canvas, n int) []string {
	c.Unfocus()
	var got []string
	for range n {
		c.FocusNext()
		switch w := c.Focused().(type) {
		case *widget.Button:
			got = append(got, w.Text)
		case *keyButton:
			got = append(got, w.Text)
		default:
			got = append(got, fmt.Sprintf("%T", w))
		}
	}
	return got
}

// Tab walks the jobs screen top to bottom: the buttons above the table
// first (those that can act on the job picked), then the table. It began
// in the table and reached Add job after it.
func TestTabWalksTheJobsScreenTopDown(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	got := strings.Join(focusOrder(fyne.CurrentApp().Driver().CanvasForObject(tab.table), 3), ", ")
	if want := "Add job, Cancel job, *widget.Table"; got != want {
		t.Errorf("Tab walks the jobs screen as %s, not %s", got, want)
	}
}

// Tab walks the event log top to bottom: the filter above the log first.
func TestTabWalksTheEventLogTopDown(t *testing.T) {
	tab, _ := openEvents(t, rigEvents(time.Now()))
	got := strings.Join(focusOrder(fyne.CurrentApp().Driver().CanvasForObject(tab.list), 2), ", ")
	if want := "*widget.Select, *widget.List"; got != want {
		t.Errorf("Tab walks the event log as %s, not %s", got, want)
	}
}

// focusPolicy Tabs from the client field to the add-job dialog's first
// "If interrupted" choice, past the eight fields.
func focusPolicy(t *testing.T, f *addJobForm) fyne.Canvas {
	t.Helper()
	c := f.dlg.pop.Canvas
	for range len(addJobFields) {
		c.FocusNext()
	}
	if _, ok := c.Focused().(*dialogEntry); ok || c.Focused() == nil {
		t.Fatalf("Tab from the client field reached %T, not the first choice of \"If interrupted\"", c.Focused())
	}
	return c
}

// Escape closes the add-job dialog with "If interrupted" focused, as from
// a field or a button: Fyne's radio button kept every key but Space, and
// the dialog stayed open.
func TestEscapeOnTheAddJobChoiceClosesIt(t *testing.T) {
	f, _ := openAddJob(t)
	pressKey(focusPolicy(t, f), fyne.KeyEscape)
	if f.dlg.pop.Visible() {
		t.Error("Escape with \"If interrupted\" focused leaves the add-job dialog open")
	}
}

// The arrow keys move the add-job dialog's "If interrupted" choice, and
// Enter there adds the job, as from a field: the radio buttons took
// neither, and the owner had to Tab on to Add job.
func TestArrowsAndEnterOnTheAddJobChoice(t *testing.T) {
	f, ctl := openAddJob(t)
	test.Type(f.entries["client"], "acme-ai")
	test.Type(f.entries["command"], "python train.py")
	f.entries["price"].SetText("0.45")
	c := focusPolicy(t, f)
	pressKey(c, fyne.KeyRight)
	if f.policy.Selected != "Mark it failed" {
		t.Fatalf("Right on \"Run it again from the start\" picked %q, not \"Mark it failed\"", f.policy.Selected)
	}
	pressKey(c, fyne.KeyReturn)
	eventually(t, "AddJob from Enter on the choice", func() bool {
		return len(calls(ctl, func() []control.JobSpec { return ctl.added })) == 1
	})
	if got := calls(ctl, func() []control.JobSpec { return ctl.added })[0].OnInterrupt; got != control.FailJob {
		t.Errorf("the job was added with policy %q, not the one picked with the arrow", got)
	}
}

// The arrow keys move History's range, and the charts follow: the radio
// buttons took Space only.
func TestArrowsMoveTheHistoryRange(t *testing.T) {
	tab, w := historyTabInWindow(t)
	c := w.Canvas()
	c.FocusNext() // 1 h, the screen's first control
	pressKey(c, fyne.KeyRight)
	if tab.span != 24*time.Hour {
		t.Fatalf("Right on 1 h charts %v, not 24 h", tab.span)
	}
	pressKey(c, fyne.KeyLeft)
	pressKey(c, fyne.KeyLeft) // past the first: round to the last, as a select's arrows go
	if tab.span != 30*24*time.Hour {
		t.Errorf("Left twice from 24 h charts %v, not 30 d", tab.span)
	}
}

// Space on a screen's button leaves the focus on it, so that it can be
// pressed again: Fyne's button dropped the focus on every press, and
// moving a job down two places took Tab from the top of the screen
// between the two presses of Move down.
func TestSpaceKeepsTheFocusOnTheButton(t *testing.T) {
	tab, ctl := newTestJobsTab(t)
	c := fyne.CurrentApp().Driver().CanvasForObject(tab.table)
	tab.onSelect(1) // J-0003, first in the queue
	down := tab.buttons["down"]
	c.Focus(down)
	pressSpace(c)
	eventually(t, "MoveJob", func() bool { return len(calls(ctl, func() []string { return ctl.moved })) == 1 })
	if c.Focused() != fyne.Focusable(down) {
		t.Errorf("after Space on Move down the focus is on %T, not on the button", c.Focused())
	}
}

// Escape on the question a button asked gives the focus back to that
// button, where the owner was: it went nowhere, and the next Tab began at
// the top of the screen.
func TestEscapeGivesTheFocusBackToTheButtonThatAsked(t *testing.T) {
	tab, ctl := newTestJobsTab(t)
	c := fyne.CurrentApp().Driver().CanvasForObject(tab.table)
	tab.onSelect(0) // J-0002, running: cancelling it asks
	cancel := tab.buttons["cancel"]
	c.Focus(cancel)
	pressSpace(c)
	if tab.asking == nil || !tab.asking.pop.Visible() {
		t.Fatal("Space on Cancel job asks nothing about a running job")
	}
	pressEscape(c)
	if c.Focused() != fyne.Focusable(cancel) {
		t.Errorf("after Escape on \"Cancel J-0002?\" the focus is on %T, not on Cancel job", c.Focused())
	}
	if len(calls(ctl, func() []string { return ctl.canceled })) != 0 {
		t.Error("Escape cancelled the job")
	}
}

// When Move up, pressed from the keyboard, brings the job to the front of
// the queue and disables itself, the focus moves on to Move down: it
// stayed on the disabled button, unseen, and the next Tab began at the
// top of the window.
func TestFocusLeavesAButtonThatDisablesItself(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	c := fyne.CurrentApp().Driver().CanvasForObject(tab.table)
	tab.onSelect(2) // J-0004, second in the queue
	c.Focus(tab.buttons["up"])
	pressSpace(c)
	jobs := slices.Clone(tab.jobs)
	for i := range jobs {
		if jobs[i].State == control.JobQueued {
			jobs[i].Position = map[string]int{"J-0004": 0, "J-0003": 1}[jobs[i].ID]
		}
	}
	tab.showJobs(jobs, control.Auto) // the controller moved it
	if !tab.buttons["up"].Disabled() {
		t.Fatal("Move up is enabled for the job at the front of the queue")
	}
	if c.Focused() != fyne.Focusable(tab.buttons["down"]) {
		t.Errorf("with Move up disabled the focus is on %T, not on Move down", c.Focused())
	}
}
