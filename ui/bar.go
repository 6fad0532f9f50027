package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// meter is a progress bar with its value written beside it ("301 / 350
// W"), not on it: Fyne's light theme draws a bar's text white on a pale
// track, which cannot be read. It redraws only when what it shows changes.
type meter struct {
	*widget.ProgressBar
	label *widget.Label
	obj   fyne.CanvasObject // the bar and its value: what layouts hold
	text  string
}

// newMeter makes a meter whose value column is width wide, so that the
// bars of a form line up.
func newMeter(width float32) *meter {
	m := &meter{ProgressBar: widget.NewProgressBar(), label: widget.NewLabel("")}
	m.TextFormatter = func() string { return "" }
	m.label.Truncation = fyne.TextTruncateEllipsis
	value := container.New(layout.NewGridWrapLayout(fyne.NewSize(width, m.label.MinSize().Height)), m.label)
	m.obj = container.NewBorder(nil, nil, nil, value, m.ProgressBar)
	return m
}

// set shows fraction (0..1) with text. Unknown values show "n/a".
func (m *meter) set(fraction float64, text string, known bool) {
	if !known {
		fraction, text = 0, "n/a"
	}
	fraction = max(0, min(1, fraction))
	if fraction == m.Value && text == m.text {
		return
	}
	m.text = text
	setText(m.label, text)
	m.SetValue(fraction)
}
