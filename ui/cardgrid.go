package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// cardGrid lays cards out in as many columns of at least minWidth as fit,
// stretching them to fill the row. Unlike Fyne's GridWrap, each row is as
// tall as its tallest card now, so a card that grows (a job's progress bar
// appears, a "paused (hot)" note) is never clipped.
type cardGrid struct {
	minWidth float32
	width    float32 // the width of the last layout
}

func (g *cardGrid) columns(width float32) int {
	pad := theme.Padding()
	return max(1, int((width+pad)/(g.minWidth+pad)))
}

// Layout implements fyne.Layout.
func (g *cardGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	g.width = size.Width
	cols := g.columns(size.Width)
	w := (size.Width - pad*float32(cols-1)) / float32(cols)
	y := float32(0)
	for row := 0; row < len(objs); row += cols {
		h := rowHeight(objs[row:min(row+cols, len(objs))])
		for i, o := range objs[row:min(row+cols, len(objs))] {
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
	cols := g.columns(max(g.width, g.minWidth))
	h := float32(0)
	for row := 0; row < len(objs); row += cols {
		h += rowHeight(objs[row:min(row+cols, len(objs))]) + pad
	}
	return fyne.NewSize(g.minWidth, max(0, h-pad))
}

func rowHeight(objs []fyne.CanvasObject) float32 {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return h
}
