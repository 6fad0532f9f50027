package control

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/store"
)

// stopTimeout bounds a stop: the supervisor's grace period, the SIGKILL and
// the check that the GPU memory is free.
const stopTimeout = 45 * time.Second

// reconcile moves the rig towards the plan for the current mode: it stops
// what should not run, and starts jobs and miners on GPUs that are free.
// It never waits for a process: stops finish in the background and come
// back as doneMsgs, which reconcile again.
func (c *Controller) reconcile() {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.subs.signal()
	if c.closed {
		return
	}
	p := c.makePlan()
	c.recordHeld(p.held)
	c.stopUnwanted(p)
	for _, id := range slices.Clone(c.queue) {
		if gpus, ok := p.start[id]; ok && c.free(gpus) {
			c.startJob(c.jobs[id], gpus)
		}
	}
	c.startMiners(p)
}

func (c *Controller) stopUnwanted(p plan) {
	var stoppedMining []int
	for _, w := range c.work {
		switch {
		case !c.unwanted(w, p):
		case w.kind == renting && !p.rentals:
			c.stopWorkload(w, jobs.StopModeSwitch)
			c.stoppedBySwitch(w.jobID)
		case w.kind == renting:
			c.jobs[w.jobID].stopCause = fmt.Sprintf("you set %s aside", gpuList(c.asideOf(w.gpus)))
			c.stopWorkload(w, jobs.StopUser)
		default:
			c.stopWorkload(w, jobs.StopModeSwitch)
			stoppedMining = append(stoppedMining, w.gpus[0])
		}
	}
	c.announceHandover(p, stoppedMining)
}

// unwanted reports whether w runs against plan p and is not being stopped
// yet: a job in a mode without rentals or on a GPU set aside, a miner on
// a GPU that should not mine.
func (c *Controller) unwanted(w *workload, p plan) bool {
	switch {
	case w.stopping:
		return false
	case w.kind == renting:
		return !p.rentals || c.anyAside(w.gpus)
	}
	return !p.mining[w.gpus[0]]
}

// announceHandover tells the owner when Auto stops miners to give their
// GPUs to a rental job. It is said here, as the miners are stopped: by
// the time the job starts they are long gone.
func (c *Controller) announceHandover(p plan, stoppedMining []int) {
	if c.mode != Auto || len(stoppedMining) == 0 {
		return
	}
	for _, id := range c.queue {
		var gpus []int
		for _, g := range p.start[id] {
			if slices.Contains(stoppedMining, g) {
				gpus = append(gpus, g)
			}
		}
		if len(gpus) > 0 {
			c.note.send(Notice{Kind: NoticeModeChange, Title: "Auto: GPUs go to a rental job",
				Body: fmt.Sprintf("Mining stops on %s for job %s (%s).", gpuList(gpus), id, c.jobs[id].spec.Client)})
		}
	}
}

// anyAside reports whether the owner set any of gpus aside.
func (c *Controller) anyAside(gpus []int) bool { return len(c.asideOf(gpus)) > 0 }

// asideOf is those of gpus the owner set aside.
func (c *Controller) asideOf(gpus []int) []int {
	var out []int
	for _, g := range gpus {
		if c.setAside(g) {
			out = append(out, g)
		}
	}
	return out
}

// free reports whether nobody holds the GPUs and none is blocked.
func (c *Controller) free(gpus []int) bool {
	return allOf(gpus, func(i int) bool { return c.slots[i].owner == "" && c.slots[i].blocked == "" })
}

// stopWorkload asks the supervisor to stop w; the GPUs stay w's until its
// Handle is done, which arrives as a doneMsg.
func (c *Controller) stopWorkload(w *workload, reason jobs.StopReason) {
	w.stopping = true
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), stopTimeout)
		defer cancel()
		if err := w.handle.Stop(ctx, reason); err != nil {
			c.log.Warn("stopping a workload", "workload", w.id, "err", err)
		}
	}()
}

// adopt records a started workload and watches for its end. Its GPUs'
// idle records end here, at their last reading: a workload that starts and
// ends between two readings (a job that fails at once) would otherwise
// leave them open across its run, the GPU booked idle while it was rented.
func (c *Controller) adopt(w *workload) {
	c.work[w.id] = w
	for _, g := range w.gpus {
		c.slots[g].owner = w.id
		c.endIdle(c.slots[g])
	}
	go func() {
		<-w.handle.Done()
		select {
		case c.done <- doneMsg{id: w.id}:
		case <-c.quit:
		}
	}()
}

func (c *Controller) startMiners(p plan) {
	for i := range c.slots {
		if !p.mining[i] || !c.free([]int{i}) {
			continue
		}
		if err := c.startMiner(i); err != nil {
			c.slots[i].minerGaveUp, c.slots[i].minerWhy = true, minerNotStartedOn
			c.record(store.Event{Kind: store.EventKindMinerFailed, GPU: c.slots[i].info.UUID,
				Message: fmt.Sprintf("The miner could not be started on GPU %d: %v", i, err)})
		}
	}
}

func (c *Controller) startMiner(i int) error {
	preset, err := c.minerPreset()
	if err != nil {
		return err
	}
	id := fmt.Sprintf("miner-gpu%d", i)
	w, err := jobs.NewMinerWorkload(id, preset, c.inventory(), []string{c.slots[i].info.UUID})
	if err != nil {
		return err
	}
	w.GPUIndex = c.gpuIndex()
	h, err := c.start(w)
	if err != nil {
		return err
	}
	c.adopt(&workload{id: id, kind: mining, handle: h, gpus: []int{i}})
	return nil
}
