package control

import (
	"strings"
	"testing"
	"time"
)

// `rigshift job cancel` of a finished job answered "job J-0001 is already
// succeeded", and `job move` of one "is not in the queue" without saying
// why: both say the job has ended, and how.
func TestCancelOrMoveOfAnEndedJobSaysItEnded(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	job, err := r.c.AddJob(trainerJob("Acme", 1, 3, 0))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.c.CancelJob(job.ID); err != nil {
		t.Fatal(err)
	}
	want := "job " + job.ID + " has already ended (cancelled): there is nothing to cancel"
	if err := r.c.CancelJob(job.ID); err == nil || err.Error() != want {
		t.Errorf("cancel again: %v, want %q", err, want)
	}
	want = "job " + job.ID + " is not in the queue: it has ended (cancelled)"
	if err := r.c.MoveJob(job.ID, 0); err == nil || err.Error() != want {
		t.Errorf("move: %v, want %q", err, want)
	}
	if err := r.c.MoveJob("J-0099", 0); err == nil || err.Error() != "no such job: J-0099" {
		t.Errorf("move of no job: %v", err)
	}
}

// A job stopped at its longest run wrote "exit, stopped by user" at the
// end of its log, as if the owner had cancelled it: the log says it was
// its time limit.
func TestTimedOutJobsLogSaysTimeLimit(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	spec := trainerJob("Acme", 1, 100000, 0)
	spec.MaxRuntime = 300 * time.Millisecond
	job := r.runningJob(spec)
	r.eventually("timed out", func(Status) bool { return r.jobState(job.ID) == JobTimedOut })
	tail, err := r.c.JobLogs(job.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if log := strings.Join(tail, "\n"); strings.Contains(log, "stopped by user") || !strings.Contains(log, "the job's process was stopped at its time limit") {
		t.Errorf("the timed-out job's log:\n%s", log)
	}
}

// A client's name and a description are one line wherever they are shown:
// one pasted with a tab, or from a script's CRLF file or with a line
// break, grew its row in the window's job table and ran its second line
// over the next row (the card's job line and the notices too).
func TestJobNamesAreOneLine(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	spec := trainerJob("Acme\tLabs\r\n(EU)\x07", 1, 3, 0)
	spec.Description = "fine-tune\nllama  8B\x1b[0m\r"
	job, err := r.c.AddJob(spec)
	if err != nil {
		t.Fatal(err)
	}
	if job.Spec.Client != "Acme Labs (EU)" || job.Spec.Description != "fine-tune llama 8B[0m" {
		t.Errorf("kept as client %q, description %q", job.Spec.Client, job.Spec.Description)
	}
	spec.Client, spec.Description = "Acme\u202eSBAL", "" // "Acme LABS" written backwards by an override
	if job, err := r.c.AddJob(spec); err != nil || job.Spec.Client != "AcmeSBAL" {
		t.Errorf("a client with a right-to-left override kept as %q (%v)", job.Spec.Client, err)
	}
	spec.Client = "\r\n\t"
	if _, err := r.c.AddJob(spec); err == nil {
		t.Errorf("a client of a line break alone was taken")
	}
}
