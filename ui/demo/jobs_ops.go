package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/control"
)

func (c *controller) CancelJob(id string) error {
	c.mu.Lock()
	for i := range c.jobs {
		if c.jobs[i].ID == id && !c.jobs[i].State.Final() {
			c.jobs[i].State, c.jobs[i].Ended, c.jobs[i].Reason = control.JobCancelled, time.Now(), "cancelled by the owner"
		}
	}
	c.mu.Unlock()
	c.signal()
	return nil
}

// MoveJob puts a queued job at position (0: next) among the queued ones.
func (c *controller) MoveJob(id string, position int) error {
	c.mu.Lock()
	defer c.signal()
	defer c.mu.Unlock()
	var queued []int
	from := -1
	for i, j := range c.jobs {
		if j.State == control.JobQueued {
			if j.ID == id {
				from = len(queued)
			}
			queued = append(queued, i)
		}
	}
	if from < 0 || position < 0 || position >= len(queued) {
		return fmt.Errorf("%s is not in the queue, or position %d is outside it", id, position)
	}
	order := make([]control.Job, len(queued))
	for k, i := range queued {
		order[k] = c.jobs[i]
	}
	j := order[from]
	order = slices.Insert(slices.Delete(order, from, from+1), position, j)
	for k, i := range queued {
		c.jobs[i] = order[k]
	}
	return nil
}

// JobLogs makes up a training log in the shape tqdm and the Trainer print.
func (c *controller) JobLogs(id string, lines int) ([]string, error) {
	j, err := c.Job(id)
	if err != nil {
		return nil, err
	}
	out := []string{"[rigshift] starting: " + cmdline.Quote(j.Spec.Command), // as the supervisor writes it
		"Loading checkpoint shards: 100%|██████████| 4/4 [00:09<00:00,  2.31s/it]"}
	step := int(j.Progress.Step)
	for s := max(0, step-400); s < step; s += 20 {
		out = append(out, fmt.Sprintf("{'loss': %.4f, 'learning_rate': %.2e, 'epoch': %.2f}", 2.1-float64(s)/2400, 2e-5*(1-float64(s)/3000), float64(s)/1000))
	}
	out = append(out, fmt.Sprintf("Epoch %d: %3.0f%%|██████▌   | %d/3000 [%s<%s, 0.28it/s]", int(j.Progress.Epoch)+1, j.Progress.Percent, step,
		j.Running.Truncate(time.Second), j.Progress.ETA.Truncate(time.Second)))
	if len(out) > lines {
		out = out[len(out)-lines:]
	}
	return out, nil
}
