//go:build linux

package hardware

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/NVIDIA/go-nvml/pkg/nvml"
	"github.com/NVIDIA/go-nvml/pkg/nvml/mock/dgxa100"
	"github.com/NVIDIA/go-nvml/pkg/nvml/mock/server"
)

// mockRig is go-nvml's simulated DGX A100 with every telemetry call stubbed
// (the mock panics on unstubbed calls) and counters for what was asked.
type mockRig struct {
	*server.Server
	calls sync.Map // "index/method" -> *atomic.Int64
}

func newMockRig(t testing.TB) *mockRig {
	t.Helper()
	m := &mockRig{Server: dgxa100.New()}
	for i, d := range m.Devices {
		m.stub(i, d.(*server.Device))
	}
	return m
}

func (m *mockRig) count(i int, method string) {
	c, _ := m.calls.LoadOrStore(fmt.Sprintf("%d/%s", i, method), new(atomic.Int64))
	c.(*atomic.Int64).Add(1)
}

// Calls is how often method was called on GPU i.
func (m *mockRig) Calls(i int, method string) int64 {
	c, ok := m.calls.Load(fmt.Sprintf("%d/%s", i, method))
	if !ok {
		return 0
	}
	return c.(*atomic.Int64).Load()
}

func (m *mockRig) device(i int) *server.Device { return m.Devices[i].(*server.Device) }

func (m *mockRig) stub(i int, d *server.Device) {
	var energy atomic.Uint64
	d.GetPciInfoFunc = func() (nvml.PciInfo, nvml.Return) {
		var p nvml.PciInfo
		for k, c := range fmt.Sprintf("00000000:%02X:00.0", 0x07+i*0x10) {
			p.BusId[k] = int8(c)
		}
		return p, nvml.SUCCESS
	}
	d.GetEnforcedPowerLimitFunc = func() (uint32, nvml.Return) { return 400_000, nvml.SUCCESS }
	d.GetTemperatureFunc = func(nvml.TemperatureSensors) (uint32, nvml.Return) {
		m.count(i, "temp")
		return uint32(40 + i), nvml.SUCCESS
	}
	d.GetPowerUsageFunc = func() (uint32, nvml.Return) { m.count(i, "power"); return 250_500, nvml.SUCCESS }
	d.GetTotalEnergyConsumptionFunc = func() (uint64, nvml.Return) {
		m.count(i, "energy")
		return energy.Add(250_500), nvml.SUCCESS
	}
	d.GetUtilizationRatesFunc = func() (nvml.Utilization, nvml.Return) {
		return nvml.Utilization{Gpu: 97, Memory: 41}, nvml.SUCCESS
	}
	d.GetFanSpeedFunc = func() (uint32, nvml.Return) { m.count(i, "fan"); return 66, nvml.SUCCESS }
	d.GetClockInfoFunc = func(c nvml.ClockType) (uint32, nvml.Return) {
		if c == nvml.CLOCK_SM {
			return 1410, nvml.SUCCESS
		}
		return 1215, nvml.SUCCESS
	}
	d.GetCurrentClocksEventReasonsFunc = func() (uint64, nvml.Return) {
		return uint64(ThrottlePowerCap), nvml.SUCCESS
	}
	d.GetComputeRunningProcessesFunc = func() ([]nvml.ProcessInfo, nvml.Return) {
		return []nvml.ProcessInfo{{Pid: 4242, UsedGpuMemory: 2 << 30}}, nvml.SUCCESS
	}
	d.GetGraphicsRunningProcessesFunc = func() ([]nvml.ProcessInfo, nvml.Return) {
		return []nvml.ProcessInfo{{Pid: 4242, UsedGpuMemory: 2 << 30}, {Pid: 7}}, nvml.SUCCESS
	}
	used := d.MemoryInfo
	used.Used = 3 << 30
	d.GetMemoryInfoFunc = func() (nvml.Memory, nvml.Return) { return used, nvml.SUCCESS }
	d.GetMemoryInfo_v2Func = func() (nvml.Memory_v2, nvml.Return) {
		return nvml.Memory_v2{Total: used.Total, Free: used.Free, Used: used.Used}, nvml.SUCCESS
	}
}
