package control

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/rigshift/rigshift/hardware"
)

// processListTimeout bounds one GPU's process list. NVML answers in about
// 20 ms; a sick GPU can hang the call, and the controller asks while it
// holds its lock (a GPU blocked by leftover memory is looked at every
// heartbeat), so an unbounded call would freeze the window, the tray and
// the thermal guard with it.
const processListTimeout = 2 * time.Second

// gpuProcesses answers the supervisor's "who holds memory on this GPU?"
// from the backend's process list (NVML's on a real rig).
type gpuProcesses struct {
	backend hardware.Backend
	index   map[string]int
	// liveOnly drops PIDs that have exited: a simulated rig does not free
	// memory by itself the way a real driver does when a process dies.
	liveOnly bool
	timeout  time.Duration

	mu      sync.Mutex
	pending map[int]bool // GPUs whose last process list has not returned
}

func newGPUProcesses(b hardware.Backend) *gpuProcesses {
	p := &gpuProcesses{backend: b, index: map[string]int{}, timeout: processListTimeout, pending: map[int]bool{}}
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
	procs, err := p.processes(i)
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

// processes asks the backend for GPU i's processes, giving up after the
// timeout. A GPU whose last list is still out is not asked again until it
// returns: hung calls would pile up.
func (p *gpuProcesses) processes(i int) ([]hardware.GPUProcess, error) {
	hung := fmt.Errorf("GPU %d did not list its processes within %v", i, p.timeout)
	p.mu.Lock()
	if p.pending[i] {
		p.mu.Unlock()
		return nil, hung
	}
	p.pending[i] = true
	p.mu.Unlock()
	type answer struct {
		procs []hardware.GPUProcess
		err   error
	}
	done := make(chan answer, 1)
	go func() {
		procs, err := p.backend.Processes(i)
		p.mu.Lock()
		delete(p.pending, i)
		p.mu.Unlock()
		done <- answer{procs, err}
	}()
	select {
	case a := <-done:
		return a.procs, a.err
	case <-time.After(p.timeout):
		return nil, hung
	}
}
