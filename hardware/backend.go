package hardware

import "time"

// Backend is a source of GPUs. Implementations must allow Read and Processes
// to be called concurrently for different indices; a call for one index may
// block (a sick GPU) without blocking calls for the others.
type Backend interface {
	// System describes the driver stack.
	System() SystemInfo
	// GPUs is the inventory found when the backend was opened.
	GPUs() []GPUInfo
	// Read fills s with a fresh reading of GPU index. It returns ErrGPULost
	// when the GPU has fallen off the bus.
	Read(index int, s *GPUSample) error
	// Processes lists the processes holding memory on GPU index.
	Processes(index int) ([]GPUProcess, error)
	// Close releases the driver.
	Close() error
}

// EnergyCounterEvery is how often the NVML backend reads a GPU's energy
// counter. One read cost 4 ms of CPU on an H200 (driver 580), against
// 0.3 µs for each other metric: read every second, it was nearly all of a
// pass. Between reads the power carries the figure, so a read may correct
// up to this long of it at once.
const EnergyCounterEvery = 10 * time.Second
