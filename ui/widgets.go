package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// caption is small, muted text for details.
func caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// wrapped is a label that wraps at word boundaries, for sentences.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// heading is a bold label for a section or a card.
func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// layoutSpacer pushes what follows it in a box to the far end.
func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// emptyState is what a screen shows instead of a blank panel: a title, a
// sentence or two on what will appear there and how to get it, and the
// buttons that do so. The text wraps in a readable column at the centre.
func emptyState(title, text string, actions ...fyne.CanvasObject) fyne.CanvasObject {
	return titledEmptyState(heading(title), text, actions...)
}

// titledEmptyState is emptyState with a title its screen sets later.
func titledEmptyState(t *widget.Label, text string, actions ...fyne.CanvasObject) fyne.CanvasObject {
	t.Alignment = fyne.TextAlignCenter
	body := wrapped(text)
	body.Alignment = fyne.TextAlignCenter
	box := container.NewVBox(t, body)
	if len(actions) > 0 {
		box.Add(container.NewCenter(container.NewHBox(actions...)))
	}
	return container.New(columnLayout{width: emptyStateWidth}, box)
}

// emptyStateWidth is the widest an empty state's text runs: about twelve
// words a line.
const emptyStateWidth = 520

// columnLayout centres its objects in a column no wider than width. A
// wrapped label inside container.NewCenter gets its minimum width, one
// word a line; stretched across a wide window, a sentence is hard to read.
type columnLayout struct{ width float32 }

func (c columnLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	w := min(c.width, size.Width)
	for _, o := range objects {
		// A wrapped label knows its height only once it knows its width.
		o.Resize(fyne.NewSize(w, o.Size().Height))
		h := min(o.MinSize().Height, size.Height)
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, (size.Height-h)/2))
	}
}

func (c columnLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

// keyButton is a screen's button that keeps the keyboard focus when Space
// presses it: Fyne's button drops the focus on every press (a click
// should leave no mark on it), so Move down pressed from the keyboard
// could not be pressed again without Tab from the top of the screen, and
// Escape on the question Cancel job asked left the focus nowhere. Fyne
// gives the focus back to it when the dialog its press opened closes.
// Only for a button that stays where it is after its press: one that
// hides itself (Switch to Auto, Use again, a notice's) would keep the
// focus out of sight, and Space would press it unseen.
type keyButton struct{ widget.Button }

func newKeyButton(label string, icon fyne.Resource, tapped func()) *keyButton {
	b := &keyButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name != fyne.KeySpace || b.Disabled() {
		b.Button.TypedKey(ev)
		return
	}
	tapped := b.OnTapped
	b.OnTapped = nil
	b.Button.Tapped(nil) // the press's animation; Fyne drops the focus here
	b.OnTapped = tapped
	// Focused again before the press runs: a dialog it opens keeps the
	// focus of its own, and one that opens another screen (the settings)
	// takes the focus off this one as it hides it.
	if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil {
		c.Focus(b)
	}
	if tapped != nil {
		tapped()
	}
}
