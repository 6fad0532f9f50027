package control

import (
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs"
)

// busy holds the controller's lock, as a slow reconcile or store commit
// does, while the workload ends: the supervisor's events and the "done"
// message are then both ready in Run's select.
// It returns when the process exited.
func (r *testRig) busyUntilDone(id string, extra time.Duration) time.Time {
	r.c.mu.Lock()
	h, ok := r.c.sup.Handle(id)
	if !ok {
		r.c.mu.Unlock()
		r.t.Fatalf("no handle for %s", id)
	}
	<-h.Done()
	time.Sleep(extra)
	r.c.mu.Unlock()
	return h.Status().LastExit.At
}

func waitJobFinal(r *testRig, id string) Job {
	r.t.Helper()
	r.eventually(id+" final", func(Status) bool { return r.jobState(id).Final() })
	j, _ := r.c.Job(id)
	return j
}

// A short job that ran and succeeded must be billed for its running time.
func TestShortJobIsBilledWhateverTheEventOrder(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	locked := make(chan string, 16)
	r.c.beforeStart = func(w jobs.Workload) {
		// The controller will be busy (a slow commit, a long reconcile)
		// from just after this start until the job has ended.
		go func() { r.c.mu.Lock(); locked <- w.ID }()
	}
	r.run()
	_ = r.c.SetMode(Rent)
	for i := range 4 {
		job, err := r.c.AddJob(trainerJob("Quick", 1, 5, 0)) // about 100 ms of work
		if err != nil {
			t.Fatal(err)
		}
		id := <-locked
		h, _ := r.c.sup.Handle(id)
		<-h.Done()
		time.Sleep(20 * time.Millisecond)
		r.c.mu.Unlock()
		got := waitJobFinal(r, job.ID)
		if got.State != JobSucceeded || got.Running <= 0 || got.Earned <= 0 {
			t.Fatalf("run %d: job %s is %s, billed %v running, earned %v", i, job.ID, got.State, got.Running, got.Earned)
		}
	}
}

// A stopped job whose GPU memory is still held must block the GPU
// (EventGPUsBusy), whatever the order Run's select picks.
func TestGPUsBusyIsNeverIgnored(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	r.c.procs.(*gpuProcesses).liveOnly = false // the "driver" keeps the dead leader's memory
	r.run()
	_ = r.c.SetMode(Rent)
	for i := range 1 { // each waits out the supervisor's 5 s for the memory
		job, _ := r.c.AddJob(trainerJob("Busy", 1, 100000, 0))
		r.eventually("running", func(s Status) bool { return len(s.Running) == 1 && s.Running[0].State == JobRunning })
		_ = r.c.CancelJob(job.ID)
		r.busyUntilDone(job.ID, 20*time.Millisecond)
		waitJobFinal(r, job.ID)
		time.Sleep(100 * time.Millisecond)
		events, _ := r.store.Events(time.Time{}, time.Now().Add(time.Hour), 1000)
		found := false
		for _, e := range events {
			if e.Kind == "gpu-busy" && e.JobID == job.ID {
				found = true
			}
		}
		if !found {
			t.Fatalf("run %d: the GPUs-busy event of %s was dropped: the GPU was never blocked", i, job.ID)
		}
	}
}

// A job that exited 0 is a success, even if the owner's cancel or the
// longest-run check comes in before the controller saw it end.
func TestJobThatSucceededIsNotTimedOut(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	_ = r.c.SetMode(Rent)
	for i := range 2 {
		spec := trainerJob("Close call", 1, 5, 0)
		spec.MaxRuntime = time.Second
		job, _ := r.c.AddJob(spec)
		r.eventually("running", func(s Status) bool { return len(s.Running) == 1 && s.Running[0].State == JobRunning })
		seen := time.Now()
		exited := r.busyUntilDone(job.ID, 1200*time.Millisecond) // a heartbeat falls due meanwhile
		got := waitJobFinal(r, job.ID)
		if got.State != JobSucceeded {
			t.Fatalf("run %d: job %s exited 0 but is %s (%s), billed %v", i, job.ID, got.State, got.Reason, got.Running)
		}
		if ran := exited.Sub(seen); got.Running > ran+200*time.Millisecond {
			t.Errorf("run %d: job ran about %v but is billed %v", i, ran, got.Running)
		}
	}
}
