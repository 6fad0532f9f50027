package control

import (
	"fmt"
	"slices"

	"github.com/rigshift/rigshift/store"
)

// restore loads settings, mode and jobs from the store. Jobs that were
// holding GPUs when RigShift last stopped (it crashed or was killed) are
// interrupted and billed to their last heartbeat, then requeued or failed
// as their policy says.
func (c *Controller) restore() error {
	c.settings = DefaultSettings()
	if err := c.store.GetSettings(&c.settings); err != nil {
		return fmt.Errorf("reading the settings: %w", err)
	}
	if err := c.restoreMode(); err != nil {
		return err
	}
	records, err := c.store.ListJobs()
	if err != nil {
		return fmt.Errorf("reading the job list: %w", err)
	}
	slices.SortStableFunc(records, func(a, b store.JobRecord) int { return a.Position - b.Position })
	for _, r := range records {
		c.restoreJob(fromRecord(r))
	}
	return nil
}

func (c *Controller) restoreMode() error {
	name, err := c.store.Mode()
	if err != nil {
		return fmt.Errorf("reading the last mode: %w", err)
	}
	c.since = c.now()
	if name == "" {
		return nil
	}
	m, err := ParseMode(name)
	if err != nil {
		c.log.Warn("ignoring an unknown saved mode", "mode", name)
		return nil
	}
	c.mode = m
	c.record(store.Event{Kind: store.EventKindMode, Message: m.String(), Reason: string(ReasonRestore)})
	return nil
}

func (c *Controller) restoreJob(j *job) {
	c.jobs[j.view.ID] = j
	switch {
	case j.view.State == JobQueued:
		c.queue = append(c.queue, j.view.ID)
	case j.view.State.Active(), j.view.State == JobInterrupted:
		c.interrupt(j, fmt.Sprintf("RigShift stopped while it ran (billed up to %s)", j.lastSaved.Format("15:04:05")))
	}
}
