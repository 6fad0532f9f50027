package store

import (
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SeriesPoint is one point of a chart: the min, average and max of a metric
// over the interval starting at Time (for raw samples all three are equal).
type SeriesPoint struct {
	Time          time.Time
	Min, Avg, Max float32
}

// resolution is one level of telemetry history.
type resolution struct {
	name   string
	step   time.Duration
	bucket []byte // nil for raw
	keep   time.Duration
}

// resolutions lists the levels from finest to coarsest.
func (s *Store) resolutions() [3]resolution {
	return [3]resolution{
		{"raw", time.Second, nil, s.opts.RawRetention},
		{"1m", time.Minute, bucketMinute, s.opts.MinuteRetention},
		{"1h", time.Hour, bucketHour, s.opts.HourRetention},
	}
}

// pickResolution chooses the coarsest level that still gives at least
// maxPoints/2 points over [from, to] and that is kept that far back (so
// charts read few rows but are never starved); if none gives that many,
// the finest level kept that far back.
func (s *Store) pickResolution(from, to time.Time, maxPoints int) resolution {
	rs := s.resolutions()
	oldest := s.now()
	best := rs[len(rs)-1]
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		if r.keep != Forever && from.Before(oldest.Add(-r.keep)) {
			continue
		}
		best = r
		if int64(to.Sub(from)/r.step) >= int64(maxPoints/2) {
			return r
		}
	}
	return best
}

// Series returns metric m of gpu over [from, to] for a chart: at most
// maxPoints points, oldest first. It picks the resolution (raw, 1 minute,
// 1 hour) itself and merges neighbouring points in memory when there are
// still too many. Unmeasured values are left out.
func (s *Store) Series(gpu string, m Metric, from, to time.Time, maxPoints int) ([]SeriesPoint, error) {
	switch {
	case !m.valid():
		return nil, fmt.Errorf("reading telemetry: unknown metric %d", m)
	case maxPoints <= 0:
		return nil, errors.New("reading telemetry: maxPoints must be positive")
	case to.Before(from):
		return nil, errors.New("reading telemetry: the range ends before it starts")
	}
	res := s.pickResolution(from, to, maxPoints)
	var pts []weighted
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		pts, err = s.readSeries(tx, res, gpu, m, from, to)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s of GPU %s: %w", m, gpu, err)
	}
	return downsample(pts, from, to, maxPoints), nil
}

// readSeries reads one metric at one resolution.
func (s *Store) readSeries(tx *bolt.Tx, res resolution, gpu string, m Metric, from, to time.Time) ([]weighted, error) {
	pts := make([]weighted, 0, min(to.Sub(from)/res.step+1, 1<<16))
	if res.bucket == nil {
		err := s.readRaw(tx, gpu, from, to, func(t time.Time, rec []byte) error {
			if q := recordValue(rec, m); q != noValue {
				v := dequantize(m, q)
				pts = append(pts, weighted{SeriesPoint{t, v, v, v}, 1})
			}
			return nil
		})
		return pts, err
	}
	step := int64(res.step / time.Second)
	err := s.readRows(tx, res.bucket, gpu, floorTo(from.Unix(), step), to.Unix(), func(start int64, r []byte) error {
		n, lo, avg, hi := rowMetric(r, m)
		if avg != noValue {
			pts = append(pts, weighted{SeriesPoint{time.Unix(start, 0),
				dequantize(m, lo), dequantize(m, avg), dequantize(m, hi)}, uint32(max(n, 1))})
		}
		return nil
	})
	return pts, err
}
