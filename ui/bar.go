package ui

import (
	"fyne.io/fyne/v2/widget"
)

// meter is a progress bar that shows its own text ("301 / 350 W") and
// redraws only when what it shows changes.
type meter struct {
	*widget.ProgressBar
	text string
}

func newMeter() *meter {
	m := &meter{ProgressBar: widget.NewProgressBar()}
	m.TextFormatter = func() string { return m.text }
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
	m.SetValue(fraction)
}
