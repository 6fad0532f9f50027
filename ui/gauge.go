package ui

import (
	"image"
	"image/color"
	"math"

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
// value moves. The track is a slim pill centred in a row of text height:
// the painter's cost is per pixel, and a text-high bar was four times the
// pixels for nothing a glance needs.
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

// trackHeight is how thick the bar is drawn.
func trackHeight() float32 { return theme.InnerPadding() }

// set shows fraction (clamped to 0..1). It redraws only when the end of
// the filled part moves by a unit of the bar's width or more: a power
// reading changes by a tenth of a watt at every sample, and each redraw is
// a new image for the painter, for nothing the eye could see. It says
// whether it redrew.
func (g *gauge) set(fraction float64) (redrawn bool) {
	fraction = max(0, min(1, fraction))
	if fraction == g.value {
		return false
	}
	moved := g.edge(fraction) != g.edge(g.value)
	g.value = fraction
	if moved {
		g.raster.Refresh()
	}
	return moved
}

// edge is where the filled part of a bar showing f ends, in whole units of
// its width. A bar not laid out yet draws its latest value when it is.
func (g *gauge) edge(f float64) int {
	return int(math.Round(f * float64(g.Size().Width)))
}

// CreateRenderer implements fyne.Widget.
func (g *gauge) CreateRenderer() fyne.WidgetRenderer {
	return &gaugeRenderer{g: g, objects: []fyne.CanvasObject{g.raster}}
}

// MinSize is a text row's height, so that a bar lines up with the label
// beside it.
func (g *gauge) MinSize() fyne.Size {
	h := fyne.MeasureText("100%", theme.TextSize(), fyne.TextStyle{}).Height + 2*theme.InnerPadding()
	return fyne.NewSize(4*theme.InnerPadding(), h)
}

// draw paints the track and the filled part, in the theme's colours, with
// round ends, at the raster's pixel size.
func (g *gauge) draw(w, h int) image.Image {
	img := g.plot.reset(w, h)
	r := float32(h) / 2
	primary := theme.Color(theme.ColorNamePrimary)
	g.plot.roundRect(0, 0, float32(w), float32(h), r, trackColour(primary))
	if fill := float32(g.value) * float32(w); fill > 0 {
		g.plot.roundRect(0, 0, max(fill, float32(h)), float32(h), r, primary)
	}
	return img
}

type gaugeRenderer struct {
	g       *gauge
	objects []fyne.CanvasObject
}

// Layout centres the track vertically in the row.
func (r *gaugeRenderer) Layout(size fyne.Size) {
	h := min(trackHeight(), size.Height)
	r.g.raster.Move(fyne.NewPos(0, (size.Height-h)/2))
	r.g.raster.Resize(fyne.NewSize(size.Width, h))
}

func (r *gaugeRenderer) MinSize() fyne.Size           { return r.g.MinSize() }
func (r *gaugeRenderer) Refresh()                     { r.g.raster.Refresh() }
func (r *gaugeRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *gaugeRenderer) Destroy()                     {}

// trackColour is the unfilled part: the bar's colour, faded, as Fyne's
// own progress bar draws it, but fainter: at a third, on the dark theme
// the filled part stood out from it at 2.7:1, under WCAG's 3:1.
func trackColour(c color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A /= 4
	return n
}
