package jobs

import (
	"errors"
	"time"

	"github.com/rigshift/rigshift/jobs/proc"
)

// onGPUs acts on new GPU observations; stay is the phase to keep when
// nothing needs doing.
func (r *run) onGPUs(stay phase) phase {
	now := time.Now()
	if gpu := r.lostGPU(); gpu != "" {
		r.publish(Event{Kind: EventGPULost, GPU: gpu})
		return r.stopping(StopGPULost, nil)
	}
	gpu, temp := r.overheated(now)
	if gpu == "" {
		return stay
	}
	r.hold(gpu, now)
	if r.w.Kind == Training {
		r.publish(Event{Kind: EventThermalHold, GPU: gpu, TempC: temp})
		return r.pause()
	}
	trip := r.holdAgain(now)
	r.holdAtLeast(now)
	r.publish(Event{Kind: EventThermalHold, GPU: gpu, TempC: temp, Attempt: trip, Delay: r.minHold})
	r.setState(Stopping)
	r.endProcess(StopThermal)
	r.setState(Paused)
	return r.cooling
}

// cooling holds a miner stopped for heat until its GPUs cool.
func (r *run) cooling() phase {
	select {
	case req := <-r.stopReq:
		r.unhold()
		return r.settle(Stopped, req.reason, &req)
	case <-r.wake:
		if gpu := r.lostGPU(); gpu != "" {
			r.unhold()
			r.publish(Event{Kind: EventGPULost, GPU: gpu})
			return r.settle(Stopped, StopGPULost, nil)
		}
		if !r.cool() || r.heldFor() < r.minHold {
			return r.cooling
		}
		r.resumeCooled()
		return r.starting
	}
}

// holdAgain counts a miner's hold among the last hour's and sets how long
// it lasts at least: nothing for the first, RepeatHold for the second,
// doubling up to 16 times it. A training job is only paused (SIGSTOP),
// which costs nothing to undo.
func (r *run) holdAgain(now time.Time) int {
	recent := r.holds[:0]
	for _, t := range r.holds {
		if now.Sub(t) < time.Hour {
			recent = append(recent, t)
		}
	}
	r.holds = append(recent, now)
	n := len(r.holds)
	r.minHold = 0
	if n > 1 {
		r.minHold = r.cfg.RepeatHold << min(n-2, 4)
	}
	return n
}

// holdAtLeast shows how long a repeated hold lasts at least, from now.
func (r *run) holdAtLeast(now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.minHold > 0 {
		r.st.HeldUntil = now.Add(r.minHold)
	}
}

// heldFor is how long the current hold has lasted.
func (r *run) heldFor() time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return time.Since(r.st.PausedSince)
}

// pause holds a training job with SIGSTOP: its process group, and its
// descendants that left the group (torchrun's workers).
func (r *run) pause() phase {
	if err := r.p.Pause(); err != nil {
		r.unhold()
		r.line(logLine("[rigshift] could not pause: " + err.Error()))
		return r.running
	}
	if err := proc.PauseTagged(r.tagEntry()); err != nil {
		r.line(logLine("[rigshift] could not pause all of it: " + err.Error()))
	}
	r.setState(Paused)
	return r.paused
}

// paused waits for the GPUs to cool, then continues the job (SIGCONT).
func (r *run) paused() phase {
	select {
	case <-r.p.Done():
		r.unhold()
		return r.exited()
	case req := <-r.stopReq:
		r.unhold()
		return r.stopping(req.reason, &req)
	case <-r.wake:
		if gpu := r.lostGPU(); gpu != "" {
			r.unhold()
			r.publish(Event{Kind: EventGPULost, GPU: gpu})
			return r.stopping(StopGPULost, nil)
		}
		if !r.cool() {
			return r.paused
		}
		if err := errors.Join(r.p.Continue(), proc.ContinueTagged(r.tagEntry())); err != nil {
			r.line(logLine("[rigshift] could not continue: " + err.Error()))
		}
		r.resumeCooled()
		r.setState(Running)
		return r.running
	}
}
