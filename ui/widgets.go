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
