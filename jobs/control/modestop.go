package control

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rigshift/rigshift/jobs"
)

// switchStop gathers the rental jobs a mode switch stops. The owner chose
// the switch (the window and the tray ask first, naming the jobs): one
// desktop notice says what became of them, once the last has stopped,
// rather than one each at once. The event log keeps each job's notice.
// A job that ends otherwise meanwhile (it finished, crashed, lost a GPU)
// is told as ever.
type switchStop struct {
	mode     Mode            // the mode switched to
	stopping map[string]bool // the jobs still stopping
	stopped  map[string]bool // the jobs the switch interrupted, told here
	notices  []Notice        // their notices, logged, not shown yet
	requeued []string        // "J-0003 (Acme)"
	failed   []string        // the same, for those whose policy fails them
}

// stoppedBySwitch notes that the switch to the current mode stops job id.
func (c *Controller) stoppedBySwitch(id string) {
	if c.switchStop == nil {
		c.switchStop = &switchStop{stopping: map[string]bool{}, stopped: map[string]bool{}}
	}
	c.switchStop.mode = c.mode // the last switch is the one to name
	c.switchStop.stopping[id] = true
}

// gatherInterrupt marks j, whose run was cut short for cause, for the
// switch's notice when the switch cut it short: its end is told there.
func (c *Controller) gatherInterrupt(j *job, cause string) {
	if s := c.switchStop; s != nil && s.stopping[j.view.ID] && cause == interruptCause(jobs.StopModeSwitch) {
		s.stopped[j.view.ID] = true
	}
}

// notifyJobEnd shows n, the notice of j's end, unless the switch gathers
// it: then it is logged now and told with the others. Once RigShift is
// quitting, a run the quit stopped is only logged: the owner quit
// knowingly (the window asks over running jobs). A job that ended by
// itself meanwhile (it finished a second before) is told: quitting waits
// for its notice to be shown.
func (c *Controller) notifyJobEnd(j *job, n Notice) {
	if c.closed && !j.endedByItself {
		c.note.record(n)
		return
	}
	s := c.switchStop
	if s == nil || !s.stopped[j.view.ID] {
		c.note.send(n)
		return
	}
	delete(s.stopped, j.view.ID)
	c.note.record(n)
	s.notices = append(s.notices, n)
	name := fmt.Sprintf("%s (%s)", j.view.ID, j.spec.Client)
	switch {
	case slices.Contains(s.requeued, name) || slices.Contains(s.failed, name): // stopped again, after switching back
	case j.view.State == JobFailed:
		s.failed = append(s.failed, name)
	default:
		s.requeued = append(s.requeued, name)
	}
}

// settleSwitchStop notes that job id has stopped; after the last of the
// switch's jobs, the owner is told: by the job's own notice where it
// stopped one, else by one for them all. Not once RigShift is quitting,
// as notifyJobEnd: the event log has each job.
func (c *Controller) settleSwitchStop(id string) {
	s := c.switchStop
	if s == nil || !s.stopping[id] {
		return
	}
	delete(s.stopping, id)
	if len(s.stopping) > 0 {
		return
	}
	c.switchStop = nil
	if c.closed {
		return
	}
	switch n := len(s.requeued) + len(s.failed); n { // a job stopped twice (switched back and again) is named once
	case 0:
	case 1:
		c.note.show(s.notices[len(s.notices)-1])
	default:
		c.note.show(Notice{Kind: NoticeJobFailed, Title: Plural(n, "rental job") + " interrupted", Body: s.words()})
	}
}

// words says what the switch did to each job: "You switched to Idle:
// J-0001 (Acme), J-0002 (Beta) are back in the queue; J-0003 (Gamma)
// failed, as its client asked of an interrupted run."
func (s *switchStop) words() string {
	var parts []string
	if n := len(s.requeued); n > 0 {
		parts = append(parts, strings.Join(s.requeued, ", ")+pick(n, " is", " are")+" back in the queue")
	}
	if n := len(s.failed); n > 0 {
		parts = append(parts, strings.Join(s.failed, ", ")+" failed, as "+pick(n, "its client", "their clients")+" asked of an interrupted run")
	}
	return fmt.Sprintf("You switched to %s: %s.", s.mode.Title(), strings.Join(parts, "; "))
}

func pick(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}
