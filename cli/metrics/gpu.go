package metrics

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/rigshift/rigshift/hardware"
)

// gpuLabels identify a GPU on every per-GPU series.
var gpuLabels = []string{"gpu", "uuid"}

var (
	gpuInfo = prometheus.NewDesc("rigshift_gpu_info",
		"A GPU RigShift manages (always 1); its name and PCI bus in labels.",
		[]string{"gpu", "uuid", "name", "pci_bus_id"}, nil)
	gpuState = prometheus.NewDesc("rigshift_gpu_state",
		"Whether the GPU's last reading is ok, not responding or lost (1 for the current state).",
		[]string{"gpu", "uuid", "state"}, nil)
)

// gpuStates are the values of gpuState's state label.
var gpuStates = []hardware.GPUState{hardware.GPUOK, hardware.GPUNotResponding, hardware.GPULost}

// gpuGauge is one telemetry field: present only when the GPU reports it.
type gpuGauge struct {
	desc   *prometheus.Desc
	metric hardware.Metric
	kind   prometheus.ValueType
	value  func(*hardware.GPUSample) float64
}

func newGauge(name, help string, m hardware.Metric, v func(*hardware.GPUSample) float64) gpuGauge {
	return gpuGauge{prometheus.NewDesc(name, help, gpuLabels, nil), m, prometheus.GaugeValue, v}
}

// gpuGauges use Prometheus base units: ratios 0–1, bytes, hertz, joules.
var gpuGauges = []gpuGauge{
	newGauge("rigshift_gpu_temperature_celsius", "GPU core temperature.", hardware.MetricTemp,
		func(s *hardware.GPUSample) float64 { return float64(s.TempC) }),
	newGauge("rigshift_gpu_power_watts", "GPU power draw.", hardware.MetricPower,
		func(s *hardware.GPUSample) float64 { return s.PowerW }),
	newGauge("rigshift_gpu_power_limit_watts", "GPU power limit.", hardware.MetricPowerLimit,
		func(s *hardware.GPUSample) float64 { return s.PowerLimitW }),
	newGauge("rigshift_gpu_utilization_ratio", "GPU core load, 0 to 1.", hardware.MetricUtilization,
		func(s *hardware.GPUSample) float64 { return float64(s.GPUUtil) / 100 }),
	newGauge("rigshift_gpu_memory_utilization_ratio", "GPU memory-controller load, 0 to 1.", hardware.MetricUtilization,
		func(s *hardware.GPUSample) float64 { return float64(s.MemUtil) / 100 }),
	newGauge("rigshift_gpu_memory_used_bytes", "VRAM in use.", hardware.MetricVRAM,
		func(s *hardware.GPUSample) float64 { return float64(s.VRAMUsed) }),
	newGauge("rigshift_gpu_memory_total_bytes", "VRAM on the card.", hardware.MetricVRAM,
		func(s *hardware.GPUSample) float64 { return float64(s.VRAMTotal) }),
	newGauge("rigshift_gpu_fan_speed_ratio", "Fan speed, 0 to 1 of its maximum.", hardware.MetricFan,
		func(s *hardware.GPUSample) float64 { return float64(s.FanPct) / 100 }),
	newGauge("rigshift_gpu_sm_clock_hertz", "SM (core) clock.", hardware.MetricSMClock,
		func(s *hardware.GPUSample) float64 { return float64(s.SMClockMHz) * 1e6 }),
	newGauge("rigshift_gpu_memory_clock_hertz", "Memory clock.", hardware.MetricMemClock,
		func(s *hardware.GPUSample) float64 { return float64(s.MemClockMHz) * 1e6 }),
	{prometheus.NewDesc("rigshift_gpu_energy_joules_total", "Energy the GPU used since its driver loaded.", gpuLabels, nil),
		hardware.MetricEnergy, prometheus.CounterValue, func(s *hardware.GPUSample) float64 { return s.EnergyJ }},
}

// collectGPUs sends the inventory and, once the sampler has run, each
// GPU's state and the fields it reports.
func collectGPUs(ch chan<- prometheus.Metric, gpus []hardware.GPUInfo, snap *hardware.Snapshot) {
	for _, g := range gpus {
		ch <- prometheus.MustNewConstMetric(gpuInfo, prometheus.GaugeValue, 1,
			strconv.Itoa(g.Index), g.UUID, g.Name, g.PCIBusID)
	}
	if snap == nil {
		return
	}
	for i := range snap.GPUs {
		collectSample(ch, &snap.GPUs[i])
	}
}

func collectSample(ch chan<- prometheus.Metric, s *hardware.GPUSample) {
	index := strconv.Itoa(s.Index)
	for _, st := range gpuStates {
		ch <- prometheus.MustNewConstMetric(gpuState, prometheus.GaugeValue, boolValue(s.State == st),
			index, s.UUID, st.String())
	}
	if s.State == hardware.GPULost {
		return // no values to trust
	}
	for _, g := range gpuGauges {
		if s.Has(g.metric) {
			ch <- prometheus.MustNewConstMetric(g.desc, g.kind, g.value(s), index, s.UUID)
		}
	}
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
