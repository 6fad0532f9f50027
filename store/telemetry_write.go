package store

import (
	"maps"
	"math"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// rawPartition is how much raw telemetry shares one bucket; retention drops
// raw samples by deleting whole partitions.
const (
	rawPartition = time.Hour
	partitionSec = int64(rawPartition / time.Second)
)

// cutoffs are the oldest Unix seconds each resolution still keeps.
type cutoffs struct{ raw, minute, hour int64 }

// cutoffsAt applies the retention options at now, each cutoff earlier by
// as much as the wall clock jumped ahead lately (clockjump.go).
func (s *Store) cutoffsAt(now time.Time) cutoffs {
	c := func(d time.Duration) int64 {
		if d == Forever {
			return math.MinInt64
		}
		return now.Add(-d - s.jumpLag(now, d)).Unix()
	}
	return cutoffs{c(s.opts.RawRetention), c(s.opts.MinuteRetention), c(s.opts.HourRetention)}
}

// writeTelemetry stores a batch: raw chunks and both rollups, per GPU. The
// rollups merge with the exact sums in open; what they become is staged.
func (s *Store) writeTelemetry(tx *bolt.Tx, pts []TelemetryPoint, now time.Time, open, staged openRollups) error {
	byGPU := map[string][]TelemetryPoint{}
	for _, p := range pts {
		if p.GPU != "" && p.Time.Unix() >= 0 {
			byGPU[p.GPU] = append(byGPU[p.GPU], p)
		}
	}
	cut := s.cutoffsAt(now)
	for _, gpu := range slices.Sorted(maps.Keys(byGPU)) {
		if err := s.writeGPU(tx, gpu, byGPU[gpu], cut, open, staged); err != nil {
			return err
		}
	}
	return nil
}

// writeGPU stores one GPU's samples.
func (s *Store) writeGPU(tx *bolt.Tx, gpu string, pts []TelemetryPoint, cut cutoffs, open, staged openRollups) error {
	slices.SortStableFunc(pts, func(a, b TelemetryPoint) int { return a.Time.Compare(b.Time) })
	var chunks []rawChunk
	var mins, hours []agg
	for i := range pts {
		ms := pts[i].Time.UnixMilli()
		sec, minute := ms/1000, ms/msPerMinute*60
		v := pts[i].quantized()
		if sec >= cut.raw {
			if len(chunks) == 0 || chunks[len(chunks)-1].minute != minute {
				chunks = append(chunks, rawChunk{minute: minute})
			}
			c := &chunks[len(chunks)-1]
			c.data = appendRaw(c.data, rawRecord{ms: uint16(ms % msPerMinute), v: v})
		}
		if sec >= cut.minute {
			mins = rollInto(mins, minute, v)
		}
		if sec >= cut.hour {
			hours = rollInto(hours, floorTo(minute, 3600), v)
		}
	}
	if err := s.putChunks(tx, gpu, chunks); err != nil {
		return err
	}
	if err := s.putRows(tx, bucketMinute, gpu, mins, open, staged); err != nil {
		return err
	}
	return s.putRows(tx, bucketHour, gpu, hours, open, staged)
}

// rollInto adds a sample to the interval starting at start, which is the
// last one or a new one (samples arrive sorted).
func rollInto(aggs []agg, start int64, v values) []agg {
	if len(aggs) == 0 || aggs[len(aggs)-1].start != start {
		aggs = append(aggs, newAgg(start))
	}
	aggs[len(aggs)-1].add(v)
	return aggs
}
