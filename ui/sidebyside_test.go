package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Each side keeps its own width: one row, the second at the right, where
// both fit; else the second under the first, and the height says so.
func TestSideBySideWrapsOnlyWhenBothDoNotFit(t *testing.T) {
	pad := theme.Padding()
	l := &sideBySide{}
	left, right := sizedRect(300, 30), sizedRect(200, 40)
	objs := []fyne.CanvasObject{left, right}
	for _, tc := range []struct {
		width         float32
		rightAt       fyne.Position
		minHeight     float32
		leftW, rightW float32
	}{
		{600, fyne.NewPos(400, 0), 40, 300, 200},
		{300 + pad + 200, fyne.NewPos(300+pad, 0), 40, 300, 200},
		{400, fyne.NewPos(200, 30+pad), 30 + pad + 40, 300, 200},
		{250, fyne.NewPos(50, 30+pad), 30 + pad + 40, 250, 200},
	} {
		l.Layout(objs, fyne.NewSize(tc.width, 100))
		if right.Position() != tc.rightAt || left.Position() != (fyne.Position{}) {
			t.Errorf("width %v: left at %v, right at %v, want the right at %v", tc.width, left.Position(), right.Position(), tc.rightAt)
		}
		if left.Size().Width != tc.leftW || right.Size().Width != tc.rightW {
			t.Errorf("width %v: sides %v and %v wide, want %v and %v", tc.width, left.Size().Width, right.Size().Width, tc.leftW, tc.rightW)
		}
		if h := l.MinSize(objs).Height; h != tc.minHeight {
			t.Errorf("width %v: min height %v, want %v", tc.width, h, tc.minHeight)
		}
	}
}
