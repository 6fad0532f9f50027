package control

import (
	"fmt"
	"slices"

	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/store"
)

// startJob starts a queued job on gpus. The "starting" state is committed
// before the process is started, so a crash in between is seen at the next
// start as an interrupted job, never as a job that silently vanished.
func (c *Controller) startJob(j *job, gpus []int) {
	now := c.now()
	c.dequeue(j.view.ID)
	j.reserved = nil
	j.view.GPUs = c.uuidsOf(gpus)
	j.view.State = JobStarting
	if j.view.Started.IsZero() {
		j.view.Started = now
	}
	c.saveJob(j, "starting on GPUs "+indexList(gpus), "")
	h, err := c.start(c.trainingWorkload(j))
	if err != nil {
		c.endJob(j, JobFailed, -1, fmt.Sprintf("could not start: %v", err))
		return
	}
	c.adopt(&workload{id: j.view.ID, kind: renting, handle: h, gpus: gpus, jobID: j.view.ID})
	c.record(store.Event{Kind: store.EventKindJobStarted, JobID: j.view.ID,
		Message: fmt.Sprintf("Job %s for %s started on GPU %s", j.view.ID, j.spec.Client, indexList(gpus))})
}

// start hands w to the supervisor.
func (c *Controller) start(w jobs.Workload) (*jobs.Handle, error) {
	if c.beforeStart != nil {
		c.beforeStart(w)
	}
	return c.sup.Start(w)
}

func (c *Controller) trainingWorkload(j *job) jobs.Workload {
	cmd := j.spec.Command
	return jobs.Workload{
		ID: j.view.ID, Kind: jobs.Training, Path: cmd[0], Args: slices.Clone(cmd[1:]),
		Env: slices.Clone(j.spec.Env), Dir: j.spec.Dir, GPUs: slices.Clone(j.view.GPUs),
	}
}

func (c *Controller) dequeue(id string) {
	c.queue = slices.DeleteFunc(c.queue, func(q string) bool { return q == id })
}

func (c *Controller) uuidsOf(gpus []int) []string {
	out := make([]string, len(gpus))
	for i, g := range gpus {
		out[i] = c.slots[g].info.UUID
	}
	return out
}

func indexList(gpus []int) string {
	s := ""
	for i, g := range gpus {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprint(g)
	}
	return s
}
