package ui

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// sparkPoints is how many samples a sparkline keeps: two minutes at the
// sampler's 1 Hz.
const sparkPoints = 120

// ring is a fixed window of recent values, each 0..1 of the sparkline's
// height, oldest first when read with at.
type ring struct {
	vals [sparkPoints]float32
	next int
	n    int
}

func (r *ring) push(v float32) {
	r.vals[r.next] = max(0, min(1, v))
	r.next = (r.next + 1) % sparkPoints
	r.n = min(r.n+1, sparkPoints)
}

// at returns the i-th oldest value kept.
func (r *ring) at(i int) float32 {
	return r.vals[(r.next-r.n+i+sparkPoints)%sparkPoints]
}

// sparkline draws a GPU's last two minutes: temperature as a line (0 to
// 100 °C) over power as a filled area (0 to its limit). It is a raster, so
// a tick costs one small image, not hundreds of canvas lines.
type sparkline struct {
	widget.BaseWidget
	temp, power ring
	plot        plotImage
	raster      *canvas.Raster
}

func newSparkline() *sparkline {
	s := &sparkline{}
	s.raster = canvas.NewRaster(s.draw)
	s.ExtendBaseWidget(s)
	return s
}

// push adds a sample; the caller refreshes when the sparkline is visible.
func (s *sparkline) push(tempC, powerFrac float64) {
	s.temp.push(float32(tempC / 100))
	s.power.push(float32(powerFrac))
}

// CreateRenderer implements fyne.Widget.
func (s *sparkline) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.raster)
}

// MinSize keeps the sparkline a thin strip under the gauges.
func (s *sparkline) MinSize() fyne.Size { return fyne.NewSize(120, 36) }

func (s *sparkline) draw(w, h int) image.Image {
	img := s.plot.reset(w, h)
	power := s.points(&s.power, w, h)
	// A light fill with a crisp top edge: a card near its power limit
	// reads as a line near the top, not as a solid band.
	s.plot.area(power, float32(h), tint(powerColour(), 0x40)) // first: it does not blend
	s.plot.rect(0, float32(h)-1, float32(w), float32(h), theme.Color(theme.ColorNameSeparator))
	s.plot.line(power, float32(h)/48+1, powerColour())
	s.plot.line(s.points(&s.temp, w, h), float32(h)/24+1, tempLineColour())
	return img
}

// points places r's values right-aligned, so the newest is at the right
// edge and the line grows leftwards as samples arrive.
func (s *sparkline) points(r *ring, w, h int) []pt {
	pts := make([]pt, r.n)
	step := float32(w) / float32(sparkPoints-1)
	off := float32(sparkPoints - r.n)
	for i := range pts {
		pts[i] = pt{(off + float32(i)) * step, float32(h-2)*(1-r.at(i)) + 1}
	}
	return pts
}

// powerColour and tempLineColour are the sparkline's and the legend's.
func powerColour() color.Color    { return theme.Color(theme.ColorNamePrimary) }
func tempLineColour() color.Color { return theme.Color(theme.ColorNameWarning) }
