//go:build linux

package jobs

import (
	"context"
	"slices"
	"testing"
	"time"
)

// BenchmarkStopLatency measures Handle.Stop for a workload that exits on
// SIGTERM: from the request until its process group is gone and the state
// is Stopped. The timer runs only around Stop; ms/stop is the mean,
// p95-ms/stop the 95th percentile.
func BenchmarkStopLatency(b *testing.B) {
	sup := NewSupervisor(Config{StopGrace: 10 * time.Second})
	defer sup.Shutdown(context.Background())
	var took []time.Duration
	for b.Loop() {
		b.StopTimer()
		hd, err := sup.Start(fakeWorkload(Mining, "sleeper"))
		if err != nil {
			b.Fatal(err)
		}
		for !tailHas(hd, "ready") {
			time.Sleep(time.Millisecond)
		}
		b.StartTimer()
		t0 := time.Now()
		if err := hd.Stop(context.Background(), StopUser); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(t0))
		if st := hd.Status(); st.State != Stopped || st.LastExit.Signal != "SIGTERM" {
			b.Fatalf("status %+v", st)
		}
	}
	slices.Sort(took)
	var sum time.Duration
	for _, d := range took {
		sum += d
	}
	b.ReportMetric(float64(sum.Microseconds())/float64(len(took))/1000, "ms/stop")
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms/stop")
}
