package ui

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// gauge is a horizontal bar, a fraction of its track filled, drawn as one
// small image. Fyne's ProgressBar is two rounded rectangles that the GL
// painter shades pixel by pixel at every repaint; under software GL (a
// remote desktop, a VM) a dashboard's twenty bars took a quarter of each
// frame. An image is one texture copy, and it is redrawn only when its
// value moves.
type gauge struct {
	widget.BaseWidget
	value  float64 // 0..1
	raster *canvas.Raster
	plot   plotImage
}

func newGauge() *gauge {
	g := &gauge{}
	g.raster = canvas.NewRaster(g.draw)
	g.ExtendBaseWidget(g)
	return g
}

// set shows fraction (clamped to 0..1), redrawing only on a change.
func (g *gauge) set(fraction float64) {
	fraction = max(0, min(1, fraction))
	if fraction != g.value {
		g.value = fraction
		g.raster.Refresh()
	}
}

// CreateRenderer implements fyne.Widget.
func (g *gauge) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(g.raster)
}

// MinSize is a progress bar's height: a line of text and its padding.
func (g *gauge) MinSize() fyne.Size {
	h := fyne.MeasureText("100%", theme.TextSize(), fyne.TextStyle{}).Height + 2*theme.InnerPadding()
	return fyne.NewSize(4*theme.InnerPadding(), h)
}

// draw paints the track and the filled part, in the theme's colours and
// with its input corner radius, at the raster's pixel size.
func (g *gauge) draw(w, h int) image.Image {
	img := g.plot.reset(w, h)
	scale := float32(1)
	if size := g.Size(); size.Height > 0 {
		scale = float32(h) / size.Height
	}
	r := theme.InputRadiusSize() * scale
	primary := theme.Color(theme.ColorNamePrimary)
	g.plot.roundRect(0, 0, float32(w), float32(h), r, trackColour(primary))
	if fill := float32(g.value) * float32(w); fill > 0 {
		g.plot.roundRect(0, 0, fill, float32(h), r, primary)
	}
	return img
}

// trackColour is the unfilled part: the bar's colour, faded, as Fyne's
// own progress bar draws it.
func trackColour(c color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A /= 3
	return n
}
