package control

import (
	"math"
	"testing"
	"time"

	"github.com/rigshift/rigshift/store"
)

// A GPU that runs nothing still draws power, and so does its share of the
// host: each idle stretch is an earnings record of its own, closed when a
// workload takes the GPU. Before, only mining and renting were booked, and
// a day that mined an hour read as if the rig had cost only that hour.
func TestIdleGPUsBookTheirElectricity(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	time.Sleep(time.Second) // Idle: 20 snapshots, 5 saves
	r.configureMiner()
	if err := r.c.SetMode(Mine); err != nil {
		t.Fatal(err)
	}
	r.eventually("both GPUs mine", func(st Status) bool { return st.Miner.GPUs == 2 })
	minedFrom := time.Now()
	time.Sleep(500 * time.Millisecond)
	r.stop()

	recs, err := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	s := r.c.Settings()
	idle := map[string]int{}
	for _, e := range recs {
		if e.Kind != store.KindIdle {
			continue
		}
		idle[e.GPU]++
		secs := e.End.Sub(e.Start).Seconds()
		overheadJ := s.HostOverheadW / 2 * secs
		if e.EnergyJ <= 0 || e.Revenue != 0 || e.Currency != s.Currency {
			t.Errorf("idle record %+v", e)
		}
		if want := (e.EnergyJ + overheadJ) / 3.6e6 * s.ElectricityPerKWh; math.Abs(e.ElectricityCost-want) > want/50 {
			t.Errorf("idle record costs %v for %.0f J over %.2f s, want %v (GPU and half the host's %v W)",
				e.ElectricityCost, e.EnergyJ, secs, want, s.HostOverheadW)
		}
		if e.End.After(minedFrom) {
			t.Errorf("an idle record runs on while its GPU mines: %v–%v, mining from %v", e.Start, e.End, minedFrom)
		}
	}
	if len(idle) != 2 || idle[r.c.allUUIDs()[0]] != 1 {
		t.Errorf("idle records per GPU: %v, want one each", idle)
	}
}
