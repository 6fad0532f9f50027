package control

import (
	"errors"

	"github.com/rigshift/rigshift/hardware"
)

// gpuProcesses answers the supervisor's "who holds memory on this GPU?"
// from the backend's process list (NVML's on a real rig).
type gpuProcesses struct {
	backend hardware.Backend
	index   map[string]int
	// liveOnly drops PIDs that have exited: a simulated rig does not free
	// memory by itself the way a real driver does when a process dies.
	liveOnly bool
}

func newGPUProcesses(b hardware.Backend) *gpuProcesses {
	p := &gpuProcesses{backend: b, index: map[string]int{}}
	if b == nil {
		return p
	}
	for _, g := range b.GPUs() {
		p.index[g.UUID] = g.Index
	}
	_, p.liveOnly = b.(*hardware.Simulated)
	return p
}

// ComputePIDs lists the PIDs holding memory on the GPU with this UUID.
func (p *gpuProcesses) ComputePIDs(uuid string) ([]int, error) {
	i, ok := p.index[uuid]
	if !ok {
		return nil, errors.New("unknown GPU " + uuid)
	}
	procs, err := p.backend.Processes(i)
	if err != nil {
		return nil, err
	}
	pids := make([]int, 0, len(procs))
	for _, pr := range procs {
		if !p.liveOnly || alive(pr.PID) {
			pids = append(pids, pr.PID)
		}
	}
	return pids, nil
}
