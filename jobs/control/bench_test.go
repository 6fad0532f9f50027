package control

import (
	"testing"
	"time"
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
