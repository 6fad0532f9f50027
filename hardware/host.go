package hardware

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/shirou/gopsutil/v3/cpu"
	"github.com/shirou/gopsutil/v3/host"
	"github.com/shirou/gopsutil/v3/mem"
)

// HostInfo describes the machine the GPUs sit in.
type HostInfo struct {
	Hostname string `json:"hostname"`
	OS       string `json:"os"`     // e.g. "debian 12.5"
	Kernel   string `json:"kernel"` // e.g. "6.1.0-18-amd64"
	CPUModel string `json:"cpu_model"`
	CPUCores int    `json:"cpu_cores"`
	MemTotal uint64 `json:"mem_total_bytes"`
}

// HostSample is one reading of the host.
type HostSample struct {
	Time     time.Time     `json:"time"`
	CPUPct   float64       `json:"cpu_pct"`
	MemUsed  uint64        `json:"mem_used_bytes"`
	MemTotal uint64        `json:"mem_total_bytes"`
	Uptime   time.Duration `json:"uptime_ns"`
	Sensors  []Sensor      `json:"sensors"`
}

// Sensor is one temperature the host reports (CPU package, NVMe, board).
type Sensor struct {
	Name  string  `json:"name"`
	TempC float64 `json:"temp_c"`
}

// Host reads the host through gopsutil.
type Host struct {
	info HostInfo
}

// NewHost describes the host and primes the CPU counter, so the first
// reading's CPU load covers the time since NewHost.
func NewHost() *Host {
	h := &Host{info: HostInfo{CPUCores: runtime.NumCPU()}}
	if hi, err := host.Info(); err == nil {
		h.info.Hostname = hi.Hostname
		h.info.OS = strings.TrimSpace(hi.Platform + " " + hi.PlatformVersion)
		h.info.Kernel = hi.KernelVersion
	}
	if ci, err := cpu.Info(); err == nil && len(ci) > 0 {
		h.info.CPUModel = ci[0].ModelName
	}
	if vm, err := mem.VirtualMemory(); err == nil {
		h.info.MemTotal = vm.Total
	}
	_, _ = cpu.Percent(0, false)
	return h
}

// Info describes the host.
func (h *Host) Info() HostInfo { return h.info }

// Read takes a reading. CPU load is averaged since the previous Read. A
// machine without temperature sensors (many VMs) just has none.
func (h *Host) Read(s *HostSample) error {
	*s = HostSample{Time: time.Now()}
	pct, err := cpu.Percent(0, false)
	if err != nil || len(pct) == 0 {
		return fmt.Errorf("reading CPU load: %w", err)
	}
	s.CPUPct = pct[0]
	vm, err := mem.VirtualMemory()
	if err != nil {
		return fmt.Errorf("reading memory use: %w", err)
	}
	s.MemUsed, s.MemTotal = vm.Used, vm.Total
	if up, err := host.Uptime(); err == nil {
		s.Uptime = time.Duration(up) * time.Second
	}
	temps, _ := host.SensorsTemperatures() // partial results come with an error
	s.Sensors = pickSensors(temps, 6)
	return nil
}

// pickSensors keeps the sensors an owner cares about, CPU first, at most n.
func pickSensors(temps []host.TemperatureStat, n int) []Sensor {
	var out []Sensor
	for _, t := range temps {
		if t.Temperature <= 0 || t.Temperature > 150 {
			continue // absent or bogus
		}
		out = append(out, Sensor{Name: sensorName(t.SensorKey), TempC: t.Temperature})
	}
	sort.SliceStable(out, func(i, j int) bool { return sensorRank(out[i].Name) < sensorRank(out[j].Name) })
	return out[:min(n, len(out))]
}

var sensorLabels = []struct{ key, name string }{
	{"coretemp_package", "CPU package"},
	{"k10temp_tctl", "CPU (Tctl)"},
	{"k10temp_tdie", "CPU (Tdie)"},
	{"cpu_thermal", "CPU"},
	{"nvme_composite", "NVMe"},
	{"acpitz", "Board (ACPI)"},
}

func sensorName(key string) string {
	k := strings.ToLower(key)
	for _, l := range sensorLabels {
		if strings.HasPrefix(k, l.key) {
			return l.name
		}
	}
	return key
}

func sensorRank(name string) int {
	for i, l := range sensorLabels {
		if l.name == name {
			return i
		}
	}
	return len(sensorLabels)
}
