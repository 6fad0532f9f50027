package control

import (
	"strings"
	"time"

	"github.com/rigshift/rigshift/jobs/progress"
	"github.com/rigshift/rigshift/store"
)

// saveJob commits the job, with a job event when message says what
// happened. A failure to write is logged: the rig keeps working. What the
// job used so far is priced as it is saved, at the price of its time: a
// later price change, in the window or offline, prices only what comes
// after, and an ended job's electricity stays what was booked.
func (c *Controller) saveJob(j *job, message, reason string) {
	if err := c.commitJob(j, message, reason); err != nil {
		c.log.Error("saving a job", "job", j.view.ID, "err", err)
	}
}

// commitJob is saveJob that also returns the failure, for a change that
// must not stand unsaved (a new job). A refused save is kept, with its
// event, for saveUnsaved to write again.
func (c *Controller) commitJob(j *job, message, reason string) error {
	j.pricedCost, j.pricedJ = c.jobElectricity(j), j.view.EnergyJ+j.overheadJ
	j.lastSaved = c.now()
	events := j.unsavedEvents // a heartbeat (no message) is no event
	if message != "" {
		events = append(events, store.JobEvent{Time: j.lastSaved, JobID: j.view.ID, State: string(j.view.State), Message: message, Reason: reason})
	}
	if err := c.store.PutJob(c.toRecord(j), events...); err != nil {
		j.unsavedEvents, c.unsaved[j.view.ID] = events, true
		return err
	}
	j.unsavedEvents = nil
	delete(c.unsaved, j.view.ID)
	return nil
}

// saveUnsaved saves again the jobs whose last save was refused (a full
// disk), and the switch to Idle. A running job is saved at every heartbeat anyway, but one that
// ended meanwhile is not: left as running in the database, the next start
// would run it, and bill it, once more.
func (c *Controller) saveUnsaved() {
	if c.modeUnsaved && c.store.SetMode(c.mode.String(), string(ReasonUser)) == nil {
		c.modeUnsaved = false
	}
	for id := range c.unsaved {
		c.saveJob(c.jobs[id], "", "")
	}
	kept := c.unbooked[:0]
	for _, rec := range c.unbooked {
		if _, err := c.store.PutEarning(rec); err != nil {
			kept = append(kept, rec) // logged when first refused
		}
	}
	c.unbooked = kept
}

func (c *Controller) toRecord(j *job) store.JobRecord {
	v, s := j.view, j.spec
	return store.JobRecord{
		ID: v.ID, Client: s.Client, Description: s.Description, Command: s.Command,
		Env: envMap(s.Env), Dir: s.Dir, GPUCount: s.GPUCount, GPUUUIDs: s.GPUs,
		PricePerGPUHour: s.PricePerGPUHour, Currency: v.Currency, MaxRuntime: s.MaxRuntime,
		InterruptPolicy: string(s.OnInterrupt), State: string(v.State), Position: c.position(v.ID),
		Progress: v.Progress.Percent, LogPath: v.LogPath, CreatedAt: v.Created, StartedAt: v.Started,
		EndedAt: v.Ended, LastHeartbeat: j.lastSaved, RunningSeconds: v.Running.Seconds(),
		PausedSeconds: v.Paused.Seconds(), GPUHours: v.GPUHours, EnergyJ: v.EnergyJ, OverheadJ: j.overheadJ, RunFrom: j.runFrom, Earned: v.Earned,
		PricedJ: j.pricedJ, PricedCost: j.pricedCost,
		ExitCode: v.ExitCode, Reason: v.Reason, RanOn: v.GPUs, CancelAsked: j.cancelled, TimedOut: j.timedOut,
	}
}

func fromRecord(r store.JobRecord) *job {
	spec := JobSpec{
		Client: r.Client, Description: r.Description, Command: r.Command, Env: envList(r.Env), Dir: r.Dir,
		GPUCount: r.GPUCount, GPUs: r.GPUUUIDs, PricePerGPUHour: r.PricePerGPUHour, Currency: r.Currency,
		MaxRuntime: r.MaxRuntime, OnInterrupt: InterruptPolicy(r.InterruptPolicy),
	}
	return &job{spec: spec, lastSaved: r.LastHeartbeat, overheadJ: r.OverheadJ, runFrom: r.RunFrom, pricedJ: r.PricedJ, pricedCost: r.PricedCost,
		cancelled: r.CancelAsked, timedOut: r.TimedOut, view: Job{
			ID: r.ID, Spec: spec, State: JobState(r.State), GPUs: r.RanOn, Created: r.CreatedAt,
			Started: r.StartedAt, Ended: r.EndedAt, Running: seconds(r.RunningSeconds),
			Paused: seconds(r.PausedSeconds), GPUHours: r.GPUHours, EnergyJ: r.EnergyJ, Earned: r.Earned,
			Currency: r.Currency, ExitCode: r.ExitCode, Reason: r.Reason, LogPath: r.LogPath,
			Progress: restoredProgress(r.Progress),
		}}
}

// restoredProgress is what a stored job's record keeps of its progress: the
// percentage, where the job reported one (0 is not told from none).
func restoredProgress(percent float64) progress.Progress {
	p := progress.Unknown()
	if percent > 0 {
		p.Percent = percent
	}
	return p
}

func (c *Controller) position(id string) int {
	for i, q := range c.queue {
		if q == id {
			return i
		}
	}
	return -1
}

// placeInLine is how many queued jobs are ahead of id and can run: one
// that waits for a lost GPU, or one set aside, holds back nobody (the queue keeps its place,
// position, for when the GPU is back).
func (c *Controller) placeInLine(id string) int {
	ahead := 0
	for _, q := range c.queue {
		if q == id {
			return ahead
		}
		if c.waitsFor(c.jobs[q]) == "" {
			ahead++
		}
	}
	return -1
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func envMap(env []string) map[string]string {
	if len(env) == 0 {
		return nil
	}
	m := make(map[string]string, len(env))
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return m
}

func envList(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	return out
}

// record appends ev to the event log, timed now; a failure is logged,
// never fatal.
func (c *Controller) record(ev store.Event) {
	ev.Time = c.now()
	if err := c.store.AppendEvent(ev); err != nil {
		c.log.Error("recording an event", "kind", ev.Kind, "err", err)
	}
}

func (c *Controller) now() time.Time { return c.opts.Clock() }

// cannotSave says why what the owner asked for was refused when the
// database would not take it, in the store's words for the owner ("the
// disk holding … is full"), then what becomes of it (then): the store's
// own error said "saving job J-0001:" of a job refused before it got that
// number, or "saving mode "mine":" after the window's "Could not switch to
// Mine:". The error still matches err.
func (c *Controller) cannotSave(what, then string, err error) error {
	why := err
	if _, p := c.store.WriteProblem(); p != nil {
		why = p
	}
	return &unsavedError{msg: "RigShift cannot save " + what + ": " + why.Error() + "; " + then, err: err}
}

// unsavedError is a request refused because it could not be saved.
type unsavedError struct {
	msg string
	err error
}

func (e *unsavedError) Error() string { return e.msg }
func (e *unsavedError) Unwrap() error { return e.err }
