package store

import "math"

// agg accumulates samples (and stored rows) into one rollup interval.
type agg struct {
	start    int64  // interval start, Unix seconds
	count    uint32 // samples
	n        [metricCount]uint32
	sum      [metricCount]uint64
	min, max values
}

// newAgg starts an empty interval.
func newAgg(start int64) agg {
	a := agg{start: start}
	for m := range metricCount {
		a.min[m] = noValue
	}
	return a
}

// add rolls in one sample.
func (a *agg) add(v values) {
	a.count++
	for m, q := range v {
		if q == noValue {
			continue
		}
		a.n[m]++
		a.sum[m] += uint64(q)
		a.min[m] = min(a.min[m], q)
		a.max[m] = max(a.max[m], q)
	}
}

// addRow rolls in a stored row, each metric's average weighted by the
// samples that measured it.
func (a *agg) addRow(r row) {
	a.count += uint32(max(r.count, 1))
	for m := range metricCount {
		if r.avg[m] == noValue {
			continue
		}
		w := uint32(max(r.n[m], 1))
		a.n[m] += w
		a.sum[m] += uint64(r.avg[m]) * uint64(w)
		a.min[m] = min(a.min[m], r.min[m])
		a.max[m] = max(a.max[m], r.max[m])
	}
}

// merge rolls in another accumulator of the same interval, exactly.
func (a *agg) merge(b agg) {
	a.count += b.count
	for m := range metricCount {
		a.n[m] += b.n[m]
		a.sum[m] += b.sum[m]
		a.min[m] = min(a.min[m], b.min[m])
		a.max[m] = max(a.max[m], b.max[m])
	}
}

// row is the interval's stored form.
func (a *agg) row() row {
	r := row{count: uint16(min(a.count, math.MaxUint16))}
	for m := range metricCount {
		if a.n[m] == 0 {
			r.min[m], r.avg[m], r.max[m] = noValue, noValue, noValue
			continue
		}
		r.n[m] = uint16(min(a.n[m], math.MaxUint16))
		r.min[m], r.max[m] = a.min[m], a.max[m]
		r.avg[m] = uint16((a.sum[m] + uint64(a.n[m])/2) / uint64(a.n[m]))
	}
	return r
}
