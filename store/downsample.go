package store

import "time"

// weighted is a chart point with the number of samples behind it.
type weighted struct {
	SeriesPoint
	n uint32
}

// downsample merges points into at most maxPoints equal-width buckets over
// [from, to]: min of mins, max of maxes, and the average weighted by sample
// count. Each merged point is timed at its first point.
func downsample(pts []weighted, from, to time.Time, maxPoints int) []SeriesPoint {
	out := make([]SeriesPoint, 0, min(len(pts), maxPoints))
	if len(pts) <= maxPoints {
		for _, p := range pts {
			out = append(out, p.SeriesPoint)
		}
		return out
	}
	width := to.Sub(from)/time.Duration(maxPoints) + 1 // so index < maxPoints
	cur, acc, sum, n := -1, SeriesPoint{}, 0.0, 0.0
	for _, p := range pts {
		i := min(max(int(p.Time.Sub(from)/width), 0), maxPoints-1)
		if i != cur {
			if cur >= 0 {
				acc.Avg = float32(sum / n)
				out = append(out, acc)
			}
			cur, acc, sum, n = i, p.SeriesPoint, 0, 0
		}
		acc.Min, acc.Max = min(acc.Min, p.Min), max(acc.Max, p.Max)
		sum += float64(p.Avg) * float64(p.n)
		n += float64(p.n)
	}
	acc.Avg = float32(sum / n)
	return append(out, acc)
}
