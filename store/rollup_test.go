package store

import (
	"math"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// rowAt reads a stored rollup row.
func rowAt(t *testing.T, s *Store, res []byte, gpu string, start time.Time) (row, bool) {
	t.Helper()
	var r row
	var ok bool
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(res).Bucket([]byte(gpu))
		if b == nil {
			return nil
		}
		v := b.Get(secKey(start))
		if v == nil {
			return nil
		}
		ok = true
		var err error
		r, err = decodeRow(v)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r, ok
}

func TestRollupsMinAvgMax(t *testing.T) {
	for _, flushes := range []int{1, 7, 120} { // the result must not depend on batching
		s := openTest(t, Options{})
		setClock(s, t0.Add(2*time.Hour))
		w := s.Telemetry()
		// two hours at 1 Hz: temp = second within the minute (0..59), fan unmeasured
		n := 7200
		for i := range n {
			p := NewTelemetryPoint(t0.Add(time.Duration(i)*time.Second), "g0")
			p.Temp = float32(i % 60)
			p.Power = float32(100 + i/3600*100) // 100 W first hour, 200 W second
			w.Add(p)
			if (i+1)%(n/flushes) == 0 {
				if err := w.Flush(); err != nil {
					t.Fatal(err)
				}
			}
		}
		w.Flush()
		m, ok := rowAt(t, s, bucketMinute, "g0", t0.Add(61*time.Minute))
		if !ok || m.count != 60 {
			t.Fatalf("flushes=%d: minute row %+v, %v", flushes, m, ok)
		}
		checkRow(t, "minute temp", m, MetricTemp, 0, 29.5, 59)
		checkRow(t, "minute power", m, MetricPower, 200, 200, 200)
		if m.avg[MetricFan] != noValue {
			t.Errorf("unmeasured fan stored as %v", m.avg[MetricFan])
		}
		h, _ := rowAt(t, s, bucketHour, "g0", t0)
		if h.count != 3600 {
			t.Errorf("flushes=%d: hour row counts %d samples, want 3600", flushes, h.count)
		}
		checkRow(t, "hour temp", h, MetricTemp, 0, 29.5, 59)
		checkRow(t, "hour power", h, MetricPower, 100, 100, 100)
	}
}

// checkRow compares metric m of r, within one storage step.
func checkRow(t *testing.T, what string, r row, m Metric, lo, avg, hi float64) {
	t.Helper()
	got := []float32{dequantize(m, r.min[m]), dequantize(m, r.avg[m]), dequantize(m, r.max[m])}
	for i, want := range []float64{lo, avg, hi} {
		if math.Abs(float64(got[i])-want) > m.Step() {
			t.Errorf("%s: min/avg/max = %v, want %v %v %v", what, got, lo, avg, hi)
			return
		}
	}
}

func TestRawSamplesSurviveOutOfOrderAndReopen(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0.Add(time.Hour))
	w := s.Telemetry()
	for _, sec := range []int{5, 1, 3} { // out of order, split over flushes
		w.Add(point(t0.Add(time.Duration(sec)*time.Second), "g0", float32(sec)))
		w.Flush()
	}
	s = reopen(t, s)
	setClock(s, t0.Add(time.Hour))
	pts, err := s.Series("g0", MetricTemp, t0, t0.Add(time.Minute), 1000)
	if err != nil || len(pts) != 3 {
		t.Fatalf("Series = %+v, %v", pts, err)
	}
	for i, sec := range []int{1, 3, 5} {
		if !pts[i].Time.Equal(t0.Add(time.Duration(sec)*time.Second)) || pts[i].Avg != float32(sec) {
			t.Errorf("point %d = %+v, want t0+%ds = %d", i, pts[i], sec, sec)
		}
	}
}

// One hour at 1 Hz flushed every 5 s (the default): 60 °C and 100 W for
// the first half hour, 61 °C and 120 W for the second. Each flush merged
// into the hour's rounded average, and late in the hour a flush moved it
// by less than the rounding: the average stood at 60 °C and 101 W.
func TestHourAverageSurvivesManySmallFlushes(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0.Add(2*time.Hour))
	w := s.Telemetry()
	for i := range 3600 {
		p := NewTelemetryPoint(t0.Add(time.Duration(i)*time.Second), "g0")
		p.Temp, p.Power = 60, 100
		if i >= 1800 {
			p.Temp, p.Power = 61, 120
		}
		w.Add(p)
		if (i+1)%5 == 0 {
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	h, _ := rowAt(t, s, bucketHour, "g0", t0)
	checkRow(t, "hour temp", h, MetricTemp, 60, 60.5, 61)
	checkRow(t, "hour power", h, MetricPower, 100, 110, 120)
}

// A metric missing from some samples (a failed read) is averaged over the
// samples that have it, wherever the flushes fell.
func TestRollupAverageWithGapsDoesNotDependOnFlushes(t *testing.T) {
	avg := func(split bool) float32 {
		s := openTest(t, Options{})
		setClock(s, t0.Add(time.Hour))
		w := s.Telemetry()
		for i := range 60 {
			p := NewTelemetryPoint(t0.Add(time.Duration(i)*time.Second), "g0")
			p.Temp = 50
			if i >= 30 {
				p.Power = 200
			} else if i%10 == 0 {
				p.Power = 100
			}
			w.Add(p)
			if split && i == 29 {
				if err := w.Flush(); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		r, _ := rowAt(t, s, bucketMinute, "g0", t0)
		return dequantize(MetricPower, r.avg[MetricPower])
	}
	if one, two := avg(false), avg(true); math.Abs(float64(one-two)) > 0.1 {
		t.Errorf("minute power average %v in one flush, %v in two", one, two)
	}
}

// A damaged raw chunk or rollup row of the interval being written is
// replaced by what comes next. It used to fail every flush, losing every
// GPU's samples, until the minute (raw) or the hour (rollup) was over.
func TestDamagedTelemetryOfTheCurrentIntervalIsReplaced(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0.Add(time.Hour))
	w := s.Telemetry()
	w.Add(point(t0, "g0", 40))
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		part := tx.Bucket(bucketRaw).Bucket(secKeyUnix(floorTo(t0.Unix(), partitionSec)))
		if err := part.Bucket([]byte("g0")).Put(secKey(t0), []byte{1, 2, 3}); err != nil {
			return err
		}
		for _, res := range [][]byte{bucketMinute, bucketHour} {
			if err := tx.Bucket(res).Bucket([]byte("g0")).Put(secKey(t0), []byte{1}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s) // a new writer reads the stored rows
	setClock(s, t0.Add(time.Hour))
	w = s.Telemetry()
	w.Add(point(t0.Add(10*time.Second), "g0", 50), point(t0.Add(10*time.Second), "g1", 60))
	if err := w.Flush(); err != nil {
		t.Fatalf("a flush over a damaged interval: %v", err)
	}
	if pts, err := s.Series("g0", MetricTemp, t0, t0.Add(time.Minute), 1000); err != nil || len(pts) != 1 || pts[0].Avg != 50 {
		t.Errorf("raw samples after the repair = %+v, %v; want the one at 50 °C", pts, err)
	}
	for _, res := range [][]byte{bucketMinute, bucketHour} {
		r, ok := rowAt(t, s, res, "g0", t0)
		if !ok || r.count != 1 {
			t.Fatalf("%s row after the repair = %+v, %v", res, r, ok)
		}
		checkRow(t, string(res), r, MetricTemp, 50, 50, 50)
	}
	if _, ok := rowAt(t, s, bucketMinute, "g1", t0); !ok {
		t.Error("the other GPU's samples were lost with the damaged one's")
	}
}
