package control

import "time"

// account brings a job's running and paused time up to now. Billing counts
// running time only: a job held by the thermal guard costs its client
// nothing. GPU-hours add up run by run, each on the GPUs it held, so a
// job interrupted and run again keeps what its first run billed.
func (j *job) account(now time.Time) {
	if !j.runningAt.IsZero() {
		end := now
		if limit, ok := j.limitAt(); ok && limit.Before(end) {
			end = limit // the client pays for its longest run at most, not for the stop past it
		}
		ran := max(0, end.Sub(j.runningAt))
		j.view.Running += ran
		j.view.GPUHours += ran.Hours() * float64(len(j.view.GPUs))
		j.runningAt = now
	}
	if !j.pausedAt.IsZero() {
		j.view.Paused += max(0, now.Sub(j.pausedAt))
		j.pausedAt = now
	}
	j.view.Earned = j.view.GPUHours * j.spec.PricePerGPUHour
}

// setRunning marks the job running from now (after starting or a pause).
func (j *job) setRunning(now time.Time) {
	j.account(now)
	if j.runFrom.IsZero() {
		j.runFrom = now // a run begins (a resume after heat goes on with it)
	}
	j.pausedAt = time.Time{}
	j.runningAt = now
	j.view.State = JobRunning
}

// setPaused marks the job held by the thermal guard from now. Its longest
// run counts running time only: its limit timer waits for the resume.
func (j *job) setPaused(now time.Time) {
	j.disarmLimit()
	j.account(now)
	j.runningAt = time.Time{}
	j.pausedAt = now
	j.view.State = JobPaused
}

// limitAt is when the current run reaches the job's longest run, if it
// has one and runs now.
func (j *job) limitAt() (time.Time, bool) {
	max := j.spec.MaxRuntime
	if max <= 0 || j.runningAt.IsZero() {
		return time.Time{}, false
	}
	return j.runningAt.Add(max - (j.view.Running - j.ranBefore)), true
}

// ranOut reports whether the current run has had the job's longest run:
// account stops billing there, and a job held for heat then is done as
// well as one running.
func (j *job) ranOut() bool {
	return j.spec.MaxRuntime > 0 && j.view.Running-j.ranBefore >= j.spec.MaxRuntime
}

// stopClock ends the running and paused stretches at now.
func (j *job) stopClock(now time.Time) {
	j.disarmLimit()
	j.account(now)
	j.runningAt, j.pausedAt = time.Time{}, time.Time{}
}

// billedUntil is now, or when the job's process exited if it has and the
// loop has not handled its end yet (the supervisor may still be waiting
// for its GPU memory): a bill stops when the job does.
func (c *Controller) billedUntil(j *job, now time.Time) time.Time {
	w := c.work[j.view.ID]
	if w == nil {
		return now
	}
	st := w.handle.Status()
	if e := st.LastExit; e != nil && !e.At.IsZero() && !e.At.Before(st.Started) { // this process's exit
		return minTime(e.At, now)
	}
	return now
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// maxTime is the later of a and b by the wall clock: it bounds records that
// are stored with their wall times, and after NTP stepped the clock back,
// the monotonic readings (what After compares while both have them) would
// save a run that ends before it starts.
func maxTime(a, b time.Time) time.Time {
	if a.Round(0).After(b.Round(0)) {
		return a
	}
	return b
}

// disarmLimit stops the job's limit timer, if one is set (armLimit).
func (j *job) disarmLimit() {
	if j.limit != nil {
		j.limit.Stop()
		j.limit = nil
	}
}
