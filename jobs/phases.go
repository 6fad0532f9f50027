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
		r.checkGPUsFree(context.Background()) // a restart that failed: the last process's GPUs
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
