package control

import (
	"testing"
)

// minerPIDs is the process of each miner that runs, by workload id.
func (r *testRig) minerPIDs() map[string]int {
	r.c.mu.Lock()
	defer r.c.mu.Unlock()
	pids := map[string]int{}
	for id, w := range r.c.work {
		if w.kind == mining && !w.stopping {
			if pid := w.handle.Status().PID; pid != 0 {
				pids[id] = pid
			}
		}
	}
	return pids
}

// A new miner setup reaches a miner that runs at once: the window and the
// command line say so (MinerSetupSaved), and a miner left on the old pool
// or wallet until the next mode switch would mine for the wrong account.
func TestANewMinerSetupRestartsTheRunningMiner(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	r.configureMiner()
	if err := r.c.SetMode(Mine); err != nil {
		t.Fatal(err)
	}
	var before map[string]int
	r.eventually("the miner runs", func(Status) bool { before = r.minerPIDs(); return len(before) == 1 })

	s := r.c.Settings()
	s.Miner.Algorithm = "kawpow"
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	r.eventually("the miner runs again with the new setup", func(Status) bool {
		after := r.minerPIDs()
		if len(after) != 1 {
			return false
		}
		for id, pid := range after {
			if before[id] == pid {
				return false
			}
		}
		return true
	})
}
