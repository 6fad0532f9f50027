package jobs

import (
	"context"
	"time"
)

// starting launches the process, unless a stop is already waiting.
func (r *run) starting() phase {
	select {
	case req := <-r.stopReq:
		return r.settle(Stopped, req.reason, &req)
	default:
	}
	r.setState(Starting)
	if err := r.launch(); err != nil {
		e := Exit{Outcome: StartFailed, Err: err, Code: -1, At: time.Now()}
		r.recordExit(e)
		r.setState(Fatal)
		r.publish(Event{Kind: EventFatal, Exit: &e, Err: err})
		return nil
	}
	r.setState(Running)
	return r.running
}

// running waits for the process to end, a stop, a GPU event or a
// watchdog tick.
func (r *run) running() phase {
	select {
	case <-r.p.Done():
		return r.exited()
	case req := <-r.stopReq:
		return r.stopping(req.reason, &req)
	case <-r.wake:
		return r.onGPUs(r.running)
	case <-r.cur.tick:
		if r.stalled(time.Now()) {
			r.publish(Event{Kind: EventStalled})
			return r.restartOrFatal(r.endProcess(StopWatchdog))
		}
		return r.running
	}
}

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
	r.publish(Event{Kind: EventThermalHold, GPU: gpu, TempC: temp})
	if r.w.Kind == Training {
		return r.pause()
	}
	r.setState(Stopping)
	r.endProcess(StopThermal)
	r.setState(Paused)
	return r.cooling
}

// exited handles a process that ended by itself: a training job is done,
// a miner is restarted.
func (r *run) exited() phase {
	e := r.endProcess(NoStop)
	if r.w.Kind == Mining {
		return r.restartOrFatal(e)
	}
	return r.settle(Exited, NoStop, nil)
}

// stopping ends the process on purpose and settles in Stopped.
func (r *run) stopping(reason StopReason, req *stopRequest) phase {
	r.setState(Stopping)
	r.endProcess(reason)
	return r.settle(Stopped, reason, req)
}

// backoff waits before a restart.
func (r *run) backoff(delay time.Duration) phase {
	t := time.NewTimer(delay)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			return r.starting
		case req := <-r.stopReq:
			return r.settle(Stopped, req.reason, &req)
		case <-r.wake:
			if gpu := r.lostGPU(); gpu != "" {
				r.publish(Event{Kind: EventGPULost, GPU: gpu})
				return r.settle(Stopped, StopGPULost, nil)
			}
		}
	}
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
		if !r.cool() {
			return r.cooling
		}
		r.unhold()
		r.publish(Event{Kind: EventThermalResume})
		return r.starting
	}
}

// pause holds a training job with SIGSTOP.
func (r *run) pause() phase {
	if err := r.p.Pause(); err != nil {
		r.unhold()
		r.line(logLine("[rigshift] could not pause: " + err.Error()))
		return r.running
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
		r.unhold()
		if err := r.p.Continue(); err != nil {
			r.line(logLine("[rigshift] could not continue: " + err.Error()))
		}
		r.publish(Event{Kind: EventThermalResume})
		r.setState(Running)
		return r.running
	}
}

// settle reaches a final state: it checks the GPUs are free, records why
// and answers the request that caused it, if any.
func (r *run) settle(final State, reason StopReason, req *stopRequest) phase {
	r.mu.Lock()
	r.st.Reason = reason
	r.mu.Unlock()
	err := r.checkGPUsFree(context.Background())
	r.setState(final)
	if req != nil {
		req.reply <- err
	}
	return nil
}
