package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// sideBySide lays out two objects, each at its own width: the first at the
// left and the second at the right of one row where both fit, else the
// second under the first, still at the right. A toolbar of choices and
// its actions (the history's ranges and its exports) stays one row in a
// window that has room, however wide either side is.
type sideBySide struct {
	width float32 // the width of the last layout
}

func (*sideBySide) oneRow(objs []fyne.CanvasObject, width float32) bool {
	return objs[0].MinSize().Width+theme.Padding()+objs[1].MinSize().Width <= width
}

// Layout implements fyne.Layout for exactly two objects.
func (l *sideBySide) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	left, right := objs[0].MinSize(), objs[1].MinSize()
	if l.oneRow(objs, size.Width) {
		h := max(left.Height, right.Height)
		objs[0].Move(fyne.NewPos(0, 0))
		objs[0].Resize(fyne.NewSize(left.Width, h))
		objs[1].Move(fyne.NewPos(size.Width-right.Width, 0))
		objs[1].Resize(fyne.NewSize(right.Width, h))
		return
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(min(left.Width, size.Width), left.Height))
	objs[1].Move(fyne.NewPos(max(0, size.Width-right.Width), left.Height+theme.Padding()))
	objs[1].Resize(fyne.NewSize(min(right.Width, size.Width), right.Height))
}

// MinSize implements fyne.Layout: as narrow as the wider side, and as tall
// as one row at the width of the last layout if both fit there, else two.
// The window lays out again after each resize, so the height follows it.
func (l *sideBySide) MinSize(objs []fyne.CanvasObject) fyne.Size {
	left, right := objs[0].MinSize(), objs[1].MinSize()
	w := max(left.Width, right.Width)
	if l.oneRow(objs, l.width) {
		return fyne.NewSize(w, max(left.Height, right.Height))
	}
	return fyne.NewSize(w, left.Height+theme.Padding()+right.Height)
}
