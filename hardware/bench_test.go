//go:build linux

package hardware

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

// staticBackend answers instantly with fixed values, so a benchmark over it
// measures the sampler's own cost and not a driver's.
type staticBackend struct{ gpus []GPUInfo }

func (b staticBackend) System() SystemInfo { return SystemInfo{Backend: "static"} }
func (b staticBackend) GPUs() []GPUInfo    { return b.gpus }
func (b staticBackend) Close() error       { return nil }
func (b staticBackend) Processes(int) ([]GPUProcess, error) {
	return nil, nil
}
func (b staticBackend) Read(i int, s *GPUSample) error {
	*s = GPUSample{Index: i, UUID: b.gpus[i].UUID, Valid: metricEnd - 1, TempC: 60, PowerW: 200}
	return nil
}

func benchPass(b *testing.B, backend Backend) {
	s := NewSampler(backend, nil, SamplerOptions{Budget: time.Second})
	defer s.Close()
	for b.Loop() {
		s.Pass()
	}
}

// BenchmarkSamplerPass8 is the sampler's own cost for 8 GPUs: dispatch,
// collection and the snapshot, with a backend that costs nothing.
func BenchmarkSamplerPass8(b *testing.B) {
	sim, _ := NewSimulated(8, SimOptions{})
	benchPass(b, staticBackend{gpus: sim.GPUs()})
}

// BenchmarkSamplerPass8Simulated includes the simulated rig's physics.
func BenchmarkSamplerPass8Simulated(b *testing.B) {
	sim, _ := NewSimulated(8, SimOptions{Autopilot: true})
	benchPass(b, sim)
}

// BenchmarkSamplerPass8NVMLMock goes through the real NVML adapter against
// go-nvml's DGX A100 mock (9 NVML calls per GPU; the energy counter every 10 s).
func BenchmarkSamplerPass8NVMLMock(b *testing.B) {
	backend, err := OpenNVML(newMockRig(b))
	if err != nil {
		b.Fatal(err)
	}
	benchPass(b, backend)
}

// BenchmarkHostRead is one gopsutil reading of CPU, memory, uptime, sensors.
func BenchmarkHostRead(b *testing.B) {
	h := NewHost()
	var s HostSample
	for b.Loop() {
		if err := h.Read(&s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSamplerPassNVML is one pass over this machine's real GPUs
// through the NVIDIA driver; it is skipped where there is none (CI, the
// developers' machines). Run it on a rig with a GPU for the README's table.
func BenchmarkSamplerPassNVML(b *testing.B) {
	backend, err := OpenNVMLSystem()
	if err != nil {
		b.Skipf("no NVIDIA driver here: %v", err)
	}
	b.ReportMetric(float64(len(backend.GPUs())), "gpus")
	cpu := cpuTime()
	benchPass(b, backend)
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// BenchmarkNVMLReaders times each metric's NVML call, and the on-demand
// process list, on this machine's first real GPU (skipped where there is
// no driver): which calls make a pass slow on a given driver.
func BenchmarkNVMLReaders(b *testing.B) {
	backend, err := OpenNVMLSystem()
	if err != nil {
		b.Skipf("no NVIDIA driver here: %v", err)
	}
	n := backend.(*NVML)
	d, err := n.device(0)
	if err != nil {
		b.Skipf("no GPU to read: %v", err)
	}
	for _, r := range n.readers {
		b.Run(strings.ReplaceAll(r.metric.String(), " ", "_"), func(b *testing.B) {
			var s GPUSample
			cpu := cpuTime()
			for b.Loop() {
				r.read(d.handle, &s)
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
	b.Run("processes", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			if _, err := n.Processes(0); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	})
}

// cpuTime is the process's CPU time so far, in ns: beside the wall time it
// tells a driver call that waits (on the GPU's firmware) from one that
// spins.
func cpuTime() int64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return u.Utime.Nano() + u.Stime.Nano()
}
