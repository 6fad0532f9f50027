package control

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Mode switches from many goroutines at once, with jobs queued: no GPU ever
// has two live workloads, the controller's books stay consistent, and the
// last request wins.
func TestRacingModeSwitches(t *testing.T) {
	r := newTestRig(t, 3, t.TempDir()).run()
	r.configureMiner()
	for i := range 3 {
		if _, err := r.c.AddJob(trainerJob(fmt.Sprint("client", i), 1+i%2, 400, 0)); err != nil {
			t.Fatal(err)
		}
	}
	stop := make(chan struct{})
	var violations atomic.Int64
	var checks sync.WaitGroup
	checks.Add(1)
	go func() {
		defer checks.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if msg := r.checkInvariants(); msg != "" {
				violations.Add(1)
				t.Error(msg)
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	var clicks sync.WaitGroup
	for g := range 8 {
		clicks.Add(1)
		go func() {
			defer clicks.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 1))
			for range 40 {
				_ = r.c.SetMode(Modes()[rng.IntN(4)])
				time.Sleep(time.Duration(rng.IntN(15)) * time.Millisecond)
			}
		}()
	}
	clicks.Wait()
	if err := r.c.SetMode(Mine); err != nil { // the last request
		t.Fatal(err)
	}
	r.eventually("only mining, on all 3 GPUs", func(s Status) bool {
		return s.Mode == Mine && s.Miner.GPUs == 3 && len(s.Running) == 0 && !s.Switching
	})
	close(stop)
	checks.Wait()
	if saved, _ := r.store.Mode(); saved != "mine" {
		t.Errorf("saved mode %q, want mine", saved)
	}
	for _, j := range r.c.Jobs() {
		if j.State != JobQueued {
			t.Errorf("job %s is %s after the switches settled in Mine mode", j.ID, j.State)
		}
	}
}

// checkInvariants looks at the rig as the OS sees it and at the books.
func (r *testRig) checkInvariants() string {
	for i, g := range r.sim.GPUs() {
		if pids, _ := r.c.procs.ComputePIDs(g.UUID); len(pids) > 1 {
			return fmt.Sprintf("GPU %d has %d live workloads: %v", i, len(pids), pids)
		}
	}
	r.c.mu.Lock()
	defer r.c.mu.Unlock()
	held := map[int]string{}
	for id, w := range r.c.work {
		for _, g := range w.gpus {
			if other, dup := held[g]; dup {
				return fmt.Sprintf("GPU %d given to %s and %s", g, other, id)
			}
			held[g] = id
			if r.c.slots[g].owner != id {
				return fmt.Sprintf("GPU %d's owner is %q, but %s runs on it", g, r.c.slots[g].owner, id)
			}
		}
	}
	return ""
}
