package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Fyne's dialog package needs a module (github.com/FyshOS/fancyfs) that
// go.mod does not list yet, so RigShift's dialogs are modal pop-ups built
// here: a titled card with buttons in the bottom right.

// modal is an open dialog.
type modal struct {
	pop     *widget.PopUp
	overlay fyne.CanvasObject // what the window's overlays hold: Fyne wraps the pop-up
}

// showModal opens content over win with title and buttons, width wide (0:
// as wide as the content needs). The first button is the one that changes
// nothing (Cancel, Keep it, Close): Escape taps it, as in any desktop
// dialog.
func showModal(win fyne.Window, title string, content fyne.CanvasObject, width float32, buttons ...*dialogButton) *modal {
	row := container.NewHBox(layoutSpacer())
	for _, b := range buttons {
		row.Add(b)
	}
	body := container.NewBorder(heading(title), row, nil, nil, scrollIfShort(content))
	m := &modal{pop: widget.NewModalPopUp(container.NewPadded(body), win.Canvas())}
	size := m.pop.MinSize()
	m.pop.Resize(fyne.NewSize(max(size.Width, width), size.Height))
	m.pop.Show()
	m.overlay = win.Canvas().Overlays().Top()
	escapes[m.overlay] = buttons[0].OnTapped
	win.Canvas().SetOnTypedKey(escapeTop(win.Canvas()))
	return m
}

// fit sizes the dialog to what it holds now, as wide as it is, and
// centres it again. Fyne grows a pop-up whose content grew but never
// shrinks it: once the owner had fixed the fields that had a red note, a
// band of empty space stayed between the form and the buttons. A dialog
// calls this after it showed or hid a part of itself.
func (m *modal) fit() {
	m.pop.Resize(fyne.NewSize(m.pop.Size().Width, m.pop.MinSize().Height))
	layoutTree(m.pop.Content) // a note that went and one that came leave the height as it was
	m.overlay.Refresh()
}

// scrollIfShort holds a dialog's content at its full height, and scrolls
// it when the window is shorter: Fyne squeezes a pop-up into the window,
// and the add-job form with its notes on a 480 px window ran on under the
// buttons, which were drawn over its last fields.
func scrollIfShort(content fyne.CanvasObject) fyne.CanvasObject {
	return container.New(fullHeight{content}, container.NewVScroll(content))
}

// fullHeight asks for all of what it scrolls, and lays the scroller out in
// whatever it is given.
type fullHeight struct{ content fyne.CanvasObject }

func (l fullHeight) MinSize([]fyne.CanvasObject) fyne.Size { return l.content.MinSize() }

func (l fullHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

func (m *modal) close() {
	delete(escapes, m.overlay)
	m.pop.Hide()
}

// escapes holds each open dialog's "changes nothing" button, by its
// overlay (touched on the UI goroutine only).
var escapes = map[fyne.CanvasObject]func(){}

// escapeTop is the window's key handler (it has no other): Escape taps
// the "changes nothing" button of the dialog on top, if one is open.
func escapeTop(c fyne.Canvas) func(*fyne.KeyEvent) {
	return func(ev *fyne.KeyEvent) {
		if ev.Name != fyne.KeyEscape {
			return
		}
		if tap := escapes[c.Overlays().Top()]; tap != nil {
			tap()
		}
	}
}

// dialogEntry is an entry that lets Escape through to the window, so that
// it closes the dialog the entry is in: Fyne's entry keeps every key it is
// given, and the owner typing in a field could not leave the dialog with
// Escape.
type dialogEntry struct{ widget.Entry }

func newDialogEntry() *dialogEntry {
	e := &dialogEntry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewEntry
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false even for a field of several lines (the add-job
// dialog's environment): Fyne's multi-line entry kept Tab to type it, and
// from there the keyboard reached neither the fields below nor the
// buttons. Nothing typed in a dialog wants a tab character.
func (e *dialogEntry) AcceptsTab() bool { return false }

func (e *dialogEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && toWindow(e, ev) {
		return
	}
	e.Entry.TypedKey(ev)
}

// toWindow hands a key that obj, focused, does not keep to its window's
// handler (escapeTop), and says whether there was one.
func toWindow(obj fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(obj)
	if c == nil || c.OnTypedKey() == nil {
		return false
	}
	c.OnTypedKey()(ev)
	return true
}

// dialogButton is a dialog's button. Reached with Tab, it takes Enter as
// Space, and lets Escape through to close the dialog: Fyne's button takes
// Space only and keeps every other key, so Escape on "Keep renting" left
// the question open, and Enter on Add job did nothing.
type dialogButton struct{ widget.Button }

func newDialogButton(label string, icon fyne.Resource, tapped func()) *dialogButton {
	b := &dialogButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *dialogButton) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter:
		b.Tapped(nil) // as Space: nothing for a disabled button
	case ev.Name == fyne.KeyEscape && toWindow(b, ev):
	default:
		b.Button.TypedKey(ev)
	}
}

// confirm asks a yes-or-no question; yes runs only when the owner agrees.
func confirm(win fyne.Window, title, text, noLabel, yesLabel string, yes func()) *modal {
	var m *modal
	no := newDialogButton(noLabel, nil, func() { m.close() })
	ok := newDialogButton(yesLabel, nil, func() { m.close(); yes() })
	ok.Importance = widget.DangerImportance
	m = showModal(win, title, wrapped(text), 420, no, ok)
	return m
}

// tell says something that went wrong, with one button to close it.
func tell(win fyne.Window, title, text string) *modal {
	var m *modal
	closeBtn := newDialogButton("Close", nil, func() { m.close() })
	m = showModal(win, title, wrapped(text), 420, closeBtn)
	return m
}
