package ui

import (
	"math"
	"time"
)

// yAxis picks a range from lo to hi, widened to round numbers, and the
// step between its about four gridlines. Zero stays in view so that power
// and load read honestly, unless all values are far from it. A steady
// value reads as steady: the range is a tenth of the values' size at
// least, around them, so that a card held at its 220 W limit (219.8 to
// 220.3 W) is a level line, not a sawtooth as high as the chart.
func yAxis(lo, hi float64) (float64, float64, float64) {
	if lo > 0 && lo < hi*0.6 {
		lo = 0
	}
	if hi < 0 {
		hi = 0
	}
	if least := 0.1 * max(math.Abs(lo), math.Abs(hi)); hi-lo < least {
		mid := (lo + hi) / 2
		lo, hi = mid-least/2, mid+least/2
	}
	if hi-lo < 1e-9 {
		hi = lo + 1
	}
	step := niceStep((hi - lo) / 4)
	return math.Floor(lo/step) * step, math.Ceil(hi/step) * step, step
}

// niceStep rounds raw up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	exp := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*exp >= raw {
			return m * exp
		}
	}
	return 10 * exp
}

// valueRange is the smallest and largest y over every series.
func valueRange(d *chartData) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range d.series {
		for _, y := range s.ys {
			lo, hi = min(lo, y), max(hi, y)
		}
	}
	if math.IsInf(lo, 0) {
		return 0, 1
	}
	return lo, hi
}

// timeLabel formats an x tick for a range of span seconds: the hour for a
// day or less, the weekday for a week, the date beyond.
func timeLabel(span time.Duration) func(float64) string {
	layout := "15:04"
	switch {
	case span > 8*24*time.Hour:
		layout = "Jan 2"
	case span > 26*time.Hour:
		layout = "Mon 15:04"
	}
	return func(x float64) string { return time.Unix(int64(x), 0).Local().Format(layout) }
}

// trimNumber writes a tick value without needless decimals. Ticks are
// multiples of step summed up from the lowest, so the zero line can come
// to a hair under zero, which read "-0.0".
func trimNumber(v, step float64) string {
	if math.Abs(v) < step/2 {
		v = 0
	}
	decimals := max(0, int(math.Ceil(-math.Log10(step))))
	if step >= 1 && step != math.Trunc(step) {
		decimals = 1
	}
	return formatFloat(v, decimals)
}
