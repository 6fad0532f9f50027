package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// cardGrid lays cards out in as many columns of at least minWidth as fit,
// stretching them to fill the row. A last row that is not full keeps the
// columns above it (the host under six GPU cards is a card's width, not a
// row of bars across the window), but a single row is shared, so a
// one-GPU rig's card and the host fill the window side by side. Unlike Fyne's GridWrap, each
// row is as tall as its tallest card now, so a card that grows (a job's
// progress bar appears, a "paused (hot)" note) is never clipped.
type cardGrid struct {
	minWidth float32 // the narrowest a column gets; a card that needs more widens them all
	width    float32 // the width of the last layout
}

// minSizes is each card's min size, asked once a layout: a card's costs
// some microseconds. buf keeps them off the heap for a rig's few cards.
func minSizes(objs []fyne.CanvasObject, buf []fyne.Size) []fyne.Size {
	for _, o := range objs {
		buf = append(buf, o.MinSize())
	}
	return buf
}

// cellWidth is the narrowest a column may be: minWidth, or what the
// widest card needs where that is more. The host panel shares the GPU
// cards' grid, and a long CPU model made it wider than minWidth: squeezed
// into a column of minWidth, it ran past the window's edge.
func (g *cardGrid) cellWidth(mins []fyne.Size) float32 {
	w := g.minWidth
	for _, m := range mins {
		w = max(w, m.Width)
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
	var buf [16]fyne.Size
	mins := minSizes(objs, buf[:0])
	cols := g.columns(size.Width, g.cellWidth(mins))
	perRow := min(cols, len(objs)) // a single row shares the width
	w := (size.Width - pad*float32(perRow-1)) / float32(perRow)
	y := float32(0)
	for row := 0; row < len(objs); row += cols {
		end := min(row+cols, len(objs))
		cells := objs[row:end]
		h := rowHeight(mins[row:end])
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
	var buf [16]fyne.Size
	mins := minSizes(objs, buf[:0])
	cell := g.cellWidth(mins)
	cols := g.columns(max(g.width, cell), cell)
	h := float32(0)
	for row := 0; row < len(objs); row += cols {
		h += rowHeight(mins[row:min(row+cols, len(objs))]) + pad
	}
	return fyne.NewSize(cell, max(0, h-pad))
}

func rowHeight(mins []fyne.Size) float32 {
	h := float32(0)
	for _, m := range mins {
		h = max(h, m.Height)
	}
	return h
}
