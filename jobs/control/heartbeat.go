package control

import (
	"fmt"
	"slices"
	"time"

	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/store"
)

// onHeartbeat commits every running job's billing (so a crash loses at
// most one heartbeat), enforces longest runs (their timers do it on time;
// this catches a clock that jumped), keeps live progress, and
// looks again at GPUs blocked by memory a stopped workload left behind,
// and tells the owner what the miner gave up on since the last heartbeat.
func (c *Controller) onHeartbeat() {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	for _, w := range c.work {
		if w.kind != renting {
			continue
		}
		j := c.jobs[w.jobID]
		c.stopIfRanOut(w, j, now)
		j.view.Progress = w.handle.Status().Progress
		c.saveJob(j, "", "")
	}
	c.saveUnsaved()
	c.followTariff(now)
	c.followToday(now)
	c.recheckBlocked()
	c.checkStorage()
	c.tellMinerDown()
}

// onLimit stops the jobs that had their longest run: a job's limit timer
// (armLimit) fired.
func (c *Controller) onLimit() {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	for _, w := range c.work {
		if w.kind != renting {
			continue
		}
		if j := c.jobs[w.jobID]; c.stopIfRanOut(w, j, now) {
			c.saveJob(j, "", "")
		}
	}
}

// stopIfRanOut brings the job's billing up to now and stops it if it has
// had its longest run; it reports whether it stopped it.
func (c *Controller) stopIfRanOut(w *workload, j *job, now time.Time) bool {
	j.account(c.billedUntil(j, now))
	if !j.ranOut() || j.timedOut || w.stopping {
		return false
	}
	j.timedOut = true
	c.stopWorkload(w, jobs.StopTimeLimit) // its log says why, not "stopped by user"
	return true
}

// armLimit sets the job's timer to wake the loop when its current running
// stretch reaches its longest run: it stops then, not at the next
// heartbeat, up to Options.Heartbeat later. The timer only wakes the loop;
// onLimit looks at the job then, so a timer left from an earlier stretch
// does no harm.
func (c *Controller) armLimit(j *job) {
	j.disarmLimit()
	if at, ok := j.limitAt(); ok {
		j.limit = time.AfterFunc(max(0, at.Sub(c.now())), func() {
			select {
			case c.limit <- struct{}{}:
			default: // the loop is woken already
			}
		})
	}
}

// checkStorage tells the owner once per run of failures that the database
// refuses writes: RigShift writes in the background, and nothing else
// would say that the history stopped.
func (c *Controller) checkStorage() {
	since, err := c.store.WriteProblem()
	if err == nil || since.Equal(c.storageTold) {
		return
	}
	c.storageTold = since
	c.note.send(Notice{Kind: NoticeStorage, Title: "RigShift cannot save its records",
		Body: "Cause: " + err.Error() + ". Until it can, telemetry and events are not kept; " +
			"running jobs are billed in memory and saved once it can write again; queued jobs wait to start until then."})
}

// recheckBlocked frees a blocked GPU once no process of the group that
// held it is left on it, nor any process listed on it when it was blocked:
// a job's workers that left its group (torchrun's) are in none of its
// groups, and the driver may list one long after it was killed.
func (c *Controller) recheckBlocked() {
	for i, s := range c.slots {
		if s.blocked == "" || s.lost {
			continue
		}
		pids, err := c.procs.ComputePIDs(s.info.UUID)
		if err != nil || groupHolds(pids, s.blockedPGID) || slices.ContainsFunc(pids, func(pid int) bool {
			return slices.Contains(s.blockedPIDs, pid)
		}) {
			continue
		}
		s.blocked, s.blockedPGID, s.blockedPIDs = "", 0, nil
		c.record(store.Event{Kind: store.EventKindGPUFree, GPU: s.info.UUID, Message: fmt.Sprintf("GPU %d is free again", i)})
		c.poke()
	}
}

// groupHolds reports whether one of pids is the group's leader (the driver
// can list it after it exited) or a process still in the group.
func groupHolds(pids []int, pgid int) bool {
	for _, pid := range pids {
		if pid == pgid {
			return true
		}
		if g, err := pgidOf(pid); err == nil && g == pgid {
			return true
		}
	}
	return false
}
