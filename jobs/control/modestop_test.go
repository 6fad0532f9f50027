package control

import (
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs"
)

// Switching to Idle or Mine over three running jobs showed three "Job …
// interrupted" notifications at once, about what the owner had just
// agreed to. It is one, when the last has stopped, saying what became of
// each; the event log keeps a line for each job.
func TestModeSwitchOverJobsNotifiesOnce(t *testing.T) {
	r := newTestRig(t, 3, t.TempDir()).run()
	_ = r.c.SetMode(Rent)
	var ids []string
	for i, client := range []string{"Acme", "Beta", "Gamma"} {
		spec := trainerJob(client, 1, 100000, 0)
		if i == 2 {
			spec.OnInterrupt = FailJob
		}
		j, err := r.c.AddJob(spec)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, j.ID)
	}
	r.eventually("three jobs running", func(s Status) bool { return len(s.Running) == 3 && !s.Switching })
	_ = r.c.SetMode(Idle)
	r.eventually("the jobs stopped", func(s Status) bool {
		return r.jobState(ids[0]) == JobQueued && r.jobState(ids[1]) == JobQueued && r.jobState(ids[2]) == JobFailed
	})
	n, ok := r.notes.find(NoticeJobFailed)
	time.Sleep(300 * time.Millisecond) // the others, if any, would be shown by now
	if got := countNotices(r.notes, NoticeJobFailed); got != 1 {
		t.Errorf("%d notifications for one switch over three jobs, want 1: %+v", got, r.notes.all())
	}
	if !ok || n.Title != "3 rental jobs interrupted" {
		t.Fatalf("notice %+v", n)
	}
	for _, want := range []string{"You switched to Idle", ids[0] + " (Acme)", ids[1] + " (Beta)", "back in the queue",
		ids[2] + " (Gamma) failed"} {
		if !strings.Contains(n.Body, want) {
			t.Errorf("the notice lacks %q: %s", want, n.Body)
		}
	}
	log := eventLog(t, r.store)
	for _, want := range []string{"job-requeued Job " + ids[0] + " for Acme was interrupted", "job-requeued Job " + ids[1] + " for Beta was interrupted",
		"notice:job-failed Job " + ids[2] + " for Gamma failed"} {
		if !strings.Contains(log, want) {
			t.Errorf("the event log lacks %q:\n%s", want, log)
		}
	}
}

// One job stopped by a switch is told as before, by its own notice.
func TestModeSwitchOverOneJobNotifiesIt(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	job := r.runningJob(trainerJob("Acme", 1, 100000, 0))
	_ = r.c.SetMode(Idle)
	r.eventually("requeued", func(Status) bool { return r.jobState(job.ID) == JobQueued })
	n, ok := r.notes.find(NoticeJobFailed)
	if !ok || n.Title != "Job "+job.ID+" for Acme was interrupted" || !strings.Contains(n.Body, "It is back in the queue") {
		t.Errorf("notice %+v", n)
	}
}

// Quitting over running jobs, which the window asks about first, shows no
// "Job … interrupted" notice per job as RigShift goes: the owner chose it,
// and the notices raced the process's exit. The event log keeps each.
func TestQuitOverJobsShowsNoNotices(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	_ = r.c.SetMode(Rent)
	for _, client := range []string{"Acme", "Beta"} {
		if _, err := r.c.AddJob(trainerJob(client, 1, 100000, 0)); err != nil {
			t.Fatal(err)
		}
	}
	r.eventually("two jobs running", func(s Status) bool { return len(s.Running) == 2 && !s.Switching })
	r.stop()
	time.Sleep(300 * time.Millisecond) // a notice shown would be by now
	if got := countNotices(r.notes, NoticeJobFailed); got != 0 {
		t.Errorf("%d notifications at quit, want none: %+v", got, r.notes.all())
	}
	log := eventLog(t, r.store)
	if n := strings.Count(log, "job-requeued"); n != 2 {
		t.Errorf("the event log has %d interrupted jobs, want 2:\n%s", n, log)
	}
}

// Quitting while a switch's jobs still stop showed the notice of those
// already stopped as RigShift went: the quit ends the switch's wait, and
// its notice raced the process's exit as the per-job ones did. The event
// log keeps each job's.
func TestQuitDuringASwitchShowsNoSwitchNotice(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir())
	c := r.c
	acme := &job{spec: JobSpec{Client: "Acme"}, view: Job{ID: "J-0001", State: JobInterrupted}}
	beta := &job{spec: JobSpec{Client: "Beta"}, view: Job{ID: "J-0002", State: JobInterrupted}}
	cause := interruptCause(jobs.StopModeSwitch)
	end := func(j *job) {
		c.gatherInterrupt(j, cause)
		c.notifyJobEnd(j, Notice{Kind: NoticeJobFailed, JobID: j.view.ID, Title: jobTitle(j, "was interrupted")})
		c.settleSwitchStop(j.view.ID)
	}
	c.mu.Lock()
	c.mode = Idle
	c.stoppedBySwitch(acme.view.ID)
	c.stoppedBySwitch(beta.view.ID)
	end(acme)
	c.closed = true // the owner quits while Beta's job still stops
	end(beta)
	c.mu.Unlock()
	time.Sleep(300 * time.Millisecond) // a notice shown would be by now
	if got := countNotices(r.notes, NoticeJobFailed); got != 0 {
		t.Errorf("%d notifications while quitting, want none: %+v", got, r.notes.all())
	}
	if log := eventLog(t, r.store); !strings.Contains(log, "Job J-0001 for Acme was interrupted") {
		t.Errorf("the event log lacks Acme's job:\n%s", log)
	}
}

// A job that ended by itself as the owner quit (its end reached the
// controller as it stopped: a job that finished a second before) was in
// the event log only, held back like those the quit stopped; the owner
// never heard that it finished, or failed. What the quit did not do is
// told as ever; the notices on their way are shown before RigShift ends.
func TestAJobThatEndedByItselfAsTheOwnerQuitIsTold(t *testing.T) {
	for _, c := range []struct {
		exit jobs.Exit
		want NoticeKind
	}{
		{jobs.Exit{Outcome: jobs.Succeeded}, NoticeJobDone},
		{jobs.Exit{Outcome: jobs.Failed, Code: 3}, NoticeJobFailed},
	} {
		r := newTestRig(t, 1, t.TempDir())
		j := &job{spec: JobSpec{Client: "Acme"}, view: Job{ID: "J-0001", State: JobRunning, Currency: "USD"}}
		c.exit.At = time.Now()
		r.c.mu.Lock()
		r.c.closed = true
		r.c.finishJob(j, jobs.Status{State: jobs.Exited, LastExit: &c.exit})
		r.c.mu.Unlock()
		r.c.note.flush(2 * time.Second)
		if _, ok := r.notes.find(c.want); !ok {
			t.Errorf("a job that ended by itself as the owner quit was not told (%s): %+v", c.want, r.notes.all())
		}
	}
}
