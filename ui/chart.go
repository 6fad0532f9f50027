package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// palette colours one series per GPU; mid-tone, so each reads on the light
// and the dark theme.
var palette = []color.NRGBA{
	{0x3b, 0x82, 0xf6, 0xff}, {0xf5, 0x9e, 0x0b, 0xff}, {0x10, 0xb9, 0x81, 0xff}, {0xef, 0x44, 0x44, 0xff},
	{0x8b, 0x5c, 0xf6, 0xff}, {0x06, 0xb6, 0xd4, 0xff}, {0xec, 0x48, 0x99, 0xff}, {0x84, 0xcc, 0x16, 0xff},
	{0xf9, 0x73, 0x16, 0xff}, {0x14, 0xb8, 0xa6, 0xff}, {0xa8, 0x55, 0xf7, 0xff}, {0x64, 0x74, 0x8b, 0xff},
}

// seriesColour is the colour of the i-th series. Past the palette's
// twelve the colours come again a lighter tint (GPU 12 was drawn in GPU
// 0's colour on a 16-GPU rig): lighter, not darker, because the dark
// theme writes the legend in the line's colour.
func seriesColour(i int) color.NRGBA {
	c := palette[i%len(palette)]
	if i/len(palette)%2 == 1 {
		c = lighter(c, 0.4)
	}
	return c
}

// lighter mixes c with white by f (0 to 1).
func lighter(c color.NRGBA, f float64) color.NRGBA {
	mix := func(v uint8) uint8 { return uint8(float64(v) + (255-float64(v))*f + 0.5) }
	return color.NRGBA{R: mix(c.R), G: mix(c.G), B: mix(c.B), A: c.A}
}

// chartSeries is one line (or one bar per slot) of a chart.
type chartSeries struct {
	name   string
	colour color.NRGBA
	xs, ys []float64 // x in Unix seconds
}

// chartData is everything a chart draws.
type chartData struct {
	series   []chartSeries
	from, to float64 // the x range, Unix seconds
	bars     bool    // grouped bars of width slot, instead of lines
	slot     float64 // seconds per bar group (a day)
	xLabel   func(x float64) string
	none     string // what the plot says when it has nothing to draw; noDataText if ""
	percent  bool   // the scale is 0–100 %, whatever the data: an idle card reads 0 of 100, not 0 of 1
	// spacing is how far apart, in seconds, the points of an unbroken
	// recording are at most: a line breaks where they are three times
	// further apart. 0: unknown, judged from the points alone.
	spacing float64
}

// noDataText is what an empty chart says unless its screen knows better.
const noDataText = "No data for this range yet"

// justBegun reports when the recording began, written as the x axis
// writes times, when it began in the range's last twentieth: a new rig's
// hour chart is a dot at its right edge, which reads as no data at all
// or a fault. Bar charts (days) say nothing of the kind.
func (d *chartData) justBegun() (since string, ok bool) {
	if d.bars || d.xLabel == nil || d.empty() || d.to <= d.from {
		return "", false
	}
	first := d.to
	for _, s := range d.series {
		if len(s.xs) > 0 {
			first = min(first, s.xs[0])
		}
	}
	if (first-d.from)/(d.to-d.from) < 0.95 {
		return "", false
	}
	return d.xLabel(first), true
}

func (d *chartData) empty() bool {
	for _, s := range d.series {
		if len(s.xs) > 0 {
			return false
		}
	}
	return true
}

// chart is a native line or bar chart with a title, a unit, labelled axes
// and a legend; the plot itself is one raster, drawn in the theme's colours.
type chart struct {
	widget.BaseWidget
	title, unit string
	data        chartData
	height      float32
}

func newChart(title, unit string, height float32) *chart {
	c := &chart{title: title, unit: unit, height: height}
	c.ExtendBaseWidget(c)
	return c
}

// set replaces what the chart shows. It runs on the UI goroutine.
func (c *chart) set(d chartData) {
	c.data = d
	c.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (c *chart) CreateRenderer() fyne.WidgetRenderer { return newChartRenderer(c) }

// MinSize is a readable plot with room for its axes.
func (c *chart) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	return fyne.NewSize(360, c.height)
}
