package control

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/rigshift/rigshift/store"
)

// BenchmarkModeSwitchMineToRent is the time from SetMode(Rent) to the
// queued job's process running, with a miner on the GPU that exits on
// SIGTERM: stop the miner, verify its memory free, start the job.
func BenchmarkModeSwitchMineToRent(b *testing.B) {
	r := newBenchRig(b)
	var total time.Duration
	for b.Loop() {
		b.StopTimer()
		_ = r.c.SetMode(Mine)
		waitStatus(b, r, func(s Status) bool { return s.Miner.GPUs == 1 && s.Miner.HashRate > 0 && !s.Switching })
		job, err := r.c.AddJob(trainerJob("bench", 1, 100000, 0))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		_ = r.c.SetMode(Rent)
		waitStatus(b, r, func(s Status) bool { return len(s.Running) == 1 && s.Running[0].State == JobRunning })
		total += time.Since(start)
		b.StopTimer()
		_ = r.c.CancelJob(job.ID)
		waitStatus(b, r, func(s Status) bool { return len(s.Running) == 0 && !s.Switching })
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/switch")
}

func newBenchRig(b *testing.B) *testRig {
	r := newTestRigTB(b, 1, b.TempDir())
	r.run()
	r.configureMiner()
	return r
}

func waitStatus(b *testing.B, r *testRig, cond func(Status) bool) {
	deadline := time.Now().Add(20 * time.Second)
	for !cond(r.c.Status()) {
		if time.Now().After(deadline) {
			b.Fatalf("status not reached: %+v", r.c.Status())
		}
		time.Sleep(time.Millisecond)
	}
}

// BenchmarkJobsOfAYear is Jobs with 10 000 ended jobs, a busy year's:
// the window lists them at every refresh, in the tray too.
func BenchmarkJobsOfAYear(b *testing.B) {
	dir := b.TempDir()
	st, err := store.Open(filepath.Join(dir, "rigshift.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	const n = 10000
	recs := make([]store.JobRecord, n)
	now := time.Now()
	for i := range recs {
		at := now.Add(-time.Duration(n-i) * time.Hour)
		recs[i] = store.JobRecord{ID: fmt.Sprintf("J-%04d", i+1), Client: "Acme AI", Command: []string{"python", "train.py"},
			GPUCount: 1, RanOn: []string{"GPU-a"}, PricePerGPUHour: 0.4, Currency: "USD", State: string(JobSucceeded), Position: -1,
			CreatedAt: at, StartedAt: at, EndedAt: at.Add(time.Hour), RunningSeconds: 3600, GPUHours: 1, EnergyJ: 1e6, Earned: 0.4}
	}
	if err := st.PutJobs(recs); err != nil {
		b.Fatal(err)
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	r := newTestRigTB(b, 1, dir)
	for b.Loop() {
		if got := len(r.c.Jobs()); got != n {
			b.Fatalf("%d jobs listed, want %d", got, n)
		}
	}
}
