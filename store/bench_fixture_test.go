package store

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Benchmark fixtures are databases holding weeks or a year of 1 Hz history
// for benchGPUs cards, in the state the writer leaves them at steady state
// with default retention: 1-hour rows for the whole span, 1-minute rows for
// the last 90 days, raw samples for the last 48 hours. They are written
// straight into the buckets (feeding 20 million samples through the writer
// would take minutes), built once per test binary and removed by TestMain.
const benchGPUs = 8

// fixtureEnd is "now" in the fixtures.
var fixtureEnd = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

var fixtures struct {
	sync.Mutex
	dir   string
	paths map[time.Duration]string
}

// fixture returns the path of a database with span of history.
func fixture(b testing.TB, span time.Duration) string {
	fixtures.Lock()
	defer fixtures.Unlock()
	if p, ok := fixtures.paths[span]; ok {
		return p
	}
	if fixtures.dir == "" {
		dir, err := os.MkdirTemp("", "rigshift-store-bench-")
		if err != nil {
			b.Fatal(err)
		}
		fixtures.dir, fixtures.paths = dir, map[time.Duration]string{}
	}
	path := filepath.Join(fixtures.dir, fmt.Sprintf("history-%dh.db", span/time.Hour))
	start := time.Now()
	if err := buildHistory(path, benchGPUs, fixtureEnd, span); err != nil {
		b.Fatalf("building fixture: %v", err)
	}
	b.Logf("built %v fixture in %v", span, time.Since(start).Round(time.Millisecond))
	fixtures.paths[span] = path
	return path
}

// cleanupFixtures removes the fixtures; TestMain calls it.
func cleanupFixtures() {
	if fixtures.dir != "" {
		os.RemoveAll(fixtures.dir)
	}
}

// buildHistory writes span of steady-state history ending at end.
func buildHistory(path string, gpus int, end time.Time, span time.Duration) error {
	s, err := Open(path, Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	s.db.NoSync = true // a fixture need not survive a power cut
	for _, gpu := range benchGPUNames()[:gpus] {
		err := s.bulk(gpu, bucketHour, end.Add(-span), end, time.Hour)
		if err == nil {
			err = s.bulk(gpu, bucketMinute, maxTime(end.Add(-span), end.Add(-DefaultMinuteRetention)), end, time.Minute)
		}
		if err == nil {
			err = s.bulkRaw(gpu, end.Add(-DefaultRawRetention), end)
		}
		if err != nil {
			return err
		}
	}
	return s.db.Sync()
}

// synthetic is a plausible reading of metric m at t: a daily cycle.
func synthetic(m Metric, t time.Time) float32 {
	day := math.Sin(2 * math.Pi * float64(t.Unix()%86400) / 86400)
	base := []float64{65, 220, 90, 60, 55, 1800, 9500, 9}[m]
	return float32(base * (1 + 0.15*day))
}

// syntheticRow is a rollup row of n samples around t.
func syntheticRow(t time.Time, n uint16) row {
	r := row{count: n}
	for m := range metricCount {
		v := synthetic(m, t)
		r.min[m], r.avg[m], r.max[m] = quantize(m, v*0.97), quantize(m, v), quantize(m, v*1.03)
	}
	return r
}

// bulk writes rollup rows for [from, to), a day per transaction.
func (s *Store) bulk(gpu string, res []byte, from, to time.Time, step time.Duration) error {
	n := uint16(min(step/time.Second, math.MaxUint16))
	for day := from; day.Before(to); day = day.Add(24 * time.Hour) {
		err := s.update(func(tx *bolt.Tx) error {
			b, err := tx.Bucket(res).CreateBucketIfNotExists([]byte(gpu))
			if err != nil {
				return err
			}
			b.FillPercent = 1
			for t := day; t.Before(minTime(day.Add(24*time.Hour), to)); t = t.Add(step) {
				if err := b.Put(secKey(t), syntheticRow(t, n).encode()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// bulkRaw writes 1 Hz raw samples for [from, to), an hour per transaction.
func (s *Store) bulkRaw(gpu string, from, to time.Time) error {
	for hour := from; hour.Before(to); hour = hour.Add(time.Hour) {
		var chunks []rawChunk
		for t := hour; t.Before(hour.Add(time.Hour)); t = t.Add(time.Second) {
			if t.Unix()%60 == 0 {
				chunks = append(chunks, rawChunk{minute: t.Unix()})
			}
			p := NewTelemetryPoint(t, gpu)
			for m := range metricCount {
				p.SetValue(m, synthetic(m, t))
			}
			c := &chunks[len(chunks)-1]
			c.data = appendRaw(c.data, rawRecord{ms: uint16(t.Unix() % 60 * 1000), v: p.quantized()})
		}
		if err := s.update(func(tx *bolt.Tx) error { return s.putChunks(tx, gpu, chunks) }); err != nil {
			return err
		}
	}
	return nil
}
