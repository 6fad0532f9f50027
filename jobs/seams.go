package jobs

import "errors"

// GPUProcesses is the one thing the supervisor asks of the hardware layer:
// which processes hold memory on a GPU. The controller implements it with
// NVML's process lists (hardware.Backend.Processes, by UUID):
//
//	type nvmlProcesses struct{ b hardware.Backend; index map[string]int }
//
//	func (n nvmlProcesses) ComputePIDs(uuid string) ([]int, error) {
//		procs, err := n.b.Processes(n.index[uuid])
//		…return their PIDs
//	}
//
// It is called from the supervisor's goroutines, only after a workload
// ended, every Config.GPUFreePoll until the GPUs are free; it may block
// (NVML can be slow) but should return within a second or two. PIDs must be
// in RigShift's PID namespace (NVML inside a container reports host PIDs:
// run RigShift on the host or with the host PID namespace).
type GPUProcesses interface {
	// ComputePIDs lists the PIDs holding memory on the GPU with this UUID
	// (NVML compute and graphics processes).
	ComputePIDs(gpuUUID string) ([]int, error)
}

// ErrGPUsNotFreed is returned by Handle.Stop (and carried by an
// EventGPUsBusy) when a stopped workload's processes still held memory on
// its GPUs when Config.GPUFreeTimeout ran out.
var ErrGPUsNotFreed = errors.New("GPU memory not freed")
