package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

func sizedRect(w, h float32) *canvas.Rectangle {
	r := canvas.NewRectangle(nil)
	r.SetMinSize(fyne.NewSize(w, h))
	return r
}

// Full rows split the width evenly and a last row that is not full keeps
// their columns, so the host under six GPU cards is a card's width, not a
// row of 1250 px bars; every row is as tall as its tallest cell.
func TestCardGridLastRowKeepsTheColumns(t *testing.T) {
	pad := theme.Padding()
	g := &cardGrid{minWidth: 100}
	objs := []fyne.CanvasObject{sizedRect(100, 50), sizedRect(100, 80), sizedRect(100, 30)}
	width := 200 + pad + 50 // two columns fit, not three
	g.Layout(objs, fyne.NewSize(width, 500))
	half := (width - pad) / 2
	want := []struct{ x, y, w, h float32 }{
		{0, 0, half, 80}, {half + pad, 0, half, 80}, // the taller cell sets the row
		{0, 80 + pad, half, 30},
	}
	for i, o := range objs {
		got := struct{ x, y, w, h float32 }{o.Position().X, o.Position().Y, o.Size().Width, o.Size().Height}
		if got != want[i] {
			t.Errorf("cell %d at %+v, want %+v", i, got, want[i])
		}
	}
	if h := g.MinSize(objs).Height; h != 80+pad+30 {
		t.Errorf("min height %v, want %v", h, 80+pad+30)
	}
}

// A single row that is not full is shared: a one-GPU rig's card and the
// host side by side fill the window, not two thirds of it.
func TestCardGridSingleRowSharesTheWidth(t *testing.T) {
	pad := theme.Padding()
	g := &cardGrid{minWidth: 100}
	two := []fyne.CanvasObject{sizedRect(100, 50), sizedRect(100, 80)}
	width := 3*100 + 2*pad + 50 // room for three
	g.Layout(two, fyne.NewSize(width, 500))
	for i, o := range two {
		if w := o.Size().Width; w != (width-pad)/2 {
			t.Errorf("of two cells in a row for three, cell %d is %v wide, want half the row", i, w)
		}
	}
}

// A cell that needs more than minWidth (the host panel beside the GPU
// cards, its CPU model long) is never laid out narrower than it needs, and
// the grid asks for that width: at the width where two columns of minWidth
// fit, a one-GPU rig's host ran past the window's edge.
func TestCardGridNeverSqueezesAWideCell(t *testing.T) {
	pad := theme.Padding()
	g := &cardGrid{minWidth: 100}
	objs := []fyne.CanvasObject{sizedRect(100, 50), sizedRect(130, 40)}
	g.Layout(objs, fyne.NewSize(200+pad+10, 500)) // two columns of 100 fit, not of 130
	for i, o := range objs {
		if o.Size().Width < o.MinSize().Width {
			t.Errorf("cell %d is %v wide, it needs %v", i, o.Size().Width, o.MinSize().Width)
		}
	}
	if w := g.MinSize(objs).Width; w < 130 {
		t.Errorf("the grid asks for %v, its widest cell needs 130", w)
	}
}
