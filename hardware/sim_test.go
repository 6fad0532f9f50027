package hardware

import (
	"errors"
	"regexp"
	"testing"
	"time"
)

type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time          { return c.now }
func (c *fakeClock) Advance(d time.Duration) { c.now = c.now.Add(d) }

func newTestSim(t *testing.T, n int) (*Simulated, *fakeClock) {
	t.Helper()
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	sim, err := NewSimulated(n, SimOptions{Seed: 7, Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	return sim, clock
}

func TestSimulatedLooksLikeARealRig(t *testing.T) {
	sim, _ := newTestSim(t, 8)
	uuid := regexp.MustCompile(`^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for i, g := range sim.GPUs() {
		if !uuid.MatchString(g.UUID) || seen[g.UUID] || seen[g.PCIBusID] {
			t.Errorf("GPU %d: uuid %q bus %q not well formed or not unique", i, g.UUID, g.PCIBusID)
		}
		seen[g.UUID], seen[g.PCIBusID] = true, true
		if g.Index != i || g.PowerLimitW < 150 || g.VRAMTotal < 8<<30 || !regexp.MustCompile(`^NVIDIA GeForce RTX`).MatchString(g.Name) {
			t.Errorf("GPU %d = %+v", i, g)
		}
	}
	again, _ := newTestSim(t, 8)
	if again.GPUs()[5].UUID != sim.GPUs()[5].UUID {
		t.Error("the same seed gave other UUIDs: history would not follow the GPUs")
	}
}

func TestSimulatedPhysicsFollowLoad(t *testing.T) {
	sim, clock := newTestSim(t, 2)
	_ = sim.SetLoad(0, 1)
	_ = sim.SetLoad(1, 0)
	var busy0, idle0, busy, idle GPUSample
	_ = sim.Read(0, &busy0)
	_ = sim.Read(1, &idle0)
	clock.Advance(10 * time.Minute)
	_ = sim.Read(0, &busy)
	_ = sim.Read(1, &idle)
	if busy.GPUUtil < 95 || idle.GPUUtil > 5 {
		t.Fatalf("utilisation busy %d %%, idle %d %%", busy.GPUUtil, idle.GPUUtil)
	}
	if busy.PowerW < 0.9*busy.PowerLimitW || idle.PowerW > 40 {
		t.Errorf("power busy %v W of %v, idle %v W", busy.PowerW, busy.PowerLimitW, idle.PowerW)
	}
	if busy.TempC <= busy0.TempC || busy.TempC < idle.TempC+25 || busy.TempC > 90 {
		t.Errorf("temperature busy %d→%d °C, idle %d °C", busy0.TempC, busy.TempC, idle.TempC)
	}
	if busy.FanPct <= idle.FanPct {
		t.Errorf("fan busy %d %% not above idle %d %%", busy.FanPct, idle.FanPct)
	}
	joules := busy.EnergyJ - busy0.EnergyJ
	if joules < 0.8*busy.PowerW*600 || joules > 1.1*busy.PowerLimitW*600 {
		t.Errorf("energy over 10 min = %v J at ~%v W", joules, busy.PowerW)
	}
	if idle.Throttle != ThrottleIdle || busy.SMClockMHz <= idle.SMClockMHz {
		t.Errorf("idle throttle %v, clocks busy %d idle %d", idle.Throttle, busy.SMClockMHz, idle.SMClockMHz)
	}
}

func TestSimulatedProcessesAndLoss(t *testing.T) {
	sim, _ := newTestSim(t, 2)
	_ = sim.AddProcess(1, 999, 4<<30)
	procs, _ := sim.Processes(1)
	var s GPUSample
	_ = sim.Read(1, &s)
	if len(procs) != 1 || procs[0].PID != 999 || s.VRAMUsed < 4<<30 {
		t.Errorf("processes %+v, VRAM used %d", procs, s.VRAMUsed)
	}
	sim.RemoveProcess(999)
	if procs, _ = sim.Processes(1); len(procs) != 0 {
		t.Errorf("process still listed after removal: %+v", procs)
	}
	_ = sim.Lose(0)
	if err := sim.Read(0, &s); !errors.Is(err, ErrGPULost) {
		t.Errorf("lost GPU read = %v", err)
	}
	if err := sim.Read(1, &s); err != nil {
		t.Errorf("GPU 1 after GPU 0 was lost: %v", err)
	}
}

func TestSimulatedRejectsBadSizes(t *testing.T) {
	for _, n := range []int{0, -1, 65} {
		if _, err := NewSimulated(n, SimOptions{}); err == nil {
			t.Errorf("NewSimulated(%d) succeeded", n)
		}
	}
	sim, _ := newTestSim(t, 1)
	var s GPUSample
	if err := sim.Read(3, &s); err == nil {
		t.Error("read of GPU 3 on a one-GPU rig succeeded")
	}
}

func TestThrottleWords(t *testing.T) {
	cases := map[ThrottleReasons]string{
		0:                                    "none",
		ThrottleIdle:                         "idle",
		ThrottlePowerCap | ThrottleSWThermal: "too hot, power limit",
		1 << 40:                              "other",
	}
	for in, want := range cases {
		if got := in.String(); got != want {
			t.Errorf("%#x = %q, want %q", uint64(in), got, want)
		}
	}
	if !ThrottleHWThermal.Hot() || ThrottlePowerCap.Hot() {
		t.Error("Hot() misjudges")
	}
}
