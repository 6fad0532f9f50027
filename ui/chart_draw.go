package ui

import (
	"image/color"
	"slices"
)

// drawLines plots each series as a line; a gap (RigShift was off, the
// GPU lost) breaks the line instead of bridging it.
func (r *chartRenderer) drawLines(w, h int) {
	width := float32(h)/90 + 1.2
	for _, s := range r.c.data.series {
		var run []pt
		gap := seriesGap(s.xs, r.c.data.spacing)
		colour := drawnColour(s.colour)
		for i := range s.xs {
			if i > 0 && s.xs[i]-s.xs[i-1] > gap {
				r.drawRun(run, width, colour)
				run = run[:0]
			}
			run = append(run, pt{r.px(s.xs[i], w), r.py(s.ys[i], h)})
		}
		r.drawRun(run, width, colour)
	}
}

// drawRun draws a run of points as a line, or a lone point as a dot.
func (r *chartRenderer) drawRun(run []pt, width float32, c color.NRGBA) {
	if len(run) == 1 {
		p := run[0]
		r.img.rect(p.x-width, p.y-width, p.x+width, p.y+width, c)
		return
	}
	r.img.line(run, width, c)
}

// seriesGap is three times the series' usual spacing: its median one, not
// the average, which the gaps themselves stretch (two hours of samples at
// each end of a month are on average ten days apart). It is never more
// than three times the spacing of an unbroken recording, where the chart
// knows it: half an hour a day over a month is a point a day, whose median
// spacing is a day.
func seriesGap(xs []float64, spacing float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	steps := make([]float64, len(xs)-1)
	for i := range steps {
		steps[i] = xs[i+1] - xs[i]
	}
	slices.Sort(steps)
	gap := 3 * steps[(len(steps)-1)/2]
	if spacing > 0 {
		gap = min(gap, 3*spacing)
	}
	return gap
}

// drawBars plots grouped bars: for each slot (a day) one bar per series,
// side by side, from the zero line up (or down, for a loss).
func (r *chartRenderer) drawBars(w, h int) {
	d := &r.c.data
	n := float32(len(d.series))
	slot := r.px(d.from+d.slot, w) - r.px(d.from, w)
	bar := slot * 0.7 / max(1, n)
	zero := r.py(0, h)
	for si, s := range d.series {
		colour := drawnColour(s.colour)
		for i, x := range s.xs {
			x0 := r.px(x, w) + slot*0.15 + bar*float32(si)
			y := r.py(s.ys[i], h)
			r.img.rect(x0, min(y, zero), x0+bar-1, max(y, zero), colour)
		}
	}
}
