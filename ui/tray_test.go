package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/progress"
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

// What the numbers of a menu's items name is no number that moved: a job
// that ended and the next one begun (J-0003, then J-0004 of the same
// client) is set at once, and so is a warning about another GPU; the tray
// showed the ended job for up to 10 s, and its item opened that job.
func TestTrayMenuNewJobOrWarningComesAtOnce(t *testing.T) {
	backend := &fakeTrayBackend{}
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	tr := &tray{app: backend, act: trayActions{}, now: func() time.Time { return now }}
	renting := func(id string, hot int) control.Status {
		return control.Status{Mode: control.Rent, GPUs: []control.GPUStatus{{Index: hot, Hot: true}},
			Running: []control.Job{{ID: id, State: control.JobRunning, Spec: control.JobSpec{Client: "acme"},
				Progress: progress.Progress{Percent: 40}}}}
	}
	tr.show(renting("J-0003", 1))
	now = now.Add(2 * time.Second)
	tr.show(renting("J-0004", 1))
	if len(backend.menus) != 2 || !strings.Contains(menuKey(backend.menus[1]), "J-0004") {
		t.Fatalf("%d menus set, want the next job's at once", len(backend.menus))
	}
	now = now.Add(2 * time.Second)
	tr.show(renting("J-0004", 2))
	if len(backend.menus) != 3 || !strings.Contains(menuKey(backend.menus[2]), "GPU 2 paused") {
		t.Fatalf("%d menus set, want the warning about GPU 2 at once", len(backend.menus))
	}
}
