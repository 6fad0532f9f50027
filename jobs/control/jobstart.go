package control

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/jobs/miners"
	"github.com/rigshift/rigshift/store"
)

// startJob starts a queued job on gpus. The "starting" state is committed
// before the process is started, so a crash in between is seen at the next
// start as an interrupted job, never as a job that silently vanished.
func (c *Controller) startJob(j *job, gpus []int) {
	now := c.now()
	c.dequeue(j.view.ID)
	j.reserved, j.stopCause, j.booked = nil, "", nil
	j.view.GPUs = c.uuidsOf(gpus)
	j.view.State = JobStarting
	j.ranBefore = j.view.Running // it runs again from the start, with its whole longest run
	if j.view.Started.IsZero() {
		j.view.Started = now
	}
	c.saveJob(j, "starting on "+gpuList(gpus), "")
	h, err := c.launchJob(j)
	if err != nil {
		c.endJob(j, JobFailed, -1, fmt.Sprintf("could not start: %v", err))
		return
	}
	c.adopt(&workload{id: j.view.ID, kind: renting, handle: h, gpus: gpus, jobID: j.view.ID})
	c.record(store.Event{Kind: store.EventKindJobStarted, JobID: j.view.ID, Title: jobTitle(j, "started"),
		Message: fmt.Sprintf("%s's job started on %s", j.spec.Client, gpuList(gpus))})
}

// launchJob hands job j's process to the supervisor.
func (c *Controller) launchJob(j *job) (*jobs.Handle, error) {
	w, err := c.trainingWorkload(j)
	if err != nil {
		return nil, err
	}
	return c.start(w)
}

// start hands w to the supervisor.
func (c *Controller) start(w jobs.Workload) (*jobs.Handle, error) {
	if c.beforeStart != nil {
		c.beforeStart(w)
	}
	return c.sup.Start(w)
}

func (c *Controller) trainingWorkload(j *job) (jobs.Workload, error) {
	cmd := j.spec.Command
	w := jobs.Workload{
		ID: j.view.ID, Kind: jobs.Training, Path: cmd[0], Args: slices.Clone(cmd[1:]),
		Env: slices.Clone(j.spec.Env), Dir: j.spec.Dir, GPUs: slices.Clone(j.view.GPUs), GPUIndex: c.gpuIndex(),
		Secrets: envSecrets(j.spec.Env),
	}
	devices, byBus, err := miners.CUDADevices(c.inventory(), w.GPUs)
	if err != nil {
		return jobs.Workload{}, err
	}
	if byBus {
		w.CUDADevices = devices
	}
	return w, nil
}

// minEnvSecretLen is the shortest environment value masked wherever it
// appears: a short one ("1", "true") would mask ordinary output everywhere.
const minEnvSecretLen = 8

// envSecrets returns the values of env ("KEY=value") whose names say they
// are secrets: the client's tokens, which the job may print.
func envSecrets(env []string) []string {
	var out []string
	for _, kv := range env {
		name, val, _ := strings.Cut(kv, "=")
		if len(val) >= minEnvSecretLen && jobs.SecretEnvName(name) {
			out = append(out, val)
		}
	}
	return out
}

// dequeue takes a job out of the queue; the jobs behind move up, and
// their places are committed so that a restart finds the same order.
func (c *Controller) dequeue(id string) {
	at := c.position(id)
	if at < 0 {
		return
	}
	c.queue = slices.Delete(c.queue, at, at+1)
	if at < len(c.queue) {
		c.saveQueue()
	}
}

// requeue puts an interrupted job back at the front of the queue, behind
// the interrupted jobs added before it: jobs that ran keep their turn
// among themselves, first in, first out, in whatever order their runs
// happened to stop.
func (c *Controller) requeue(id string) {
	at := 0
	for ; at < len(c.queue); at++ {
		q := c.jobs[c.queue[at]].view
		if q.Started.IsZero() || compareIDs(q.ID, id) > 0 {
			break
		}
	}
	c.queue = slices.Insert(c.queue, at, id)
	c.saveQueue()
}

// saveQueue commits every queued job's place in one transaction.
func (c *Controller) saveQueue() {
	recs := make([]store.JobRecord, 0, len(c.queue))
	for _, id := range c.queue {
		recs = append(recs, c.toRecord(c.jobs[id]))
	}
	if err := c.store.PutJobs(recs); err != nil {
		c.log.Error("saving the queue's order", "err", err)
	}
}

func (c *Controller) uuidsOf(gpus []int) []string {
	out := make([]string, len(gpus))
	for i, g := range gpus {
		out[i] = c.slots[g].info.UUID
	}
	return out
}

// gpuList names GPUs in a sentence: "GPU 1", "GPUs 0, 1".
func gpuList(gpus []int) string {
	if len(gpus) == 1 {
		return "GPU " + indexList(gpus)
	}
	return "GPUs " + indexList(gpus)
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
