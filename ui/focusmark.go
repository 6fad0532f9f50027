package ui

import "fyne.io/fyne/v2"

// Fyne's lists and tables mark the row that holds the keyboard focus by
// its index, not by what is in it. When rows arrive above the one the
// owner picked, the mark stayed on the old index, now another row: two
// rows looked picked, and Space picked the wrong one. The screens move the
// mark along with the picked row.

// hasFocus says whether obj holds its window's keyboard focus; only then
// is the mark drawn, and only then is it moved (moving it scrolls).
func hasFocus(obj interface {
	fyne.CanvasObject
	fyne.Focusable
}) bool {
	app := fyne.CurrentApp()
	if app == nil {
		return false
	}
	c := app.Driver().CanvasForObject(obj)
	return c != nil && c.Focused() == obj
}
