package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
)

// A menu whose numbers alone moved (the hash rate, read every 5 s) is set
// again at most every 10 s: each set sends the panel a signal per item,
// dozens a second on a rig with jobs and a miner. A mode picked is set at
// once, and the numbers held back come with the next status after the wait.
func TestTrayMenuNumbersWaitTheirTurn(t *testing.T) {
	backend := &fakeTrayBackend{}
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	tr := &tray{app: backend, act: trayActions{}, now: func() time.Time { return now }}
	mining := func(rate float64) control.Status {
		return control.Status{Mode: control.Mine, Miner: control.MinerStatus{GPUs: 2, HashRate: rate}}
	}
	tr.show(mining(100e6))
	now = now.Add(5 * time.Second)
	tr.show(mining(101e6))
	if len(backend.menus) != 1 {
		t.Fatalf("%d menus set for a hash rate that moved within 5 s, want 1", len(backend.menus))
	}
	now = now.Add(5 * time.Second)
	tr.show(mining(102e6))
	if len(backend.menus) != 2 || !strings.Contains(backend.menus[1].Items[0].Label, "102") {
		t.Fatalf("after the wait: %d menus set", len(backend.menus))
	}
	tr.show(control.Status{Mode: control.Idle})
	if len(backend.menus) != 3 {
		t.Errorf("Idle picked: %d menus set, want it at once", len(backend.menus))
	}
}
