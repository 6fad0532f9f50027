package store

import (
	"math"
	"testing"
	"time"
)

func TestPickResolution(t *testing.T) {
	s := openTest(t, Options{})
	now := t0
	setClock(s, now)
	tests := []struct {
		name      string
		span      time.Duration
		ago       time.Duration // how far before now the range ends
		maxPoints int
		want      string
	}{
		{"last hour, 1000 points: raw", time.Hour, 0, 1000, "raw"},
		{"last 6 hours: raw (1m would give only 360)", 6 * time.Hour, 0, 1000, "raw"},
		{"last day: 1m", 24 * time.Hour, 0, 1000, "1m"},
		{"last 30 days: 1h", 30 * 24 * time.Hour, 0, 1000, "1h"},
		{"last year: 1h", 365 * 24 * time.Hour, 0, 1000, "1h"},
		{"a day, 100 points: 1h would give 24, 1m fits", 24 * time.Hour, 0, 100, "1m"},
		{"a day, 40 points: 1h", 24 * time.Hour, 0, 40, "1h"},
		{"an hour 3 days ago: raw is gone, 1m", time.Hour, 72 * time.Hour, 1000, "1m"},
		{"an hour 100 days ago: only 1h is kept", time.Hour, 100 * 24 * time.Hour, 1000, "1h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			to := now.Add(-tt.ago)
			if got := s.pickResolution(to.Add(-tt.span), to, tt.maxPoints).name; got != tt.want {
				t.Errorf("picked %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSeriesCapsPointsAndKeepsExtremes(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0.Add(2*time.Hour))
	w := s.Telemetry()
	for i := range 7200 { // two hours at 1 Hz, a triangle wave 0..99 with one spike
		p := point(t0.Add(time.Duration(i)*time.Second), "g0", 0)
		p.Temp = float32(i % 100)
		if i == 4321 {
			p.Temp = 500
		}
		w.Add(p)
	}
	w.Add(point(t0, "g1", 7)) // another GPU must not leak in
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		from, to  time.Time
		maxPoints int
	}{
		{t0, t0.Add(2 * time.Hour), 1000}, // raw, merged in memory
		{t0, t0.Add(2 * time.Hour), 150},  // 1m rows, merged
		{t0, t0.Add(2 * time.Hour), 7},    // 1h rows: 3 points
		{t0.Add(30 * time.Minute), t0.Add(90 * time.Minute), 1},
	} {
		pts, err := s.Series("g0", MetricTemp, tc.from, tc.to, tc.maxPoints)
		if err != nil {
			t.Fatal(err)
		}
		if len(pts) == 0 || len(pts) > tc.maxPoints {
			t.Fatalf("maxPoints %d: got %d points", tc.maxPoints, len(pts))
		}
		lo, hi, sum := float32(math.Inf(1)), float32(math.Inf(-1)), 0.0
		for i, p := range pts {
			lo, hi, sum = min(lo, p.Min), max(hi, p.Max), sum+float64(p.Avg)
			if i > 0 && !p.Time.After(pts[i-1].Time) {
				t.Fatalf("maxPoints %d: points out of order at %d", tc.maxPoints, i)
			}
		}
		if lo != 0 || hi != 500 {
			t.Errorf("maxPoints %d: min %v max %v, want 0 and the 500 spike", tc.maxPoints, lo, hi)
		}
		if avg := sum / float64(len(pts)); math.Abs(avg-49.5) > 3 {
			t.Errorf("maxPoints %d: mean of averages %v, want about 49.5", tc.maxPoints, avg)
		}
	}
}

func TestSeriesRejectsBadArguments(t *testing.T) {
	s := openTest(t, Options{})
	for _, tc := range []struct {
		m        Metric
		from, to time.Time
		max      int
	}{
		{metricCount, t0, t0.Add(time.Hour), 10},
		{MetricTemp, t0, t0.Add(time.Hour), 0},
		{MetricTemp, t0.Add(time.Hour), t0, 10},
	} {
		if _, err := s.Series("g0", tc.m, tc.from, tc.to, tc.max); err == nil {
			t.Errorf("Series(%v, %v, %v, %d) accepted", tc.m, tc.from, tc.to, tc.max)
		}
	}
	if pts, err := s.Series("nope", MetricTemp, t0, t0.Add(time.Hour), 10); err != nil || len(pts) != 0 {
		t.Errorf("unknown GPU: %v, %v", pts, err)
	}
}

func TestTelemetryGPUs(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0)
	w := s.Telemetry()
	w.Add(point(t0, "GPU-b", 1), point(t0, "GPU-a", 1))
	w.Flush()
	if gpus, err := s.TelemetryGPUs(); err != nil || len(gpus) != 2 || gpus[0] != "GPU-a" || gpus[1] != "GPU-b" {
		t.Errorf("TelemetryGPUs = %v, %v", gpus, err)
	}
}
