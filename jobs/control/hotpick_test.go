package control

import (
	"testing"
	"time"
)

// In Auto, a job that needs one GPU goes to a GPU that mines, not to the
// one whose miner the thermal guard holds: there it would be paused for
// heat at once, while a cool GPU went on mining.
func TestAutoGivesAJobACoolGPU(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir())
	r.configureMiner()
	send, _ := feedRig(t, r) // the snapshots carry GPU 0 alone
	_ = r.c.SetMode(Auto)
	r.eventually("both GPUs mine", func(s Status) bool { return countWork(s, "mining") == 2 })
	deadline := time.Now().Add(20 * time.Second)
	for !r.c.Status().GPUs[0].Hot {
		if time.Now().After(deadline) {
			t.Fatal("GPU 0's miner was never held for heat")
		}
		send(90)
	}
	job, err := r.c.AddJob(trainerJob("Cool", 1, 100000, 0))
	if err != nil {
		t.Fatal(err)
	}
	r.eventually("the job running", func(Status) bool { return r.jobState(job.ID) == JobRunning })
	got, _ := r.c.Job(job.ID)
	if i, _ := r.c.slotByUUID(got.GPUs[0]); i != 1 {
		t.Errorf("the job runs on GPU %d, held for heat, while GPU 1 mined", i)
	}
}
