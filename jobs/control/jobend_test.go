package control

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/store"
)

// The "job finished" notification reads as a sentence: the client, how
// long, on how many GPUs (in words, singular or plural), what it earned,
// written as the window writes money ("$0.90", not the "0.90 USD" the
// notices said beside it).
func TestJobFinishedNoticeWording(t *testing.T) {
	c := &Controller{}
	for _, tc := range []struct {
		gpus []string
		want string
	}{
		{[]string{"GPU-a"}, "acme's job finished: 2 h 00 min on 1 GPU, 2.00 GPU-hours, earned $0.90."},
		{[]string{"GPU-a", "GPU-b"}, "acme's job finished: 2 h 00 min on 2 GPUs, 4.00 GPU-hours, earned $1.80."},
	} {
		n := float64(len(tc.gpus))
		j := &job{spec: JobSpec{Client: "acme"}, view: Job{ID: "J-0001", State: JobSucceeded, GPUs: tc.gpus,
			Running: 2 * time.Hour, GPUHours: 2 * n, Earned: 0.9 * n, Currency: "USD"}}
		got := c.jobNotice(j)
		if got.Kind != NoticeJobDone || got.Title != "Job J-0001 for acme finished" || got.Body != tc.want {
			t.Errorf("notice %q / %q, want %q", got.Title, got.Body, tc.want)
		}
		if strings.Contains(got.Body, "(s)") {
			t.Errorf("notice %q hedges its plural", got.Body)
		}
	}
	// A job of seconds: its GPU-hours under a hundredth are written as its
	// earnings under a cent are, not "0.00 GPU-hours, earned $0.002".
	j := &job{spec: JobSpec{Client: "acme"}, view: Job{ID: "J-0001", State: JobSucceeded, GPUs: []string{"GPU-a"},
		Running: 3 * time.Second, GPUHours: 3.0 / 3600, Earned: 0.002, Currency: "USD"}}
	if got, want := c.jobNotice(j).Body, "acme's job finished: 3 s on 1 GPU, 0.001 GPU-hours, earned $0.002."; got != want {
		t.Errorf("a short job's notice %q, want %q", got, want)
	}
}

// A failed job's notification says the failure once: "failed with code
// 3", not "failed: failed with code 3"; a reason that does not repeat the
// state follows it after a colon.
func TestJobFailedNoticeSaysItOnce(t *testing.T) {
	c := newTestRig(t, 1, t.TempDir()).c // a failed job's notice looks for its last output
	for _, tc := range []struct {
		state  JobState
		reason string
		want   string
	}{
		{JobFailed, "failed with code 3", "acme's job failed with code 3. 2 h 00 min on 1 GPU"},
		{JobFailed, "killed by signal SIGKILL", "acme's job failed: killed by signal SIGKILL. 2 h 00 min on 1 GPU"},
		{JobTimedOut, "ran past its longest run of 2 h", "acme's job timed out: ran past its longest run of 2 h. 2 h 00 min"},
	} {
		j := &job{spec: JobSpec{Client: "acme"}, view: Job{ID: "J-0001", State: tc.state, Reason: tc.reason, GPUs: []string{"GPU-a"},
			Running: 2 * time.Hour, GPUHours: 2, Earned: 0.9, Currency: "USD"}}
		if got := c.jobNotice(j); !strings.HasPrefix(got.Body, tc.want) {
			t.Errorf("notice %q, want it to begin %q", got.Body, tc.want)
		}
	}
}

// A job that ran, was interrupted and requeued, then cancelled while it
// waits keeps what its run billed, on every GPU it ran on, and the run
// reaches the earnings ledger.
func TestRequeuedJobKeepsItsBill(t *testing.T) {
	for _, named := range []bool{false, true} {
		r := newTestRig(t, 2, t.TempDir()).run()
		_ = r.c.SetMode(Rent)
		spec := trainerJob("Req", 2, 100000, 0)
		if named {
			spec.GPUCount, spec.GPUs = 0, r.c.allUUIDs()
		}
		job, err := r.c.AddJob(spec)
		if err != nil {
			t.Fatal(err)
		}
		r.eventually("running", func(s Status) bool { return len(s.Running) == 1 && s.Running[0].State == JobRunning })
		time.Sleep(300 * time.Millisecond)
		_ = r.c.SetMode(Idle) // interrupts: requeued at the front
		r.eventually("requeued", func(Status) bool { return r.jobState(job.ID) == JobQueued })
		before, _ := r.c.Job(job.ID)
		if err := r.c.CancelJob(job.ID); err != nil {
			t.Fatal(err)
		}
		after, _ := r.c.Job(job.ID)
		if before.GPUHours <= 0 || after.GPUHours != before.GPUHours || after.Earned != before.Earned {
			t.Errorf("named GPUs %v: %v GPU-h, %v earned before the cancel; %v, %v after",
				named, before.GPUHours, before.Earned, after.GPUHours, after.Earned)
		}
		if want := 2 * before.Running.Hours(); math.Abs(before.GPUHours-want) > want/100 {
			t.Errorf("named GPUs %v: %v GPU-hours for %v on 2 GPUs", named, before.GPUHours, before.Running)
		}
		recs, _ := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
		var booked float64
		for _, e := range recs {
			if e.JobID == job.ID {
				booked += e.Revenue
			}
		}
		if math.Abs(booked-after.Earned) > 1e-12 {
			t.Errorf("named GPUs %v: earned %v but the ledger booked %v", named, after.Earned, booked)
		}
		r.stop()
	}
}

// The owner's own cancel is a line in the event log, not a failed job: no
// problem counted, no desktop notification.
func TestCancelIsNotAProblem(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	job, _ := r.c.AddJob(trainerJob("acme", 1, 3, 0))
	if err := r.c.CancelJob(job.ID); err != nil {
		t.Fatal(err)
	}
	log := eventLog(t, r.store)
	if !strings.Contains(log, "job-cancelled") || strings.Contains(log, "job-failed") {
		t.Errorf("event log:\n%s", log)
	}
	if k := DescribeEvent(store.EventKindJobCanceled); k.Title != "Job cancelled" || k.Severity >= EventWarning {
		t.Errorf("the cancel reads %+v", k)
	}
	if n := r.notes.all(); len(n) != 0 {
		t.Errorf("notified: %+v", n)
	}
}

// The event log named a rental job three ways: "Job J-0001 for Acme
// started on GPU 0" (under the kind's "Job started"), then "Job J-0001
// finished" and "Job J-0002 failed" without the client. Each title now
// names the job and its client alike, and each body begins with the
// client's job.
func TestJobEventsNameTheJobAlike(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	_ = r.c.SetMode(Rent)
	good, _ := r.c.AddJob(trainerJob("Acme", 1, 3, 0))
	bad, _ := r.c.AddJob(trainerJob("Beta", 1, 3, 3))
	r.eventually("both ended", func(Status) bool { return r.jobState(good.ID).Final() && r.jobState(bad.ID).Final() })
	r.stop()
	events, err := r.store.Events(time.Time{}, time.Now().Add(time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]store.Event{}
	for _, e := range events {
		got[e.Kind+" "+e.JobID] = e
	}
	for _, want := range []struct{ key, title, body string }{
		{store.EventKindJobStarted + " " + good.ID, "Job " + good.ID + " for Acme started", "Acme's job started on GPU "},
		{NoticeJobDone.EventKind() + " " + good.ID, "Job " + good.ID + " for Acme finished", "Acme's job finished: "},
		{store.EventKindJobStarted + " " + bad.ID, "Job " + bad.ID + " for Beta started", "Beta's job started on GPU "},
		{NoticeJobFailed.EventKind() + " " + bad.ID, "Job " + bad.ID + " for Beta failed", "Beta's job failed with code 3. "},
	} {
		e, ok := got[want.key]
		if !ok || e.Title != want.title || !strings.HasPrefix(e.Message, want.body) {
			t.Errorf("%s: %q / %q, want %q / %q…", want.key, e.Title, e.Message, want.title, want.body)
		}
	}
}

// Every way a job ends is titled the same way: the job, its client, what
// became of it.
func TestJobEndTitles(t *testing.T) {
	c := newTestRig(t, 1, t.TempDir()).c
	for state, want := range map[JobState]string{
		JobSucceeded:   "Job J-0001 for acme finished",
		JobFailed:      "Job J-0001 for acme failed",
		JobTimedOut:    "Job J-0001 for acme timed out",
		JobCancelled:   "Job J-0001 for acme was cancelled",
		JobInterrupted: "Job J-0001 for acme was interrupted",
	} {
		j := &job{spec: JobSpec{Client: "acme"}, view: Job{ID: "J-0001", State: state, GPUs: []string{"GPU-a"}, Currency: "USD"}}
		if got := c.jobNotice(j).Title; got != want {
			t.Errorf("%s: %q, want %q", state, got, want)
		}
	}
}
