package control

import "github.com/rigshift/rigshift/hardware"

// The simulated rig has no driver to notice processes: the controller tells
// it what runs where, so that its load, power and VRAM follow the work.
const (
	simLoadBusy = 0.97
	simLoadIdle = 0.02
)

func (c *Controller) sim() *hardware.Simulated {
	s, _ := c.opts.Backend.(*hardware.Simulated)
	return s
}

// simAttach registers a workload's process on its simulated GPUs.
func (c *Controller) simAttach(w *workload) {
	sim := c.sim()
	if sim == nil {
		return
	}
	pid := w.handle.Status().PID
	if w.pid > 0 && w.pid != pid {
		sim.RemoveProcess(w.pid) // a miner restarted: its old process is gone
	}
	mem := c.opts.MinerMemory
	if w.kind == renting {
		mem = c.opts.JobMemory
	}
	for _, g := range w.gpus {
		_ = sim.SetLoad(g, simLoadBusy)
		if pid > 0 {
			_ = sim.AddProcess(g, pid, mem)
		}
	}
	w.pid = pid
}

// simPause idles a workload's simulated GPUs while the thermal guard holds
// it, or while a crashed miner waits to start again: a stopped job or
// miner draws nothing, so the card cools as a real
// one does, and the hold ends (the demo's held job stayed at 97 % and
// 75 °C for good).
func (c *Controller) simPause(w *workload) {
	sim := c.sim()
	if sim == nil {
		return
	}
	for _, g := range w.gpus {
		_ = sim.SetLoad(g, simLoadIdle)
	}
}

// simDetach clears a finished workload from its simulated GPUs.
func (c *Controller) simDetach(w *workload) {
	sim := c.sim()
	if sim == nil {
		return
	}
	if w.pid > 0 {
		sim.RemoveProcess(w.pid)
	}
	for _, g := range w.gpus {
		_ = sim.SetLoad(g, simLoadIdle)
	}
}
