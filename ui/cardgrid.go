package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// cardGrid lays cards out in as many columns of at least minWidth as fit,
// stretching them to fill the row; the cards of a last row that is not
// full share it, so a one-GPU rig's card and the host sit side by side
// instead of leaving half the window empty. Unlike Fyne's GridWrap, each
// row is as tall as its tallest card now, so a card that grows (a job's
// progress bar appears, a "paused (hot)" note) is never clipped.
type cardGrid struct {
	minWidth float32 // 0: the widest card's own, asked at each layout
	width    float32 // the width of the last layout
}

// cellWidth is the narrowest a column may be.
func (g *cardGrid) cellWidth(objs []fyne.CanvasObject) float32 {
	if g.minWidth > 0 {
		return g.minWidth
	}
	w := float32(0)
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return w
}

func (g *cardGrid) columns(width, cell float32) int {
	pad := theme.Padding()
	return max(1, int((width+pad)/(cell+pad)))
}

// Layout implements fyne.Layout.
func (g *cardGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	g.width = size.Width
	cols := g.columns(size.Width, g.cellWidth(objs))
	y := float32(0)
	for row := 0; row < len(objs); row += cols {
		cells := objs[row:min(row+cols, len(objs))]
		w := (size.Width - pad*float32(len(cells)-1)) / float32(len(cells))
		h := rowHeight(cells)
		for i, o := range cells {
			o.Move(fyne.NewPos(float32(i)*(w+pad), y))
			o.Resize(fyne.NewSize(w, h))
		}
		y += h + pad
	}
}

// MinSize implements fyne.Layout: one column's width, and the height of
// the rows at the width of the last layout — the scroll container asks
// again after every resize, so the height follows the window.
func (g *cardGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	cell := g.cellWidth(objs)
	cols := g.columns(max(g.width, cell), cell)
	h := float32(0)
	for row := 0; row < len(objs); row += cols {
		h += rowHeight(objs[row:min(row+cols, len(objs))]) + pad
	}
	return fyne.NewSize(cell, max(0, h-pad))
}

func rowHeight(objs []fyne.CanvasObject) float32 {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return h
}
