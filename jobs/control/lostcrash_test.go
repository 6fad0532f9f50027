package control

import (
	"testing"
	"time"

	"github.com/rigshift/rigshift/hardware"
)

// A GPU that falls off the bus (Xid 79) crashes the CUDA program on it
// at once; NVML says the GPU is lost a sampling pass later, while the
// supervisor still waits for the dead job's memory. By the time the
// controller handles the job's end its GPU is known lost: the job was
// interrupted by the hardware, and goes back to the queue as its policy
// says, rather than failing as if the client's program were wrong.
func TestJobCrashedByALostGPUIsInterrupted(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()) // no loop: the test plays its order of events
	t.Cleanup(func() { _ = r.c.shutdown() })
	_ = r.c.SetMode(Rent)
	job, err := r.c.AddJob(trainerJob("Crashy", 1, 3, 1)) // exits 1 after a few steps
	if err != nil {
		t.Fatal(err)
	}
	r.c.reconcile()
	h, ok := r.c.sup.Handle(job.ID)
	if !ok {
		t.Fatal("the job did not start")
	}
	<-h.Done()
	j, _ := r.c.Job(job.ID)
	i, _ := r.c.slotByUUID(j.GPUs[0])
	lost := make([]hardware.GPUSample, 2)
	lost[i].State = hardware.GPULost
	r.c.observe(&hardware.Snapshot{Time: time.Now(), GPUs: lost})
	r.c.onDone(doneMsg{id: job.ID})
	got, _ := r.c.Job(job.ID)
	if got.State != JobQueued {
		t.Errorf("the job whose GPU was lost is %s (%s), want queued again", got.State, got.Reason)
	}
}
