//go:build linux

package hardware

import (
	"errors"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/NVIDIA/go-nvml/pkg/nvml"
	"github.com/NVIDIA/go-nvml/pkg/nvml/mock"
)

func openMock(t *testing.T, rig *mockRig) *NVML {
	t.Helper()
	b, err := OpenNVML(rig)
	if err != nil {
		t.Fatalf("OpenNVML: %v", err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}

// A missing driver is reported as ErrNoDriver, and nothing else is called
// afterwards: every other method of this mock panics when called.
func TestNVMLWithoutDriver(t *testing.T) {
	lib := &mock.Interface{InitFunc: func() nvml.Return { return nvml.ERROR_LIBRARY_NOT_FOUND }}
	b, err := OpenNVML(lib)
	if !errors.Is(err, ErrNoDriver) || b != nil {
		t.Fatalf("got %v, %v; want ErrNoDriver", b, err)
	}
	if err.Error() != "no NVIDIA driver found" {
		t.Errorf("message %q is not the owner-facing one", err)
	}
}

func TestNVMLInitErrorsInWords(t *testing.T) {
	for ret, want := range map[nvml.Return]string{
		nvml.ERROR_DRIVER_NOT_LOADED:       "kernel module is not loaded",
		nvml.ERROR_LIB_RM_VERSION_MISMATCH: "reboot the machine",
		nvml.ERROR_NO_PERMISSION:           "no permission",
		nvml.ERROR_UNKNOWN:                 "ERROR_UNKNOWN",
	} {
		lib := &mock.Interface{InitFunc: func() nvml.Return { return ret }}
		_, err := OpenNVML(lib)
		if err == nil || !regexp.MustCompile(want).MatchString(err.Error()) {
			t.Errorf("Init %v: error %v, want it to mention %q", ret, err, want)
		}
	}
}

func TestNVMLInventory(t *testing.T) {
	rig := newMockRig(t)
	b := openMock(t, rig)
	if got := b.System(); got.Driver != "550.54.15" || got.CUDA != "12.4" || got.Backend != "NVML" {
		t.Errorf("system = %+v", got)
	}
	gpus := b.GPUs()
	if len(gpus) != 8 {
		t.Fatalf("found %d GPUs, want 8", len(gpus))
	}
	g := gpus[3]
	uuid := regexp.MustCompile(`^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	if g.Index != 3 || !uuid.MatchString(g.UUID) || g.Name != "Mock NVIDIA A100-SXM4-40GB" ||
		g.PCIBusID != "00000000:37:00.0" || g.VRAMTotal != 40<<30 || g.PowerLimitW != 400 {
		t.Errorf("GPU 3 = %+v", g)
	}
}

func TestNVMLReadsEveryMetric(t *testing.T) {
	b := openMock(t, newMockRig(t))
	var s GPUSample
	if err := b.Read(1, &s); err != nil {
		t.Fatal(err)
	}
	if s.Valid != metricEnd-1 {
		t.Errorf("valid metrics = %v; missing %v", s.Valid, (metricEnd-1)&^s.Valid)
	}
	want := GPUSample{Index: 1, UUID: b.GPUs()[1].UUID, Time: s.Time, Valid: s.Valid, TempC: 41,
		PowerW: 250.5, PowerLimitW: 400, EnergyJ: 250.5, GPUUtil: 97, MemUtil: 41,
		VRAMUsed: 3 << 30, VRAMTotal: 40 << 30, FanPct: 66, SMClockMHz: 1410, MemClockMHz: 1215,
		Throttle: ThrottlePowerCap}
	if s != want {
		t.Errorf("sample\n got %+v\nwant %+v", s, want)
	}
}

// On a driver older than R535 the new name for the throttle reasons is
// not in the library, and go-nvml would call it anyway and end the
// process: only the older name is asked there.
func TestNVMLThrottleOnPreR535Driver(t *testing.T) {
	rig := newMockRig(t)
	rig.LookupSymbolFunc = func(sym string) error {
		if sym == "nvmlDeviceGetCurrentClocksEventReasons" {
			return errors.New("undefined symbol: " + sym)
		}
		return nil
	}
	for i := range rig.Devices {
		d := rig.device(i)
		d.GetCurrentClocksEventReasonsFunc = func() (uint64, nvml.Return) {
			panic("called a symbol this driver lacks: the process would end here")
		}
		d.GetCurrentClocksThrottleReasonsFunc = func() (uint64, nvml.Return) {
			return uint64(ThrottleSWThermal), nvml.SUCCESS
		}
	}
	b := openMock(t, rig)
	var s GPUSample
	if err := b.Read(0, &s); err != nil {
		t.Fatal(err)
	}
	if !s.Has(MetricThrottle) || s.Throttle != ThrottleSWThermal {
		t.Errorf("throttle %v (valid %v), want thermal by the older name", s.Throttle, s.Has(MetricThrottle))
	}
}

// A driver whose new name for the reasons answers NOT_SUPPORTED is not
// asked by the old, deprecated name (nvml.h marks it so from 13.0): a
// driver that drops it would end the process, and both names ask the same.
func TestNVMLThrottleNotSupportedAsksNoOlderName(t *testing.T) {
	rig := newMockRig(t)
	d := rig.device(0)
	d.GetCurrentClocksEventReasonsFunc = func() (uint64, nvml.Return) { return 0, nvml.ERROR_NOT_SUPPORTED }
	d.GetCurrentClocksThrottleReasonsFunc = func() (uint64, nvml.Return) {
		panic("asked the deprecated name: on a driver without it the process would end here")
	}
	b := openMock(t, rig)
	var s GPUSample
	if err := b.Read(0, &s); err != nil {
		t.Fatal(err)
	}
	if s.Has(MetricThrottle) || !s.Has(MetricTemp) {
		t.Errorf("valid %v: want the throttle reasons left out and the rest read", s.Valid)
	}
}

// An energy counter that starts over (a GPU reset) is taken as it reads,
// not held at the figure shown before until it passes it again, which
// could take days with nothing booked: the controller re-bases on a drop.
func TestNVMLEnergyCounterStartingOverIsTaken(t *testing.T) {
	rig := newMockRig(t)
	counterJ := []float64{500_000, 500_100, 40}
	calls := 0
	rig.device(0).GetTotalEnergyConsumptionFunc = func() (uint64, nvml.Return) {
		v := counterJ[min(calls, len(counterJ)-1)]
		calls++
		return uint64(v * 1000), nvml.SUCCESS
	}
	b := openMock(t, rig)
	now := time.Unix(1_700_000_000, 0)
	b.clock = func() time.Time { return now }
	var s GPUSample
	for range 3 {
		if err := b.Read(0, &s); err != nil {
			t.Fatal(err)
		}
		now = now.Add(EnergyCounterEvery)
	}
	if s.EnergyJ != 40 {
		t.Errorf("after the counter started over at 40 J: %v J", s.EnergyJ)
	}
}

// A metric the card does not support is asked once, then never again.
func TestNVMLCachesNotSupported(t *testing.T) {
	rig := newMockRig(t)
	rig.device(2).GetFanSpeedFunc = func() (uint32, nvml.Return) {
		rig.count(2, "fan")
		return 0, nvml.ERROR_NOT_SUPPORTED // passively cooled
	}
	b := openMock(t, rig)
	var s GPUSample
	for range 5 {
		if err := b.Read(2, &s); err != nil {
			t.Fatal(err)
		}
	}
	if n := rig.Calls(2, "fan"); n != 1 {
		t.Errorf("fan queried %d times, want once", n)
	}
	if s.Has(MetricFan) || !s.Has(MetricTemp) {
		t.Errorf("valid = %v: want everything but the fan", s.Valid)
	}
	if n := rig.Calls(3, "fan"); n != 0 {
		t.Errorf("GPU 3 was read %d times by GPU 2's reads", n)
	}
}

// Without an energy counter (pre-Volta) energy integrates power over time.
func TestNVMLEstimatesEnergyWithoutCounter(t *testing.T) {
	rig := newMockRig(t)
	rig.device(0).GetTotalEnergyConsumptionFunc = func() (uint64, nvml.Return) {
		return 0, nvml.ERROR_NOT_SUPPORTED
	}
	b := openMock(t, rig)
	now := time.Unix(1_700_000_000, 0)
	b.clock = func() time.Time { return now }
	var s GPUSample
	for range 3 {
		if err := b.Read(0, &s); err != nil {
			t.Fatal(err)
		}
		now = now.Add(10 * time.Second)
	}
	if !s.EnergyEstimated || s.EnergyJ != 250.5*20 {
		t.Errorf("energy = %v J (estimated %v), want %v J estimated", s.EnergyJ, s.EnergyEstimated, 250.5*20)
	}
}

// The energy counter cost 4 ms of CPU a read on an H200 (driver 580),
// against 0.3 µs for the other metrics: it is read every 10 s, and in
// between the figure is the last reading plus the power since, never going
// back when the counter comes in below it.
func TestNVMLReadsTheEnergyCounterEvery10s(t *testing.T) {
	rig := newMockRig(t)
	counterJ := 0.0
	rig.device(0).GetTotalEnergyConsumptionFunc = func() (uint64, nvml.Return) {
		rig.count(0, "energy")
		counterJ += 2000 // 200 W over 10 s: less than the 250.5 W the card reports
		return uint64(counterJ * 1000), nvml.SUCCESS
	}
	b := openMock(t, rig)
	now := time.Unix(1_700_000_000, 0)
	b.clock = func() time.Time { return now }
	var s GPUSample
	last := 0.0
	for i := range 25 {
		if err := b.Read(0, &s); err != nil {
			t.Fatal(err)
		}
		if !s.Has(MetricEnergy) || s.EnergyEstimated || s.EnergyJ < last {
			t.Fatalf("read %d: %v J (valid %v, estimated %v), after %v J", i, s.EnergyJ, s.Has(MetricEnergy), s.EnergyEstimated, last)
		}
		if i == 5 && s.EnergyJ != 2000+5*250.5 {
			t.Errorf("5 s after the counter read %v J, want 2000 J and 5 s at 250.5 W", s.EnergyJ)
		}
		// At 10 s the counter read 4000 J, below the 4254.5 J shown at 9 s:
		// held there until the counter and the power since pass it.
		if i == 11 && s.EnergyJ != 2000+9*250.5 {
			t.Errorf("at 11 s: %v J, want the 4254.5 J shown at 9 s", s.EnergyJ)
		}
		last = s.EnergyJ
		now = now.Add(time.Second)
	}
	if n := rig.Calls(0, "energy"); n != 3 {
		t.Errorf("the counter was read %d times in 25 s, want 3", n)
	}
	if last != 6000+4*250.5 { // the counter at 20 s and 4 s at 250.5 W
		t.Errorf("after 24 s: %v J, want 7002 J", last)
	}
}

// A second whose power reading failed is not lost between counter reads:
// the next power reading covers the time since the last one. (Lost, the
// counter's catch-up at its next read could exceed what the controller
// takes for a plausible second, and be dropped whole.)
func TestNVMLEnergyCarriedAcrossAMissingPowerReading(t *testing.T) {
	rig := newMockRig(t)
	rig.device(0).GetTotalEnergyConsumptionFunc = func() (uint64, nvml.Return) { return 1_000_000, nvml.SUCCESS } // 1 kJ
	failPower := false
	rig.device(0).GetPowerUsageFunc = func() (uint32, nvml.Return) {
		if failPower {
			return 0, nvml.ERROR_UNKNOWN
		}
		return 250_500, nvml.SUCCESS
	}
	b := openMock(t, rig)
	now := time.Unix(1_700_000_000, 0)
	b.clock = func() time.Time { return now }
	var s GPUSample
	read := func() {
		if err := b.Read(0, &s); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Second)
	}
	read() // the counter: 1000 J
	failPower = true
	read()
	read()
	failPower = false
	read() // 3 s after the counter read
	if s.EnergyJ != 1000+3*250.5 {
		t.Errorf("%v J, want 1000 J and 3 s at 250.5 W", s.EnergyJ)
	}
}

// counterFailing makes GPU 0's energy counter read 1 MJ, or answer ret
// while the flag it returns is set.
func counterFailing(rig *mockRig, ret nvml.Return) *bool {
	fail := new(bool)
	rig.device(0).GetTotalEnergyConsumptionFunc = func() (uint64, nvml.Return) {
		if *fail {
			return 0, ret
		}
		return 1_000_000_000, nvml.SUCCESS
	}
	return fail
}

// A counter that fails one read is left out of that sample, not replaced
// by the power estimate: the cumulative figure would fall to near zero.
func TestNVMLEnergyCounterFailsOnce(t *testing.T) {
	rig := newMockRig(t)
	fail := counterFailing(rig, nvml.ERROR_UNKNOWN)
	b := openMock(t, rig)
	now := time.Unix(1_700_000_000, 0)
	b.clock = func() time.Time { return now }
	var s GPUSample
	_ = b.Read(0, &s)
	*fail = true
	now = now.Add(EnergyCounterEvery) // the counter is due again
	_ = b.Read(0, &s)
	if s.Has(MetricEnergy) || s.EnergyEstimated {
		t.Errorf("a failed counter read gave %v J (estimated %v)", s.EnergyJ, s.EnergyEstimated)
	}
	*fail = false
	_ = b.Read(0, &s)
	if !s.Has(MetricEnergy) || s.EnergyJ != 1_000_000 {
		t.Errorf("the counter back: %v J (valid %v)", s.EnergyJ, s.Has(MetricEnergy))
	}
}

func TestNVMLLostGPU(t *testing.T) {
	rig := newMockRig(t)
	b := openMock(t, rig)
	rig.device(5).GetTemperatureFunc = func(nvml.TemperatureSensors) (uint32, nvml.Return) {
		return 0, nvml.ERROR_GPU_IS_LOST
	}
	var s GPUSample
	if err := b.Read(5, &s); !errors.Is(err, ErrGPULost) {
		t.Fatalf("Read of a lost GPU = %v, want ErrGPULost", err)
	}
	if err := b.Read(5, &s); !errors.Is(err, ErrGPULost) {
		t.Fatalf("second Read = %v, want ErrGPULost without asking NVML", err)
	}
	if rig.Calls(5, "power") != 0 {
		t.Error("NVML was asked for more after the GPU was lost")
	}
	if _, err := b.Processes(5); !errors.Is(err, ErrGPULost) {
		t.Errorf("Processes of a lost GPU = %v", err)
	}
	if err := b.Read(4, &s); err != nil {
		t.Errorf("GPU 4 suffers from GPU 5's loss: %v", err)
	}
}

func TestNVMLProcessesListsEachPIDOnce(t *testing.T) {
	b := openMock(t, newMockRig(t))
	procs, err := b.Processes(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(procs) != 2 || procs[0] != (GPUProcess{PID: 4242, UsedMemory: 2 << 30}) || procs[1].PID != 7 {
		t.Errorf("processes = %+v", procs)
	}
}

// A card that answers every call with an error (a driver fault short of
// falling off the bus) is not responding: Read says so, and the sampler
// marks it, instead of a card that is fine with no values.
func TestNVMLCardAnsweringNothingIsNotResponding(t *testing.T) {
	rig := newMockRig(t)
	d := rig.device(1)
	unknown := nvml.ERROR_UNKNOWN
	d.GetTemperatureFunc = func(nvml.TemperatureSensors) (uint32, nvml.Return) { return 0, unknown }
	d.GetPowerUsageFunc = func() (uint32, nvml.Return) { return 0, unknown }
	d.GetEnforcedPowerLimitFunc = func() (uint32, nvml.Return) { return 0, unknown }
	d.GetTotalEnergyConsumptionFunc = func() (uint64, nvml.Return) { return 0, unknown }
	d.GetUtilizationRatesFunc = func() (nvml.Utilization, nvml.Return) { return nvml.Utilization{}, unknown }
	d.GetMemoryInfoFunc = func() (nvml.Memory, nvml.Return) { return nvml.Memory{}, unknown }
	d.GetMemoryInfo_v2Func = func() (nvml.Memory_v2, nvml.Return) { return nvml.Memory_v2{}, unknown }
	d.GetFanSpeedFunc = func() (uint32, nvml.Return) { return 0, unknown }
	d.GetClockInfoFunc = func(nvml.ClockType) (uint32, nvml.Return) { return 0, unknown }
	d.GetCurrentClocksEventReasonsFunc = func() (uint64, nvml.Return) { return 0, unknown }
	b := openMock(t, rig)
	var s GPUSample
	err := b.Read(1, &s)
	if err == nil || errors.Is(err, ErrGPULost) || !strings.Contains(err.Error(), "GPU 1 answered no reading") {
		t.Fatalf("Read = %v, want a not-responding error", err)
	}
	if err := b.Read(0, &s); err != nil || !s.Has(MetricTemp) {
		t.Errorf("GPU 0 suffers from GPU 1's fault: %v", err)
	}
	// One failed value among good ones is only that value left out.
	rig.device(2).GetFanSpeedFunc = func() (uint32, nvml.Return) { return 0, unknown }
	if err := b.Read(2, &s); err != nil || s.Has(MetricFan) || !s.Has(MetricTemp) {
		t.Errorf("one failed value: %v, valid %v", err, s.Valid)
	}
}

// Closing while a call on a sick GPU has not come back must not shut the
// library down: go-nvml unloads libnvidia-ml on Shutdown, and the call
// would return into unmapped code and crash RigShift as it quits. Calls
// after Close do not reach the library at all.
func TestNVMLCloseWhileACallHangs(t *testing.T) {
	rig := newMockRig(t)
	var shutdowns atomic.Int32
	shutdown := rig.ShutdownFunc
	rig.ShutdownFunc = func() nvml.Return { shutdowns.Add(1); return shutdown() }
	entered, release := make(chan struct{}), make(chan struct{})
	rig.device(3).GetPowerUsageFunc = func() (uint32, nvml.Return) {
		close(entered)
		<-release // the GPU does not answer
		return 100_000, nvml.SUCCESS
	}
	b, err := OpenNVML(rig)
	if err != nil {
		t.Fatal(err)
	}
	hung := make(chan error)
	go func() { var s GPUSample; hung <- b.Read(3, &s) }()
	<-entered
	if err := b.Close(); err == nil || shutdowns.Load() != 0 {
		t.Errorf("Close with a call out: error %v, %d shutdowns; want an error and the library left loaded", err, shutdowns.Load())
	}
	var s GPUSample
	if err := b.Read(0, &s); err == nil || rig.Calls(0, "temp") != 0 {
		t.Errorf("Read after Close = %v, %d calls into the library", err, rig.Calls(0, "temp"))
	}
	if _, err := b.Processes(0); err == nil {
		t.Error("Processes after Close answered")
	}
	close(release)
	<-hung
	if err := b.Close(); err != nil || shutdowns.Load() != 1 {
		t.Errorf("Close once the call is back: %v, %d shutdowns; want one", err, shutdowns.Load())
	}
	if err := b.Close(); err != nil || shutdowns.Load() != 1 {
		t.Errorf("second Close: %v, %d shutdowns; want still one", err, shutdowns.Load())
	}
}

// With MIG enabled, only a privileged caller may list the whole GPU's
// processes (NO_PERMISSION otherwise); each MIG instance lists its own.
// Without this the owner's H100 in MIG mode never counted as freed.
func TestNVMLProcessesOnMIGGPU(t *testing.T) {
	rig := newMockRig(t)
	d := rig.device(2)
	d.GetMigModeFunc = func() (int, int, nvml.Return) { return nvml.DEVICE_MIG_ENABLE, nvml.DEVICE_MIG_ENABLE, nvml.SUCCESS }
	denied := func() ([]nvml.ProcessInfo, nvml.Return) { return nil, nvml.ERROR_NO_PERMISSION }
	d.GetComputeRunningProcessesFunc, d.GetGraphicsRunningProcessesFunc = denied, denied
	d.GetMaxMigDeviceCountFunc = func() (int, nvml.Return) { return 7, nvml.SUCCESS }
	instance := func(pid uint32) nvml.Device {
		return &mock.Device{GetComputeRunningProcessesFunc: func() ([]nvml.ProcessInfo, nvml.Return) {
			return []nvml.ProcessInfo{{Pid: pid, UsedGpuMemory: 1 << 30}}, nvml.SUCCESS
		}}
	}
	d.GetMigDeviceHandleByIndexFunc = func(i int) (nvml.Device, nvml.Return) {
		switch i {
		case 0:
			return instance(5000), nvml.SUCCESS
		case 3:
			return instance(5001), nvml.SUCCESS
		}
		return nil, nvml.ERROR_NOT_FOUND // an empty slot
	}
	b := openMock(t, rig)
	procs, err := b.Processes(2)
	if err != nil || len(procs) != 2 || procs[0].PID != 5000 || procs[1].PID != 5001 {
		t.Errorf("processes on a MIG GPU = %+v, %v; want PIDs 5000 and 5001", procs, err)
	}
	// Without MIG, a refusal is an error: nothing else would list them.
	rig.device(4).GetComputeRunningProcessesFunc = denied
	rig.device(4).GetMigModeFunc = func() (int, int, nvml.Return) { return 0, 0, nvml.SUCCESS }
	if _, err := b.Processes(4); err == nil {
		t.Error("a refused process list on a GPU without MIG answered no error")
	}
}

// A driver older than R450 has no MIG functions, and go-nvml would call
// the missing symbol anyway, ending the process: a refused process list
// there is an error, and MIG is never asked about.
func TestNVMLProcessesRefusedOnPreMIGDriver(t *testing.T) {
	rig := newMockRig(t)
	rig.LookupSymbolFunc = func(sym string) error {
		if strings.Contains(sym, "Mig") {
			return errors.New("undefined symbol: " + sym)
		}
		return nil
	}
	d := rig.device(0)
	d.GetComputeRunningProcessesFunc = func() ([]nvml.ProcessInfo, nvml.Return) { return nil, nvml.ERROR_NO_PERMISSION }
	d.GetMigModeFunc = func() (int, int, nvml.Return) {
		panic("called a symbol this driver lacks: the process would end here")
	}
	b := openMock(t, rig)
	if _, err := b.Processes(0); err == nil {
		t.Error("a refused process list answered no error")
	}
}

// A driver that is loaded but finds no GPU ("No devices were found" in
// nvidia-smi: a card off its riser, or not powered) is a reason to show the
// host only, said in words, not an NVML rig of zero GPUs.
func TestNVMLDriverWithoutGPUs(t *testing.T) {
	rig := newMockRig(t)
	rig.DeviceGetCountFunc = func() (int, nvml.Return) { return 0, nvml.SUCCESS }
	var shutdowns atomic.Int32
	shutdown := rig.ShutdownFunc
	rig.ShutdownFunc = func() nvml.Return { shutdowns.Add(1); return shutdown() }
	b, err := OpenNVML(rig)
	if err == nil || b != nil || !strings.Contains(err.Error(), "finds no GPU") || errors.Is(err, ErrNoDriver) {
		t.Errorf("OpenNVML with no GPUs = %v, %v; want an error saying the driver finds none", b, err)
	}
	if shutdowns.Load() != 1 {
		t.Errorf("%d shutdowns, want the library released once", shutdowns.Load())
	}
}

// A card that fails the name question is still named in the inventory,
// as one whose handle failed is, rather than a blank in every list.
func TestNVMLInventoryNameUnreadable(t *testing.T) {
	rig := newMockRig(t)
	rig.device(1).GetNameFunc = func() (string, nvml.Return) { return "", nvml.ERROR_UNKNOWN }
	b := openMock(t, rig)
	if g := b.GPUs()[1]; g.Name != "unknown GPU" || g.UUID == "" {
		t.Errorf("GPU 1 = %+v, want named %q with its UUID", g, "unknown GPU")
	}
}

// Two cards whose UUIDs cannot be read (one without a handle at all) are
// still two cards: everything keyed by UUID would otherwise merge them.
func TestNVMLInventoryUUIDUnreadable(t *testing.T) {
	rig := newMockRig(t)
	rig.device(1).GetUUIDFunc = func() (string, nvml.Return) { return "", nvml.ERROR_UNKNOWN }
	rig.DeviceGetHandleByIndexFunc = func(i int) (nvml.Device, nvml.Return) {
		if i == 2 {
			return nil, nvml.ERROR_UNKNOWN
		}
		return rig.Devices[i], nvml.SUCCESS
	}
	b := openMock(t, rig)
	seen := map[string]int{}
	for _, g := range b.GPUs() {
		if g.UUID == "" {
			t.Errorf("GPU %d has no UUID", g.Index)
		}
		seen[g.UUID]++
	}
	if len(seen) != len(b.GPUs()) {
		t.Errorf("%d GPUs share %d UUIDs: %v", len(b.GPUs()), len(seen), seen)
	}
	if g := b.GPUs()[1]; !strings.HasPrefix(g.UUID, "GPU-unknown-pci-") {
		t.Errorf("GPU 1 without a UUID is %q, want it named by its PCI slot", g.UUID)
	}
}

// A counter that read for a while and then answers NOT_SUPPORTED (a driver
// update, a vGPU profile) hands over to the power estimate from the figure
// it reached: starting the estimate at zero made the cumulative energy fall
// from the counter's megajoules to nothing.
func TestNVMLEnergyCounterTurnsUnsupported(t *testing.T) {
	rig := newMockRig(t)
	gone := counterFailing(rig, nvml.ERROR_NOT_SUPPORTED)
	b := openMock(t, rig)
	now := time.Unix(1_700_000_000, 0)
	b.clock = func() time.Time { return now }
	var s GPUSample
	last := 0.0
	for i := range 15 {
		*gone = i >= 10 // the counter's next read, at 10 s, is refused
		if err := b.Read(0, &s); err != nil {
			t.Fatal(err)
		}
		if !s.Has(MetricEnergy) || s.EnergyJ < last {
			t.Fatalf("read %d: %v J (valid %v, estimated %v), after %v J", i, s.EnergyJ, s.Has(MetricEnergy), s.EnergyEstimated, last)
		}
		last = s.EnergyJ
		now = now.Add(time.Second)
	}
	if want := 1_000_000 + 14*250.5; !s.EnergyEstimated || last != want {
		t.Errorf("at 14 s: %v J (estimated %v), want %v J: the counter's 1 MJ and 14 s at 250.5 W", last, s.EnergyEstimated, want)
	}
}

// The memory a card uses is what nvidia-smi calls used: nvmlDeviceGetMemoryInfo
// (v1) counts the memory the driver reserves for itself as used, so an idle
// H200 showed 0.6 GiB used where nvidia-smi showed 0 MiB. Drivers from R510
// tell the two apart (v2); older ones are asked the first way, and never the
// second: go-nvml would call the missing symbol and end the process.
func TestNVMLVRAMUsedLeavesOutReserved(t *testing.T) {
	const reserved, total = 600 << 20, 143771 << 20 // an idle H200
	for _, hasV2 := range []bool{true, false} {
		rig := newMockRig(t)
		rig.LookupSymbolFunc = func(sym string) error {
			if sym == "nvmlDeviceGetMemoryInfo_v2" && !hasV2 {
				return errors.New("undefined symbol: " + sym)
			}
			return nil
		}
		d := rig.device(0)
		d.GetMemoryInfoFunc = func() (nvml.Memory, nvml.Return) {
			return nvml.Memory{Total: total, Used: reserved, Free: total - reserved}, nvml.SUCCESS
		}
		d.GetMemoryInfo_v2Func = func() (nvml.Memory_v2, nvml.Return) {
			if !hasV2 {
				panic("called a symbol this driver lacks: the process would end here")
			}
			return nvml.Memory_v2{Total: total, Reserved: reserved, Free: total - reserved}, nvml.SUCCESS
		}
		b := openMock(t, rig)
		var s GPUSample
		if err := b.Read(0, &s); err != nil {
			t.Fatal(err)
		}
		want := uint64(0)
		if !hasV2 {
			want = reserved // all a pre-R510 driver tells
		}
		if !s.Has(MetricVRAM) || s.VRAMUsed != want || s.VRAMTotal != total {
			t.Errorf("v2 %v: used %d of %d bytes (valid %v), want %d of %d", hasV2, s.VRAMUsed, s.VRAMTotal, s.Has(MetricVRAM), want, total)
		}
	}
}

// A power reading that fails up to the counter's next read leaves no
// carried figure standing in for those seconds: a flat figure followed by
// the counter's catch-up read as seconds of energy used in one, which the
// controller refuses beyond 2 kW and drops whole. The samples whose power
// was not read have no energy figure, so the catch-up spans their time.
func TestNVMLEnergyNotCarriedFlatOverFailedPowerReadings(t *testing.T) {
	rig := newMockRig(t)
	const watts = 1000.0 // a B200-class card
	start := time.Unix(1_700_000_000, 0)
	now := start
	rig.device(0).GetTotalEnergyConsumptionFunc = func() (uint64, nvml.Return) {
		return uint64(watts * now.Sub(start).Seconds() * 1000), nvml.SUCCESS
	}
	rig.device(0).GetPowerUsageFunc = func() (uint32, nvml.Return) {
		if s := now.Sub(start); s >= 8*time.Second && s < 10*time.Second {
			return 0, nvml.ERROR_UNKNOWN // two failed power readings before the counter's read at 10 s
		}
		return uint32(watts * 1000), nvml.SUCCESS
	}
	b := openMock(t, rig)
	b.clock = func() time.Time { return now }
	var lastJ float64
	var lastAt time.Time
	for i := range 12 {
		var s GPUSample
		if err := b.Read(0, &s); err != nil {
			t.Fatal(err)
		}
		if s.Has(MetricEnergy) {
			if !lastAt.IsZero() {
				if w := (s.EnergyJ - lastJ) / now.Sub(lastAt).Seconds(); w > watts*1.01 {
					t.Errorf("read %d: the energy rose %v J in %v: %v W for a card drawing %v W", i, s.EnergyJ-lastJ, now.Sub(lastAt), w, watts)
				}
			}
			lastJ, lastAt = s.EnergyJ, now
		}
		now = now.Add(time.Second)
	}
	if lastJ != 11*watts {
		t.Errorf("after 11 s: %v J, want %v J", lastJ, 11*watts)
	}
}
