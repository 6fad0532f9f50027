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
// day or less, the weekday for a week, the date beyond. A tick at
// midnight names its day instead ("Sat" among "18:00" and "06:00"), as
// the week's ticks, all at midnight, do.
func timeLabel(span time.Duration) func(float64) string {
	layout, day := "15:04", "Mon"
	switch {
	case span > 8*24*time.Hour:
		layout, day = "Jan 2", "Jan 2"
	case span > 26*time.Hour:
		layout = "Mon 15:04"
	}
	return func(x float64) string {
		t := time.Unix(int64(x), 0).Local()
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return t.Format(day)
		}
		return t.Format(layout)
	}
}

// timeSteps are the steps between a time axis's ticks, on the clock: the
// first that gives at most its count of ticks over the range is taken.
// A week is labelled every day, a month every Monday.
var timeSteps = []struct {
	minutes, days, most int
}{
	{minutes: 15, most: 6}, {minutes: 30, most: 6}, {minutes: 60, most: 6}, {minutes: 120, most: 6},
	{minutes: 180, most: 6}, {minutes: 360, most: 6}, {minutes: 720, most: 6},
	{days: 1, most: maxXLabels}, {days: 2, most: 6}, {days: 7, most: maxXLabels},
}

// timeTicks places a time axis's ticks where a clock reads round times in
// the local zone (14:15, 18:00, midnight, Monday), not at fifths of the
// range: "Wed 07:00" 42 hours after "Mon 13:00" read as noise. A day
// across a clock change has its ticks at the clock's round times still.
// Nil when no step fits (a range of minutes).
func timeTicks(from, to float64) []float64 {
	if to <= from {
		return nil
	}
	start, end := time.Unix(int64(math.Ceil(from)), 0).Local(), time.Unix(int64(to), 0).Local()
	for _, st := range timeSteps {
		ticks := clockTicks(start, end, st.minutes, st.days)
		if len(ticks) >= 2 && len(ticks) <= st.most {
			return ticks
		}
	}
	return nil
}

// clockTicks are the times from start to end whose local clock is a whole
// number of steps (minutes, or days from a midnight; a week's from a
// Monday's) past the day's midnight.
func clockTicks(start, end time.Time, minutes, days int) []float64 {
	y, m, d := start.Date()
	var ticks []float64
	for k := 0; ; k++ {
		var t time.Time
		if days > 0 {
			offset := 0
			if days == 7 {
				offset = (8 - int(start.Weekday())) % 7 // days to the next Monday, or 0 on one
			}
			t = time.Date(y, m, d+offset+k*days, 0, 0, 0, 0, start.Location())
		} else {
			t = time.Date(y, m, d, 0, k*minutes, 0, 0, start.Location())
		}
		if t.After(end) {
			return ticks
		}
		if x := float64(t.Unix()); !t.Before(start) && (len(ticks) == 0 || x > ticks[len(ticks)-1]) {
			ticks = append(ticks, x)
		}
		if len(ticks) > maxXLabels {
			return ticks // too many for this step
		}
	}
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
