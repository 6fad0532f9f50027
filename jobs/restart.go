package jobs

import (
	"context"
	"time"
)

// restartOrFatal decides what follows a miner's unplanned end (crash or
// watchdog): a restart after backoff, or Fatal when it was restarted
// MaxRestarts times within RestartWindow already.
func (r *run) restartOrFatal(last Exit) phase {
	now := time.Now()
	recent := r.restarts[:0]
	for _, t := range r.restarts {
		if now.Sub(t) < r.cfg.RestartWindow {
			recent = append(recent, t)
		}
	}
	r.restarts = recent
	if len(recent) >= r.cfg.MaxRestarts {
		r.checkGPUsFree(context.Background()) // reported as an event; no caller waits
		r.setState(Fatal)
		r.publish(Event{Kind: EventFatal, Exit: &last, Attempt: len(recent)})
		return nil
	}
	delay := backoffDelay(r.cfg.BackoffStart, r.cfg.BackoffMax, len(recent))
	r.restarts = append(r.restarts, now)
	r.mu.Lock()
	r.st.Restarts++
	attempt := r.st.Restarts
	r.mu.Unlock()
	r.setState(Backoff)
	r.publish(Event{Kind: EventRestart, Delay: delay, Attempt: attempt, Exit: &last})
	return r.backoff(delay)
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

// backoffDelay is start doubled n times, at most limit.
func backoffDelay(start, limit time.Duration, n int) time.Duration {
	d := start
	for range n {
		if d >= limit/2 {
			return limit
		}
		d *= 2
	}
	return min(d, limit)
}

// stalled reports whether a miner's API has been silent or at 0 H/s for
// StallAfter, counting from the process start.
func (r *run) stalled(now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	since := r.cur.started
	if r.lastGood.After(since) {
		since = r.lastGood
	}
	return now.Sub(since) > r.cfg.StallAfter
}
