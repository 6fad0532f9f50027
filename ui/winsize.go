package ui

import "fyne.io/fyne/v2"

// defaultSize fits two GPU cards side by side next to the screen list.
var defaultSize = fyne.NewSize(1060, 800)

// restoreSize gives the window the size it had when last closed.
func restoreSize(a fyne.App, w fyne.Window) {
	p := a.Preferences()
	size := fyne.NewSize(float32(p.FloatWithFallback("window.width", float64(defaultSize.Width))),
		float32(p.FloatWithFallback("window.height", float64(defaultSize.Height))))
	w.Resize(size.Max(fyne.NewSize(640, 480)))
}

// saveSize remembers the window's size for the next start.
func saveSize(a fyne.App, w fyne.Window) {
	size := w.Canvas().Size()
	if size.Width < 100 || size.Height < 100 {
		return // not laid out yet: keep what was saved
	}
	a.Preferences().SetFloat("window.width", float64(size.Width))
	a.Preferences().SetFloat("window.height", float64(size.Height))
}
