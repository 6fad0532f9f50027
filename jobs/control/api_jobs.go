package control

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/jobs/logs"
	"github.com/rigshift/rigshift/jobs/progress"
)

// AddJob validates spec, commits the new job as queued and returns it.
func (c *Controller) AddJob(spec JobSpec) (Job, error) {
	c.mu.Lock()
	rig := c.allUUIDs()
	c.mu.Unlock()
	spec.Client, spec.Description = oneLine(spec.Client), oneLine(spec.Description)
	if err := spec.Validate(rig); err != nil {
		return Job{}, alsoRunnable(spec, err)
	}
	if err := spec.Runnable(); err != nil { // the file system: not under the lock
		return Job{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if spec.OnInterrupt == "" {
		spec.OnInterrupt = Requeue
	}
	currency := c.settings.Currency
	if spec.Currency != "" && !strings.EqualFold(spec.Currency, currency) {
		// Its electricity is paid in the settings' currency: a job in
		// another could not be set against it, nor summed with the rest.
		return Job{}, &FieldError{Field: "currency", Msg: fmt.Sprintf(
			"the rig keeps its accounts in %s (Settings): price the job in %s", currency, currency)}
	}
	spec.Currency = currency
	if why := c.cannotRun(&job{spec: spec}); why != "" {
		return Job{}, &FieldError{Field: "gpus", Msg: why + ": it could not run until a reboot brings the GPU back"}
	}
	id, err := c.store.NextJobID() // only for a job that is kept: refused ones use no number
	if err != nil {
		return Job{}, c.cannotSave("it", "add it again once RigShift can save its records", err)
	}
	j := &job{spec: spec, view: Job{ID: id, Spec: spec, State: JobQueued, Created: c.now(), Currency: currency,
		Progress: progress.Unknown()}}
	c.jobs[id] = j
	c.queue = append(c.queue, id)
	if err := c.commitJob(j, "queued", ""); err != nil {
		// A job the database does not have would run all the same, and a
		// restart would lose it, what it earned, and its number.
		delete(c.jobs, id)
		delete(c.unsaved, id)
		c.dequeue(id)
		return Job{}, c.cannotSave("it", "add it again once RigShift can save its records", err)
	}
	c.poke()
	return c.view(j), nil
}

// Jobs lists every job, newest first.
func (c *Controller) Jobs() []Job {
	c.mu.Lock()
	defer c.mu.Unlock()
	// The jobs are put in order before their views are made: sorting
	// the views moved 600-byte values around, most of the time a year's
	// jobs took to list.
	all := slices.SortedFunc(maps.Values(c.jobs), func(a, b *job) int { return compareIDs(b.view.ID, a.view.ID) })
	out := make([]Job, len(all))
	for i, j := range all {
		out[i] = c.view(j)
	}
	return out
}

// Job returns one job.
func (c *Controller) Job(id string) (Job, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.jobs[id]
	if !ok {
		return Job{}, fmt.Errorf("%w: %s", errNoJob, id)
	}
	return c.view(j), nil
}

// CancelJob cancels a queued job at once, or stops a running one (it is
// billed for the time it ran).
func (c *Controller) CancelJob(id string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.jobs[id]
	switch {
	case !ok:
		return fmt.Errorf("%w: %s", errNoJob, id)
	case j.view.State.Final():
		return fmt.Errorf("job %s has already ended (%s): there is nothing to cancel", id, j.view.State)
	}
	j.cancelled = true
	if w, running := c.work[id]; running {
		// A RigShift killed before the job has stopped still knows it was
		// cancelled, and bills it up to now, as the record will say.
		j.account(c.billedUntil(j, c.now()))
		c.saveJob(j, "", "")
		c.stopWorkload(w, jobs.StopUser)
	} else {
		why := "cancelled by the owner before it started"
		if !j.view.Started.IsZero() {
			why = "cancelled by the owner while it waited to run again"
		}
		c.endJob(j, JobCancelled, 0, why)
	}
	c.poke()
	return nil
}

// notQueued says why a job cannot be moved: there is none, or it has left
// the queue.
func (c *Controller) notQueued(id string) error {
	j, ok := c.jobs[id]
	switch {
	case !ok:
		return fmt.Errorf("%w: %s", errNoJob, id)
	case j.view.State.Final():
		return fmt.Errorf("job %s is not in the queue: it has ended (%s)", id, j.view.State)
	}
	return fmt.Errorf("job %s is not in the queue: it is %s", id, j.view.State)
}

// MoveJob moves a queued job to position (0 is the front of the queue).
func (c *Controller) MoveJob(id string, position int) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	from := c.position(id)
	if from < 0 {
		return c.notQueued(id)
	}
	position = max(0, min(position, len(c.queue)-1))
	c.queue = slices.Insert(slices.Delete(c.queue, from, from+1), position, id)
	c.saveQueue()
	c.poke()
	return nil
}

// fileLogLines is how many lines JobLogs reads from a log file when asked
// for all: as many as the tail in memory keeps.
const fileLogLines = 400

// JobLogs returns up to lines of the job's latest output: from memory
// while it runs and just after, from its log file for a job that ran
// before RigShift last started (none if it never ran).
func (c *Controller) JobLogs(id string, lines int) ([]string, error) {
	c.mu.Lock()
	j, known := c.jobs[id]
	var path string
	if known {
		path = j.view.LogPath
	}
	c.mu.Unlock()
	if !known {
		return nil, fmt.Errorf("%w: %s", errNoJob, id)
	}
	h, ok := c.sup.Handle(id)
	if !ok {
		if path == "" {
			return nil, nil // it never ran, or RigShift keeps no log files
		}
		if lines <= 0 {
			lines = fileLogLines
		}
		return logs.LastLines(path, lines)
	}
	tail := h.Tail()
	if lines > 0 && len(tail) > lines {
		tail = tail[len(tail)-lines:]
	}
	return tail, nil
}

// view is the job as reported, its electricity priced. Called with c.mu held.
func (c *Controller) view(j *job) Job {
	v := j.snapshot(c.billedUntil(j, c.now()))
	if w := c.work[v.ID]; w != nil && v.State.Active() {
		v.Progress = w.handle.Status().Progress // live, not as of the last heartbeat (5 s)
	}
	v.Position, v.Ahead = c.position(v.ID), c.placeInLine(v.ID)
	if v.State == JobQueued {
		if v.Blocked = c.cannotRun(j); v.Blocked == "" {
			v.Blocked = c.asideBlocks(j)
			v.WaitsForAside = v.Blocked != ""
		}
		_, err := c.store.WriteProblem()
		v.WaitsForStorage = err != nil // as planJobs holds the queue
	}
	v.Electricity = c.jobElectricity(j)
	return v
}

// snapshot is the job as reported, with billing brought up to now.
func (j *job) snapshot(now time.Time) Job {
	if j.view.State.Active() {
		j.account(now)
	}
	v := j.view
	v.Spec = j.spec
	v.GPUs = slices.Clone(v.GPUs)
	return v
}

// compareIDs orders "J-0009" before "J-0010".
func compareIDs(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// alsoRunnable adds to a job refused by Validate what Runnable says of its
// program and folder, for the fields Validate left alone: the Add-job
// dialog says them at once, and `rigshift job add` said the missing
// program only once the missing --client was fixed.
func alsoRunnable(spec JobSpec, invalid error) error {
	if len(spec.Command) == 0 || strings.TrimSpace(spec.Command[0]) == "" {
		return invalid
	}
	fields := FieldErrors(invalid)
	errs := unjoin(invalid) // one list, as SplitErrors reads it
	for _, e := range unjoin(spec.Runnable()) {
		if fe := (*FieldError)(nil); errors.As(e, &fe) && fields[fe.Field] == "" {
			errs = append(errs, e)
		}
	}
	return errors.Join(errs...)
}

// unjoin is the errors that errors.Join joined into err, or err alone.
func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		return joined.Unwrap()
	}
	return []error{err}
}
