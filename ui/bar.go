package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// meter is a gauge with its value written beside it ("301 / 350 W"), not
// on it: text on a bar is unreadable in Fyne's light theme, white on a
// pale track. It redraws only when what it shows changes.
type meter struct {
	bar   *gauge
	label *widget.Label
	obj   fyne.CanvasObject // the bar and its value: what layouts hold
	text  string
}

// newMeter makes a meter whose value column is width wide, so that the
// bars of a form line up. The value is never truncated: Fyne re-shapes a
// truncating label's text at every change, and the values written here
// (a percentage, "23.5 GiB / 24.0 GiB") are short by construction.
func newMeter(width float32) *meter {
	m := &meter{bar: newGauge(), label: widget.NewLabel("")}
	value := container.New(layout.NewGridWrapLayout(fyne.NewSize(width, m.label.MinSize().Height)), m.label)
	m.obj = container.NewBorder(nil, nil, nil, value, m.bar)
	return m
}

// set shows fraction (0..1) with text. Unknown values show "n/a".
func (m *meter) set(fraction float64, text string, known bool) {
	if !known {
		fraction, text = 0, "n/a"
	}
	if text != m.text {
		m.text = text
		setText(m.label, text)
	}
	m.bar.set(fraction)
}

// value is the fraction shown.
func (m *meter) value() float64 { return m.bar.value }
