package store

import (
	"math"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A metric measured in only some samples of an interval (a failed power
// read) is averaged over the samples that have it, also when the interval
// is finished after a restart: the stored row used to weigh its average by
// all of the row's samples, as if every one had measured it.
func TestPartlyMeasuredMetricMergesByItsOwnCountAfterReopen(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0.Add(time.Hour))
	w := s.Telemetry()
	for i := range 30 { // power read in 3 of 30 samples, at 100 W
		p := NewTelemetryPoint(t0.Add(time.Duration(i)*time.Second), "g0")
		p.Temp = 50
		if i%10 == 0 {
			p.Power = 100
		}
		w.Add(p)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	setClock(s, t0.Add(time.Hour))
	w = s.Telemetry()
	for i := 30; i < 60; i++ { // then in all 30, at 200 W
		p := NewTelemetryPoint(t0.Add(time.Duration(i)*time.Second), "g0")
		p.Temp, p.Power = 50, 200
		w.Add(p)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := (3*100 + 30*200) / 33.0
	for _, res := range [][]byte{bucketMinute, bucketHour} {
		r, ok := rowAt(t, s, res, "g0", t0)
		if !ok || r.count != 60 {
			t.Fatalf("%s row = %+v, %v; want 60 samples", res, r, ok)
		}
		checkRow(t, string(res)+" power", r, MetricPower, 100, want, 200)
		checkRow(t, string(res)+" temp", r, MetricTemp, 50, 50, 50)
	}
}

// schema1Row is a rollup row as schema 1 stored it: count, then min, avg
// and max per metric, with no per-metric counts.
func schema1Row(count uint16, lo, avg, hi values) []byte {
	b := be.AppendUint16(nil, count)
	for m := range metricCount {
		b = be.AppendUint16(b, lo[m])
		b = be.AppendUint16(b, avg[m])
		b = be.AppendUint16(b, hi[m])
	}
	return b
}

// A file from schema 1 is upgraded on open, and its rows still read:
// each measured metric counts all of the row's samples, as it did then.
func TestSchema1RowsReadAndMergeAfterUpgrade(t *testing.T) {
	s := openTest(t, Options{})
	path := s.Path()
	setClock(s, t0.Add(time.Hour))
	w := s.Telemetry()
	w.Add(point(t0, "g0", 0)) // creates the GPU's buckets
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	var lo, avg, hi values
	for m := range metricCount {
		lo[m], avg[m], hi[m] = noValue, noValue, noValue
	}
	lo[MetricPower], avg[MetricPower], hi[MetricPower] = 1000, 1000, 1000 // 100 W over 30 samples
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range [][]byte{bucketMinute, bucketHour} {
		if err := db.Update(func(tx *bolt.Tx) error {
			return tx.Bucket(res).Bucket([]byte("g0")).Put(secKey(t0), schema1Row(30, lo, avg, hi))
		}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	setSchema(t, path, 1)

	s, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("opening a schema 1 file: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if v, err := s.schemaVersion(); err != nil || v != len(migrations) {
		t.Fatalf("schema version after open = %d, %v; want %d", v, err, len(migrations))
	}
	setClock(s, t0.Add(time.Hour))
	pts, err := s.Series("g0", MetricPower, t0, t0.Add(time.Hour), 1)
	if err != nil || len(pts) != 1 || pts[0].Avg != 100 {
		t.Fatalf("Series over a schema 1 row = %+v, %v; want one point at 100 W", pts, err)
	}
	w = s.Telemetry()
	for i := 30; i < 60; i++ {
		p := NewTelemetryPoint(t0.Add(time.Duration(i)*time.Second), "g0")
		p.Power = 200
		w.Add(p)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	r, _ := rowAt(t, s, bucketHour, "g0", t0)
	checkRow(t, "hour power", r, MetricPower, 100, 150, 200)
	if r.count != 60 || r.n[MetricPower] != 60 {
		t.Errorf("hour row counts %d samples, %d of power; want 60 and 60", r.count, r.n[MetricPower])
	}
}

// Per-metric counts are stored only where they say more than the row's
// sample count, so fully measured rows keep their schema 1 size.
func TestRowStoresPerMetricCountsOnlyWhenPartial(t *testing.T) {
	full := newAgg(0)
	full.add(values{1, 2, 3, 4, noValue, 6, 7, 8})
	full.add(values{1, 2, 3, 4, noValue, 6, 7, 8})
	if b := full.row().encode(); len(b) != rowSize {
		t.Errorf("a fully measured row takes %d bytes, want %d", len(b), rowSize)
	}
	part := full
	part.add(values{1, noValue, 3, 4, noValue, 6, 7, 8})
	b := part.row().encode()
	if len(b) != rowSizeCounted {
		t.Fatalf("a partly measured row takes %d bytes, want %d", len(b), rowSizeCounted)
	}
	r, err := decodeRow(b)
	if err != nil {
		t.Fatal(err)
	}
	if r.count != 3 || r.n[MetricTemp] != 3 || r.n[MetricPower] != 2 || r.n[MetricFan] != 0 {
		t.Errorf("decoded counts %d, per metric %v", r.count, r.n)
	}
}

// A chart that merges rollup rows weighs each row by the samples that
// measured the metric: an hour where power was read once used to count as
// much as an hour where it was read every time.
func TestSeriesWeighsRowsByTheMetricsOwnCount(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0.Add(2*time.Hour))
	w := s.Telemetry()
	for i := range 20 { // ten samples an hour; power read once at 100 W, then every time at 200 W
		p := NewTelemetryPoint(t0.Add(time.Duration(i)*6*time.Minute), "g0")
		p.Temp = 50
		switch {
		case i >= 10:
			p.Power = 200
		case i == 0:
			p.Power = 100
		}
		w.Add(p)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	pts, err := s.Series("g0", MetricPower, t0, t0.Add(2*time.Hour), 1) // both hour rows in one point
	if err != nil || len(pts) != 1 {
		t.Fatalf("Series = %+v, %v; want one point", pts, err)
	}
	if want := float32(100+10*200) / 11; math.Abs(float64(pts[0].Avg-want)) > 0.1 {
		t.Errorf("two hours of power average %v, want %v", pts[0].Avg, want)
	}
}
