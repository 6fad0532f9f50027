package control

import "testing"

// A database that refuses writes (a full disk) refuses a switch to a mode
// that starts work, which a restart would not come back in; but Idle, which
// only stops, is never refused: the owner can always stop the rig.
func TestIdleIsNeverRefusedForWantOfTheDisk(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	r.configureMiner()
	_ = r.c.SetMode(Mine)
	r.eventually("mining", func(s Status) bool { return countWork(s, "mining") == 1 })
	_ = r.store.Close()
	if err := r.c.SetMode(Rent); err == nil {
		t.Error("Rent was switched to without being saved")
	}
	if err := r.c.SetMode(Idle); err != nil {
		t.Fatalf("Idle refused: %v", err)
	}
	r.eventually("the miner stopped", func(s Status) bool { return s.Mode == Idle && countWork(s, "mining") == 0 && !s.Switching })
}
