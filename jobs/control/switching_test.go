package control

import "testing"

// Right after a switch from Mine to Idle the miners still run: the rig is
// switching until they are stopped, even before the controller's loop has
// asked them to stop (`rigshift mode idle` reads the status at once).
func TestSwitchingBeforeTheMinersAreAskedToStop(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()) // no loop: the test reconciles
	t.Cleanup(func() { _ = r.c.shutdown() })
	r.configureMiner()
	_ = r.c.SetMode(Mine)
	r.c.reconcile()
	if st := r.c.Status(); countWork(st, "mining") != 2 || st.Switching {
		t.Fatalf("after the reconcile: %d GPUs mining, switching %v", countWork(st, "mining"), st.Switching)
	}
	_ = r.c.SetMode(Idle)
	if st := r.c.Status(); !st.Switching {
		t.Errorf("Idle asked, %d miners still running, and the status says it is not switching", countWork(st, "mining"))
	}
}
