package ui

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// chartTicks is how many x labels a line chart writes; a bar chart of up to
// maxXLabels bars (a week of days) writes one under every bar.
const (
	chartTicks = 5
	maxXLabels = 8
)

// chartRenderer lays out the title, legend, axis labels and the plot.
type chartRenderer struct {
	c       *chart
	title   *canvas.Text
	unit    *canvas.Text
	empty   *canvas.Text
	legend  []*canvas.Text      // the series' names, in their colours
	swatch  []*canvas.Rectangle // before each name: the font has no ■
	yLabels []*canvas.Text
	xLabels []*canvas.Text
	xTicks  []float64 // where each x label is, in x units
	plot    *canvas.Raster
	img     plotImage
	lo, hi  float64 // y range after the last Refresh
	step    float64
}

func newChartRenderer(c *chart) *chartRenderer {
	r := &chartRenderer{c: c, title: canvas.NewText(c.title, theme.Color(theme.ColorNameForeground)),
		unit: smallText(c.unit), empty: smallText(noDataText)}
	r.title.TextStyle.Bold = true
	r.plot = canvas.NewRaster(r.draw)
	for range maxXLabels {
		r.xLabels = append(r.xLabels, smallText(""))
	}
	r.Refresh()
	return r
}

// newSwatch is a legend's square of a series' colour. It is drawn, not
// written: the fonts RigShift carries have no ■ or ▮, and a machine
// without other fonts showed a box with a question mark.
func newSwatch(c color.Color) *canvas.Rectangle {
	s := canvas.NewRectangle(c)
	size := theme.CaptionTextSize() * 0.7
	s.SetMinSize(fyne.NewSize(size, size))
	s.Resize(s.MinSize())
	return s
}

// legendColour is the colour a series' name is written in: its line's
// where that reads as small text (4.5:1), the foreground where it does not.
// On white most of the palette's mid tones are too pale (amber 2.2:1), and
// on the dark theme the renting violet (4.2:1) and the slate (3.8:1) were.
// The square beside the name keeps the line's colour.
func legendColour(line color.Color) color.Color {
	if contrast(line, theme.Color(theme.ColorNameBackground)) >= 4.5 {
		return line
	}
	return theme.Color(theme.ColorNameForeground)
}

func smallText(s string) *canvas.Text {
	t := canvas.NewText(s, theme.Color(theme.ColorNamePlaceHolder))
	t.TextSize = theme.CaptionTextSize()
	return t
}

func (r *chartRenderer) Destroy() {}

func (r *chartRenderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *chartRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.title, r.unit, r.plot, r.empty}
	for _, s := range r.swatch {
		objs = append(objs, s)
	}
	for _, group := range [][]*canvas.Text{r.legend, r.yLabels, r.xLabels} {
		for _, t := range group {
			objs = append(objs, t)
		}
	}
	return objs
}

// Refresh recomputes the axes and legend from the chart's data.
func (r *chartRenderer) Refresh() {
	d := &r.c.data
	if d.percent {
		r.lo, r.hi, r.step = 0, 100, 25
	} else {
		lo, hi := valueRange(d)
		if d.bars { // bars grow from zero: it must be on the axis
			lo, hi = min(lo, 0), max(hi, 0)
		}
		r.lo, r.hi, r.step = yAxis(lo, hi)
	}
	r.yLabels = r.yLabels[:0]
	if !d.empty() { // no scale to read without data
		for v := r.lo; v <= r.hi+r.step/2; v += r.step {
			r.yLabels = append(r.yLabels, smallText(trimNumber(v, r.step)))
		}
	}
	r.legend, r.swatch = r.legend[:0], r.swatch[:0]
	for _, s := range d.series {
		t := smallText(s.name)
		line := drawnColour(s.colour)
		t.Color = legendColour(line)
		r.legend = append(r.legend, t)
		r.swatch = append(r.swatch, newSwatch(line))
	}
	r.xTicks = xTicks(d)
	for i, t := range r.xLabels {
		t.Text = ""
		repeated := i > 0 && r.xTicks[i] == r.xTicks[i-1] // few slots: one label each
		if d.xLabel != nil && d.to > d.from && !repeated {
			t.Text = d.xLabel(r.xTicks[i])
		}
	}
	r.unit.Text = r.c.unit // the earnings' currency is known only with the data
	r.empty.Hidden = !d.empty()
	r.empty.Text = d.none
	if r.empty.Text == "" {
		r.empty.Text = noDataText
	}
	if since, ok := d.justBegun(); ok {
		r.empty.Hidden, r.empty.Text = false, "Recorded since "+since+": the lines grow from the right as RigShift runs"
	}
	r.title.Color = theme.Color(theme.ColorNameForeground)
	for _, t := range append([]*canvas.Text{r.unit, r.empty}, r.xLabels...) {
		t.Color = theme.Color(theme.ColorNamePlaceHolder) // the theme may have changed
		t.Refresh()
	}
	r.Layout(r.c.Size())
	r.plot.Refresh()
	canvas.Refresh(r.c)
}

// xTicks places the x labels. A bar chart of a week or less names every
// bar; a longer one spreads chartTicks labels evenly, each moved to the
// middle of its slot, so that a label names the day of the bars above it,
// not the midnight between two days. A line chart's labels stand where
// the clock reads round times (timeTicks). Ticks past the last label
// repeat it, and a repeat is not written.
func xTicks(d *chartData) []float64 {
	ticks := make([]float64, maxXLabels)
	slots := 0.0 // whole slots in the range; none for a line chart
	if d.bars && d.slot > 0 {
		slots = math.Round((d.to - d.from) / d.slot) // a day across a DST change is 23 or 25 h
	}
	if slots >= 1 && slots <= maxXLabels {
		for i := range ticks {
			ticks[i] = d.from + (min(float64(i), slots-1)+0.5)*d.slot
		}
		return ticks
	}
	if clock := timeTicks(d.from, d.to); !d.bars && len(clock) > 0 {
		for i := range ticks {
			ticks[i] = clock[min(i, len(clock)-1)]
		}
		return ticks
	}
	for i := range ticks {
		j := float64(min(i, chartTicks-1))
		x := d.from + (d.to-d.from)*j/(chartTicks-1)
		if slots >= 1 {
			x = d.from + (min(math.Floor((x-d.from)/d.slot), slots-1)+0.5)*d.slot
		}
		ticks[i] = x
	}
	return ticks
}

// draw paints the gridlines and the data at the raster's pixel size.
func (r *chartRenderer) draw(w, h int) image.Image {
	img := r.img.reset(w, h)
	grid := theme.Color(theme.ColorNameSeparator)
	top := r.hi + r.step/2
	if r.c.data.empty() {
		top = r.lo // the baseline only: the message sits where the gridlines would
	}
	for v := r.lo; v <= top; v += r.step {
		y := r.py(v, h)
		r.img.rect(0, y-0.5, float32(w), y+0.5, grid)
	}
	if r.c.data.bars {
		r.drawBars(w, h)
	} else {
		r.drawLines(w, h)
	}
	return img
}

func (r *chartRenderer) px(x float64, w int) float32 {
	d := &r.c.data
	return float32((x - d.from) / max(1, d.to-d.from) * float64(w))
}

func (r *chartRenderer) py(v float64, h int) float32 {
	return float32(h-1) - float32((v-r.lo)/(r.hi-r.lo))*float32(h-2)
}

func formatFloat(v float64, decimals int) string {
	if decimals == 0 {
		return fmt.Sprintf("%.0f", v)
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}
