package control

import (
	"testing"
	"time"
)

// A job's longest run was looked at only at each heartbeat (5 s), so a
// job ran up to 5 s past its limit before it was stopped. It is stopped
// at its limit now: here the heartbeat is an hour away.
func TestLongestRunStopsTheJobAtItsLimitNotAtTheHeartbeat(t *testing.T) {
	r := newTestRigWith(t, 1, t.TempDir(), func(o *Options) { o.Heartbeat = time.Hour }).run()
	spec := trainerJob("Acme", 1, 100000, 0)
	spec.MaxRuntime = 300 * time.Millisecond
	job := r.runningJob(spec)
	deadline := time.Now().Add(3 * time.Second) // the limit, and the stop's time, with room for a loaded machine
	for r.jobState(job.ID) != JobTimedOut {
		if time.Now().After(deadline) {
			t.Fatalf("the job is %s 3 s after it started, with a longest run of %v", r.jobState(job.ID), spec.MaxRuntime)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if got, _ := r.c.Job(job.ID); got.Running != spec.MaxRuntime {
		t.Errorf("billed for %v, want its longest run %v", got.Running, spec.MaxRuntime)
	}
}
