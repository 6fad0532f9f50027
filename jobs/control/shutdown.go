package control

import (
	"context"
	"time"
)

// shutdownTimeout bounds Quit: every workload gets the supervisor's grace
// period, then a kill.
const shutdownTimeout = 40 * time.Second

// shutdown stops every workload, settles their books (running jobs are
// interrupted and requeued or failed by their policy) and commits all; the
// notices on their way to the desktop get a moment to be shown.
func (c *Controller) shutdown() error {
	c.mu.Lock()
	c.closed = true
	close(c.quit)
	c.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := c.sup.Shutdown(ctx)
	c.mu.Lock()
	ids := make([]string, 0, len(c.work))
	for id := range c.work {
		ids = append(ids, id)
	}
	c.mu.Unlock()
	for _, id := range ids {
		c.onDone(doneMsg{id: id})
	}
	c.mu.Lock()
	for _, s := range c.slots {
		c.endIdle(s)
	}
	// What the database refused before (a job that ended on a full disk)
	// gets a last try: the disk may have room by now, and a job left
	// running on record would run, and be billed, again at the next start.
	c.saveUnsaved()
	c.mu.Unlock()
	c.subs.signal()
	c.note.flush(noticeFlush)
	return err
}
