package store

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkTelemetryIngest adds samples for 8 GPUs and commits them, as the
// writer does: "5s" is one default flush at 1 Hz (commit-bound), "1000s" a
// large batch (encoding-bound).
func BenchmarkTelemetryIngest(b *testing.B) {
	for _, secs := range []int{5, 1000} {
		b.Run(fmt.Sprintf("batch=%ds", secs), func(b *testing.B) {
			s := openTest(b, Options{})
			w := s.Telemetry()
			gpus := benchGPUNames()
			at := time.Now()
			setClock(s, at)
			samples := 0
			for b.Loop() {
				for range secs {
					for _, gpu := range gpus {
						w.Add(point(at, gpu, 50))
					}
					at = at.Add(time.Second)
				}
				if err := w.Flush(); err != nil {
					b.Fatal(err)
				}
				samples += secs * benchGPUs
			}
			b.ReportMetric(float64(samples)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}

// BenchmarkChart reads one metric of 8 GPUs, at most 1000 points each, over
// the whole history of a database holding 30 days or a year of 1 Hz data.
func BenchmarkChart(b *testing.B) {
	for _, span := range []time.Duration{30 * 24 * time.Hour, 365 * 24 * time.Hour} {
		b.Run(fmt.Sprintf("days=%d", span/(24*time.Hour)), func(b *testing.B) {
			s, err := Open(fixture(b, span), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			setClock(s, fixtureEnd)
			points := 0
			for b.Loop() {
				for _, gpu := range benchGPUNames() {
					pts, err := s.Series(gpu, MetricTemp, fixtureEnd.Add(-span), fixtureEnd, 1000)
					if err != nil || len(pts) == 0 || len(pts) > 1000 {
						b.Fatalf("Series: %d points, %v", len(pts), err)
					}
					points = len(pts)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/chart")
			b.ReportMetric(float64(points), "points/series")
		})
	}
}

// benchGPUNames are the UUIDs the benchmarks use.
func benchGPUNames() []string {
	names := make([]string, benchGPUs)
	for g := range names {
		names[g] = fmt.Sprintf("GPU-bench-%d", g)
	}
	return names
}
