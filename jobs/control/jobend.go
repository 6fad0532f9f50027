package control

import (
	"fmt"
	"strings"
	"time"

	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/jobs/progress"
	"github.com/rigshift/rigshift/store"
)

// finishJob decides how a job's run ended, from the supervisor's final
// status and what the controller asked for. A job that exited 0 by itself
// succeeded, even if a cancel or its longest run came while the controller
// had not heard of it yet; its bill stops when it exited.
func (c *Controller) finishJob(j *job, st jobs.Status) {
	code, detail := exitDetail(st)
	j.endedByItself = st.LastExit != nil && st.LastExit.Outcome != jobs.StoppedBy
	if st.LastExit != nil && !st.LastExit.At.IsZero() {
		j.stopClock(minTime(st.LastExit.At, c.now()))
	}
	switch {
	case st.LastExit != nil && st.LastExit.Outcome == jobs.Succeeded:
		c.endJob(j, JobSucceeded, 0, "")
	case j.cancelled:
		c.endJob(j, JobCancelled, code, "cancelled by the owner")
	case j.timedOut:
		c.timeOut(j, code)
	case st.State == jobs.Exited && c.anyLost(j.view.GPUs):
		// A GPU that falls off the bus crashes the program on it before
		// NVML says it is lost: the hardware ended the run, not the job.
		c.cutShort(j, code, interruptCause(jobs.StopGPULost))
	case st.State == jobs.Exited, st.State == jobs.Fatal:
		c.endJob(j, JobFailed, code, detail)
	case j.stopCause != "":
		c.cutShort(j, code, j.stopCause)
	default:
		c.cutShort(j, code, interruptCause(st.Reason))
	}
}

// timeOut ends a job that had its longest run.
func (c *Controller) timeOut(j *job, code int) {
	c.endJob(j, JobTimedOut, code, fmt.Sprintf("ran past its longest run of %s", spanWords(j.spec.MaxRuntime)))
}

// cutShort ends a run that RigShift or the hardware cut short. One that
// had its longest run by then (a heartbeat had not noticed yet, or the
// stop outlasted it) is timed out: put back in the queue, it would run a
// whole longest run again, billed again.
func (c *Controller) cutShort(j *job, code int, cause string) {
	if j.ranOut() {
		c.timeOut(j, code)
		return
	}
	c.interrupt(j, cause)
}

// anyLost reports whether one of the GPUs (UUIDs) was lost.
func (c *Controller) anyLost(uuids []string) bool {
	for _, u := range uuids {
		if i, ok := c.slotByUUID(u); ok && c.slots[i].lost {
			return true
		}
	}
	return false
}

func exitDetail(st jobs.Status) (int, string) {
	if st.LastExit == nil {
		return -1, "ended without an exit status"
	}
	return st.LastExit.Code, st.LastExit.String()
}

func interruptCause(r jobs.StopReason) string {
	switch r {
	case jobs.StopGPULost:
		return "one of its GPUs was lost"
	case jobs.StopModeSwitch:
		return "the rig left rental mode"
	case jobs.StopShutdown:
		return "RigShift was shutting down"
	}
	return "it was stopped (" + r.String() + ")"
}

// interrupt ends a run that was cut short; the job's policy decides
// whether it runs again (from the front of the queue) or fails.
func (c *Controller) interrupt(j *job, cause string) { c.interruptAt(j, cause, c.now()) }

// interruptAt is interrupt for a run that ended at end: now, or for a run
// a crash cut short, its last heartbeat, which is what it is billed up to.
func (c *Controller) interruptAt(j *job, cause string, end time.Time) {
	j.stopClock(end)
	c.bookRun(j, end)
	j.view.State = JobInterrupted
	c.saveJob(j, "interrupted: "+cause, cause)
	c.gatherInterrupt(j, cause)
	if j.spec.OnInterrupt == FailJob {
		c.endJob(j, JobFailed, -1, "interrupted: "+cause)
		return
	}
	j.view.State = JobQueued             // its GPUs stay those it ran on, until it starts again
	j.view.Progress = progress.Unknown() // it runs again from the start
	c.requeue(j.view.ID)
	c.saveJob(j, "requeued", cause)
	c.notifyJobEnd(j, Notice{Kind: NoticeJobFailed, LogAs: store.EventKindJobRequeued, JobID: j.view.ID,
		Title: jobTitle(j, "was interrupted"),
		Body:  fmt.Sprintf("%s's job was interrupted because %s. It is back in the queue.", j.spec.Client, cause)})
}

// endJob puts a job in a final state, commits it, books its earnings and
// tells the owner. Job results are never rate-limited.
func (c *Controller) endJob(j *job, state JobState, code int, reason string) {
	now := c.now()
	j.stopClock(now)
	j.view.State, j.view.ExitCode, j.view.Reason, j.view.Ended = state, code, reason, now
	c.dequeue(j.view.ID)
	c.saveJob(j, string(state), reason)
	c.bookRun(j, now)
	n := c.jobNotice(j)
	if state == JobCancelled {
		// The owner did it: a line in the log, neither a problem nor a
		// desktop notification.
		c.record(store.Event{Kind: store.EventKindJobCanceled, JobID: n.JobID, Title: n.Title, Message: n.Body})
		return
	}
	c.notifyJobEnd(j, n)
}

func (c *Controller) jobNotice(j *job) Notice {
	v := j.view
	money := fmt.Sprintf("%s on %s, %s GPU-hours, earned %s", // GPU-hours as few as its earnings: "0.001", not "0.00"
		shortDuration(v.Running), Plural(len(v.GPUs), "GPU"), Amount(v.GPUHours), Money(v.Earned, v.Currency))
	if v.State == JobSucceeded {
		return Notice{Kind: NoticeJobDone, JobID: v.ID, Title: jobTitle(j, "finished"),
			Body: fmt.Sprintf("%s's job finished: %s.", j.spec.Client, money)}
	}
	body := fmt.Sprintf("%s's job %s. %s.", j.spec.Client, outcome(v), money)
	if tail := c.lastLines(v.ID, 3); tail != "" {
		body += "\nLast output:\n" + tail
	}
	return Notice{Kind: NoticeJobFailed, JobID: v.ID, Title: jobTitle(j, endVerb(v.State)), Body: body}
}

// jobTitle heads every event of a rental job alike, started or ended:
// "Job J-0012 for Acme failed". The body then begins "Acme's job …".
func jobTitle(j *job, verb string) string {
	return fmt.Sprintf("Job %s for %s %s", j.view.ID, j.spec.Client, verb)
}

// endVerb says what became of a job that ended in state s.
func endVerb(s JobState) string {
	switch s {
	case JobSucceeded:
		return "finished"
	case JobCancelled, JobInterrupted:
		return "was " + string(s)
	}
	return string(s) // "failed", "timed out"
}

// outcome is how a job ended and why, saying the state once: "failed
// with code 3", not "failed: failed with code 3".
func outcome(v Job) string {
	if strings.HasPrefix(v.Reason, string(v.State)+" ") {
		return v.Reason
	}
	return string(v.State) + ": " + v.Reason
}

// lastLines is the last n lines the workload's last run wrote: a miner
// restarted after a crash wrote the same words in each run, and the
// notice would repeat them.
func (c *Controller) lastLines(id string, n int) string {
	h, ok := c.sup.Handle(id)
	if !ok {
		return ""
	}
	var own []string // the run's output, without the supervisor's notes
	for _, l := range h.Tail() {
		switch {
		case strings.HasPrefix(l, "[rigshift] starting: "):
			own = own[:0] // a run begins
		case !strings.HasPrefix(l, "[rigshift]"):
			own = append(own, l)
		}
	}
	return strings.Join(own[max(0, len(own)-n):], "\n")
}
