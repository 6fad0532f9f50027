//go:build linux

package hardware

import (
	"math"
	"os"
	"testing"
	"time"
)

// TestRealGPUEnergyCarry checks, on this machine's first real GPU, that the
// energy carried between two reads of the card's counter (the power
// integrated each second, trackEnergy) comes within 5 % of what the counter
// then says. It takes 31 s, so it runs only when RIGSHIFT_REAL_GPU=1 and a
// driver answers: on a rig, or the device machine, with a load on the card
// for the figure to mean something (docs/REAL-GPU.md).
func TestRealGPUEnergyCarry(t *testing.T) {
	if os.Getenv("RIGSHIFT_REAL_GPU") != "1" {
		t.Skip("set RIGSHIFT_REAL_GPU=1 on a machine with an NVIDIA GPU to run this 31 s test")
	}
	backend, err := OpenNVMLSystem()
	if err != nil {
		t.Skipf("no NVIDIA driver here: %v", err)
	}
	t.Cleanup(func() { _ = backend.Close() })
	n := backend.(*NVML)
	var s GPUSample
	var lastCounterJ, carriedJ float64 // at the counter's last read; the figure a second before the next
	var counterAt, carriedAt time.Time
	checked := 0
	for i := 0; i <= 31; i++ {
		if i > 0 {
			time.Sleep(time.Second)
		}
		if err := n.Read(0, &s); err != nil {
			t.Fatalf("reading GPU 0: %v", err)
		}
		if !s.Has(MetricEnergy) || s.EnergyEstimated {
			t.Skipf("GPU 0 has no energy counter to check against (sample %d)", i)
		}
		if !counterAt.IsZero() && s.Time.Sub(counterAt) < EnergyCounterEvery {
			carriedJ, carriedAt = s.EnergyJ, s.Time
			continue
		}
		if !counterAt.IsZero() {
			// The carry's last figure plus this second's power, against
			// the counter that has just been read.
			estJ := carriedJ + s.PowerW*s.Time.Sub(carriedAt).Seconds() - lastCounterJ
			trueJ := s.EnergyJ - lastCounterJ
			off := estJ/trueJ - 1
			t.Logf("%s: %.0f s at %.0f W now: counter %.0f J, carried %.0f J (%+.2f %%)",
				n.gpus[0].Name, s.Time.Sub(counterAt).Seconds(), s.PowerW, trueJ, estJ, 100*off)
			if math.Abs(off) > 0.05 {
				t.Errorf("the carry is %+.1f %% off the counter over %s", 100*off, s.Time.Sub(counterAt))
			}
			checked++
		}
		lastCounterJ, counterAt = s.EnergyJ, s.Time
	}
	if checked < 2 {
		t.Errorf("the counter was read again %d times in 31 s, want at least 2 (every %s)", checked, EnergyCounterEvery)
	}
}
