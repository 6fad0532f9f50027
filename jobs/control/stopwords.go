package control

import (
	"fmt"
	"strings"
	"time"
)

// JobsStoppedBy says what stopper (a mode's title, "Quitting RigShift")
// does to the running jobs, in the words the window asks with and the
// command line too.
func JobsStoppedBy(jobs []Job, stopper string) string {
	var names []string
	fail := 0
	for _, j := range jobs {
		names = append(names, fmt.Sprintf("%s for %s (%s)", j.ID, j.Spec.Client, jobDone(j)))
		if j.Spec.OnInterrupt == FailJob {
			fail++
		}
	}
	text := "Rental job " + names[0] + " is running."
	if len(jobs) > 1 {
		text = fmt.Sprintf("%d rental jobs are running: %s.", len(jobs), strings.Join(names, ", "))
	}
	text += " " + stopper + " stops "
	switch {
	case fail == len(jobs) && len(jobs) == 1:
		text += "it now, and it fails, as its client asked of an interrupted run."
	case fail == len(jobs):
		text += "them now, and they fail, as their clients asked of an interrupted run."
	case len(jobs) == 1:
		text += "it now; it goes back to the queue and starts again from the beginning when the rig rents again."
	case fail > 0:
		text += "them now; those whose clients asked it fail, the others go back to the queue and start again from the beginning when the rig rents again."
	default:
		text += "them now; they go back to the queue and start again from the beginning when the rig rents again."
	}
	if len(jobs) == 1 {
		return text + " The time it ran is billed."
	}
	return text + " The time they ran is billed."
}

// CancelStops says what cancelling the running job j does: unlike a
// switch to Idle or Mine, which requeue it, a cancel ends it for good.
func CancelStops(j Job) string {
	return fmt.Sprintf("Rental job %s for %s (%s) stops now and does not run again; the time it ran is billed. "+
		"Run again would queue it anew, to start from the beginning.", j.ID, j.Spec.Client, jobDone(j))
}

// jobDone is how far a running job has come, in a few words.
func jobDone(j Job) string {
	ran := Uptime(j.Running) + " in"
	if j.Running < time.Minute {
		ran = "just started"
	}
	if j.Progress.Percent >= 0 {
		return fmt.Sprintf("%.0f %% done, %s", j.Progress.Percent, ran)
	}
	return ran
}
