package hardware

import (
	"errors"
	"time"
)

// ErrNoDriver means the NVIDIA driver (libnvidia-ml) is not installed. It is a
// normal state for a machine without an NVIDIA GPU, not a failure.
var ErrNoDriver = errors.New("no NVIDIA driver found")

// DriverInstall says how to install the driver on the distributions the
// README names, for the window and the command line alike: Ubuntu has no
// package named nvidia-driver, and Debian's is in non-free.
const DriverInstall = "on Ubuntu: sudo ubuntu-drivers install; on Debian: sudo apt install nvidia-driver, with non-free enabled"

// ErrGPULost means the driver reports the GPU as fallen off the bus (NVML
// ERROR_GPU_IS_LOST, Xid 79). Only a reboot brings such a GPU back.
var ErrGPULost = errors.New("GPU has fallen off the bus")

// The backends a SystemInfo names.
const (
	BackendNVML      = "NVML"
	BackendSimulated = "simulated"
)

// SystemInfo describes the driver stack that serves the GPUs.
type SystemInfo struct {
	Backend string `json:"backend"` // BackendNVML or BackendSimulated
	Driver  string `json:"driver"`  // e.g. "550.54.15"
	CUDA    string `json:"cuda"`    // e.g. "12.4"
}

// GPUInfo is what does not change while RigShift runs: the inventory line.
type GPUInfo struct {
	Index       int     `json:"index"`
	UUID        string  `json:"uuid"`
	Name        string  `json:"name"`
	PCIBusID    string  `json:"pci_bus_id"`
	VRAMTotal   uint64  `json:"vram_total_bytes"`
	PowerLimitW float64 `json:"power_limit_w"`
}

// GPUState says whether a GPU's sample can be trusted.
type GPUState uint8

// GPU states, in order of increasing trouble.
const (
	GPUOK            GPUState = iota // fresh values
	GPUNotResponding                 // the last read did not return in time; values are stale
	GPULost                          // fallen off the bus; no further reads
)

func (s GPUState) String() string {
	switch s {
	case GPUOK:
		return "ok"
	case GPUNotResponding:
		return "not responding"
	case GPULost:
		return "lost"
	}
	return "unknown"
}

// MarshalText makes states readable in JSON.
func (s GPUState) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// GPUSample is one reading of one GPU. Metrics the GPU does not report are
// absent from Valid and left zero; JSON lists Valid as "metrics".
type GPUSample struct {
	Index       int             `json:"index"`
	UUID        string          `json:"uuid"`
	Time        time.Time       `json:"time"`
	State       GPUState        `json:"state"`
	Valid       Metric          `json:"metrics"`
	TempC       int             `json:"temp_c"`
	PowerW      float64         `json:"power_w"`
	PowerLimitW float64         `json:"power_limit_w"`
	EnergyJ     float64         `json:"energy_j"` // cumulative; see EnergyEstimated
	GPUUtil     int             `json:"gpu_util_pct"`
	MemUtil     int             `json:"mem_util_pct"`
	VRAMUsed    uint64          `json:"vram_used_bytes"`
	VRAMTotal   uint64          `json:"vram_total_bytes"`
	FanPct      int             `json:"fan_pct"`
	SMClockMHz  int             `json:"sm_clock_mhz"`
	MemClockMHz int             `json:"mem_clock_mhz"`
	Throttle    ThrottleReasons `json:"throttle"`
	// EnergyEstimated is true when EnergyJ integrates power samples because
	// the GPU has no total-energy counter (cards older than Volta).
	EnergyEstimated bool `json:"energy_estimated,omitempty"`
}

// Has reports whether the sample carries metric m.
func (s *GPUSample) Has(m Metric) bool { return s.Valid&m != 0 }

// GPUProcess is a process that holds memory on a GPU.
type GPUProcess struct {
	PID        int    `json:"pid"`
	UsedMemory uint64 `json:"used_memory_bytes"`
}
