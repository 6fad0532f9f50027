package control

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/jobs/proc"
	"github.com/rigshift/rigshift/store"
)

// onEvent follows what the supervisor reports about workloads.
func (c *Controller) onEvent(ev jobs.Event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w, ok := c.work[ev.Workload]
	if !ok {
		return
	}
	switch ev.Kind {
	case jobs.EventState:
		c.onState(w, ev)
	case jobs.EventThermalHold, jobs.EventThermalResume:
		c.onThermal(w, ev)
	case jobs.EventGPUsBusy:
		c.onGPUsBusy(w, ev)
	case jobs.EventRestart:
		c.onRestart(w, ev)
	case jobs.EventFatal:
		c.onFatal(w, ev)
	}
}

// onRestart records a workload the supervisor starts again after it
// stopped or stalled.
func (c *Controller) onRestart(w *workload, ev jobs.Event) {
	what, gpu := "Job "+w.jobID, ""
	if w.kind == mining {
		what, gpu = "The miner", c.slots[w.gpus[0]].info.UUID
	}
	msg := fmt.Sprintf("%s on %s %s and starts again in %s (restart %d)",
		what, gpuList(w.gpus), c.whyRestarted(ev.Exit), shortDuration(ev.Delay.Round(time.Second)), ev.Attempt)
	// Its last words tell a wrong algorithm or pool at the first restart,
	// not only in the notice of giving up minutes later.
	if tail := c.lastLines(w.id, 3); tail != "" {
		msg += "\nLast output:\n" + tail
	}
	c.record(store.Event{Kind: store.EventKindRestart, GPU: gpu, JobID: w.jobID, Message: msg})
}

// whyRestarted says how the process that is restarted ended: a crash and a
// stall call for different fixes (a wrong pool or overclock; a dead pool
// or a miner that lost its card), and "stopped" told neither.
func (c *Controller) whyRestarted(x *jobs.Exit) string {
	switch {
	case x == nil:
		return "stopped"
	case x.Outcome == jobs.StoppedBy && x.Reason == jobs.StopWatchdog:
		return fmt.Sprintf("stalled (no hashrate from its stats API for %s)",
			strings.TrimSuffix(shortDuration(c.settings.StallAfter), " 00 s"))
	case x.Outcome == jobs.Failed:
		return fmt.Sprintf("crashed (exited with code %d)", x.Code)
	case x.Outcome == jobs.Signaled:
		return "crashed (killed by signal " + x.Signal + ")"
	case x.Outcome == jobs.Succeeded:
		return "quit by itself (exit code 0)"
	}
	return "stopped"
}

func (c *Controller) onState(w *workload, ev jobs.Event) {
	now := c.now()
	if !ev.Time.IsZero() && ev.Time.Before(now) {
		now = ev.Time // when it happened, not when the loop got to it: the bill starts there
	}
	switch ev.State {
	case jobs.Running:
		c.simAttach(w)
	case jobs.Paused, jobs.Backoff: // held too hot, or a miner that crashed waiting to start again
		c.simPause(w)
	}
	if w.kind == mining {
		if ev.State == jobs.Running && w.session == nil {
			w.session = &session{start: now, last: now}
		}
		return
	}
	j := c.jobs[w.jobID]
	switch ev.State {
	case jobs.Running:
		j.setRunning(now)
		c.armLimit(j)
		c.saveJob(j, "running", "")
	case jobs.Paused:
		j.setPaused(now)
		c.saveJob(j, "paused: GPU too hot", string(ReasonThermal))
	}
}

func (c *Controller) onThermal(w *workload, ev jobs.Event) {
	i, _ := c.slotByUUID(ev.GPU)
	var n Notice
	if ev.Kind == jobs.EventThermalHold {
		n = Notice{Kind: NoticeThermal, GPU: ev.GPU, Title: fmt.Sprintf("GPU %d is too hot", i),
			Body: fmt.Sprintf("GPU %d reached %.0f °C: %s is held until it cools below %.0f °C.", i, ev.TempC, w.name(), c.settings.ResumeBelowC)}
		if ev.Delay > 0 { // held again within the hour: the supervisor keeps it held a while
			n.Body = fmt.Sprintf("GPU %d reached %.0f °C, for the %s time in an hour: %s is held until it cools below %.0f °C, "+
				"and for at least %s. A lower power limit, or more air around it, would keep it working.",
				i, ev.TempC, ordinal(ev.Attempt), w.name(), c.settings.ResumeBelowC, strings.TrimSuffix(shortDuration(ev.Delay), " 00 s"))
		}
	} else {
		n = Notice{Kind: NoticeThermal, LogAs: store.EventKindGPUCooled, GPU: ev.GPU, Title: fmt.Sprintf("GPU %d cooled down", i),
			Body: fmt.Sprintf("GPU %d is cool again: %s resumes.", i, w.name())}
	}
	c.note.send(n)
}

// onGPUsBusy blocks GPUs whose memory a stopped workload still holds:
// nothing new starts there until the memory is free.
func (c *Controller) onGPUsBusy(w *workload, ev jobs.Event) {
	msg := "memory still held by a stopped workload"
	if ev.Err != nil {
		msg = ev.Err.Error()
	}
	for _, g := range w.gpus {
		c.slots[g].blocked = msg
		c.slots[g].blockedPGID = ev.PGID // the process has ended: its status has no PID now
		c.slots[g].blockedPIDs = ev.PIDs
	}
	c.record(store.Event{Kind: store.EventKindGPUBusy, JobID: w.jobID,
		Message: fmt.Sprintf("%s not free after %s stopped: %s", gpuList(w.gpus), w.name(), msg)})
}

func (c *Controller) onFatal(w *workload, ev jobs.Event) {
	if w.kind != mining {
		return
	}
	s := c.slots[w.gpus[0]]
	s.minerGaveUp, s.minerWhy = true, minerGaveUpOn
	gpu := s.info.UUID
	if ev.Exit != nil && ev.Exit.Outcome == jobs.StartFailed {
		s.minerWhy = minerNotStartedOn
		// It never ran (its program is gone: an antivirus, an update):
		// not a crash loop.
		why := proc.ProgramProblem(c.settings.Miner.Executable, "", nil)
		if why == "" {
			why = ev.Exit.String()
		}
		c.note.send(Notice{Kind: NoticeMinerDown, GPU: gpu, RigWide: true, Title: "The miner could not start",
			Body: fmt.Sprintf("The miner could not be started: %s. Check its program in Settings, then switch modes to try again.", why)})
		return
	}
	why := "it kept crashing"
	if ev.Exit != nil {
		why = ev.Exit.String()
	}
	// Its own last words say why, more often than not (a pool it cannot
	// reach, a wallet it refuses), where its exit code does not.
	tail := c.lastLines(w.id, 3)
	logs := c.logFolder(w.id)
	// One notification for the rig: a miner that crashes everywhere (a
	// wrong pool or algorithm) gives up on every card within moments, one
	// after the other. The event log keeps each card's line now; the
	// notice waits for the next heartbeat, so that it names every card
	// the miner gave up on by then, not the first alone.
	c.note.record(minerDownNotice(gpu, []int{w.gpus[0]}, why, tail, logs))
	if c.minerDown == nil {
		c.minerDown = &minerDown{gpu: gpu}
	}
	c.minerDown.gpus = append(c.minerDown.gpus, w.gpus[0])
	c.minerDown.why, c.minerDown.tail = why, tail
	if !slices.Contains(c.minerDown.logs, logs) {
		c.minerDown.logs = append(c.minerDown.logs, logs)
	}
}

// logFolder is the folder of workload id's run logs, "" when it keeps
// none: "Check its log" left the owner to find where.
func (c *Controller) logFolder(id string) string {
	h, ok := c.sup.Handle(id)
	if !ok || h.Status().LogPath == "" {
		return ""
	}
	return filepath.Dir(h.Status().LogPath)
}

// minerDown is the miner's giving up, gathered for one notice.
type minerDown struct {
	gpu  string // the first GPU's UUID: the notice's rate limit is the rig's anyway
	gpus []int
	why  string // the last card's
	tail string // its last output lines
	logs []string
}

// minerDownNotice says that the miner gave up on gpus, where its logs
// are (a folder per card), and its last output lines, tail, as a failed
// job's notice does.
func minerDownNotice(gpu string, gpus []int, why, tail string, logs ...string) Notice {
	body := fmt.Sprintf("The miner on %s was restarted too often and is stopped (%s). Check its log%s, then switch modes to try again.", gpuList(gpus), why, logsWhere(logs))
	if tail != "" {
		body += "\nLast output:\n" + tail
	}
	return Notice{Kind: NoticeMinerDown, GPU: gpu, RigWide: true, Title: "The miner gave up", Body: body}
}

// logsWhere is " in FOLDER" for the miner's log folders, "" without one;
// several cards' folders share their parent.
func logsWhere(logs []string) string {
	logs = slices.DeleteFunc(slices.Clone(logs), func(l string) bool { return l == "" })
	switch len(logs) {
	case 0:
		return ""
	case 1:
		return " in " + logs[0]
	}
	return " in " + filepath.Dir(logs[0]) + " (a folder for each GPU)"
}

// tellMinerDown shows the gathered notice of the miner giving up, once
// a heartbeat after the first card: by then a miner that fails alike
// everywhere has given up on every card.
func (c *Controller) tellMinerDown() {
	d := c.minerDown
	if d == nil {
		return
	}
	c.minerDown = nil
	if c.closed {
		return
	}
	slices.Sort(d.gpus)
	c.note.show(minerDownNotice(d.gpu, slices.Compact(d.gpus), d.why, d.tail, d.logs...))
}

// onDone releases a finished workload's GPUs and settles its accounts.
func (c *Controller) onDone(d doneMsg) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w, ok := c.work[d.id]
	if !ok {
		return
	}
	delete(c.work, d.id)
	c.simDetach(w)
	for _, g := range w.gpus {
		c.slots[g].owner = ""
	}
	defer c.freed(w.gpus) // after its record is booked
	st := w.handle.Status()
	if w.kind == mining {
		c.endSession(w)
		return
	}
	if j := c.jobs[w.jobID]; j != nil {
		j.view.Progress, j.view.LogPath = st.Progress, st.LogPath
		c.finishJob(j, st)
		c.settleSwitchStop(j.view.ID)
	}
}

// freed notes when gpus were freed, by the clock the readings carry.
func (c *Controller) freed(gpus []int) {
	now := time.Now()
	for _, g := range gpus {
		c.slots[g].freedAt = now
	}
}

var errNoJob = errors.New("no such job")
