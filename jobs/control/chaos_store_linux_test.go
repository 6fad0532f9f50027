package control

import (
	"errors"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/rigshift/rigshift/store"
)

// The chaos test's steps of the disk and of RigShift's own process: the
// database refusing writes and healing, and RigShift killed.

// storage fills the disk, turns it read-only or closes the database under
// RigShift; the next time, it heals: room again, or (the database closed)
// RigShift restarted. What the database had when it failed is checked
// to be there still.
func (ch *chaos) storage() {
	if ch.fault != "" {
		ch.heal()
		return
	}
	jobs, err := ch.r.store.ListJobs()
	if err != nil {
		ch.fatalf("reading the jobs before the disk fails: %v", err)
	}
	_, ch.refused = ch.r.store.WriteProblem()
	ch.kept = map[string]store.JobRecord{}
	for _, j := range jobs {
		ch.kept[j.ID] = j
	}
	switch ch.rng.IntN(3) {
	case 0:
		ch.fault = "full"
		ch.r.store.FailWrites(syscall.ENOSPC)
	case 1:
		ch.fault = "read-only"
		ch.r.store.FailWrites(syscall.EROFS)
	default:
		ch.fault = "closed"
		ch.r.c.mu.Lock() // as reopenStore's tests do: not in the middle of a save
		_ = ch.r.store.Close()
		ch.r.c.mu.Unlock()
	}
	ch.note("disk %s", ch.fault)
}

// heal ends the fault. A write refused meanwhile must have been told to
// the owner in words, on the dashboard and in a notice; what the database
// had before is still there; the rig goes on.
func (ch *chaos) heal() {
	ch.note("disk heals (was %s)", ch.fault)
	if _, err := ch.r.store.WriteProblem(); err != nil {
		ch.checkTold(err)
	}
	if ch.fault == "closed" {
		ch.restart() // the database is gone from under this RigShift: the owner starts it again
	} else {
		ch.r.store.FailWrites(nil)
		ch.fault = ""
	}
	ch.checkKept()
}

// checkTold checks that the refused writes (err) are on the dashboard and
// were shown as a notice, in the owner's words where the disk failed.
func (ch *chaos) checkTold(err error) {
	words := map[string]string{"full": "is full", "read-only": "became read-only"}[ch.fault]
	if words != "" && !strings.Contains(err.Error(), words) && (ch.refused == nil || err.Error() != ch.refused.Error()) {
		ch.fatalf("the disk is %s; the store says %q", ch.fault, err)
	}
	if st := ch.r.c.Status(); st.StorageProblem == "" {
		ch.fatalf("writes are refused (%v) and the status does not say so", err)
	}
	n, ok := ch.r.notes.find(NoticeStorage) // the next heartbeat's, at the latest
	if !ok {
		ch.fatalf("writes are refused (%v) and the owner was never told", err)
	}
	if words != "" && !strings.Contains(n.Body, words) {
		// The first notice may be of an earlier fault of this run, within the hour.
		ch.note("  storage notice of an earlier fault: %q", n.Body)
	}
}

// checkKept checks that every job the database had when it began to refuse
// writes is still there, an ended one as it ended, none earning less.
func (ch *chaos) checkKept() {
	if ch.kept == nil {
		return
	}
	st := ch.r.store
	for id, was := range ch.kept {
		now, err := st.GetJob(id)
		if err != nil {
			ch.fatalf("job %s, kept before the disk failed: %v", id, err)
		}
		if JobState(was.State).Final() && (now.State != was.State || now.Earned != was.Earned) {
			ch.fatalf("job %s ended %s earning %v before the disk failed; now %s earning %v", id, was.State, was.Earned, now.State, now.Earned)
		}
		if now.Earned < was.Earned-1e-9 {
			ch.fatalf("job %s earned %v before the disk failed, now %v", id, was.Earned, now.Earned)
		}
	}
	ch.kept = nil
}

// errKilled is what the database answers once RigShift is dead: nothing it
// does after that instant reaches the disk.
var errKilled = errors.New("RigShift was killed")

// kill kills RigShift and starts it again on the same data. From the kill
// on no write reaches the disk (the old controller is then stopped, as the
// kernel would end it, its stop's writes refused), so the next start finds
// what a kill -9 leaves: running jobs still marked running, billed to their
// last heartbeat. It must take them back honestly: none lost, none billed
// twice, the queue in its order.
func (ch *chaos) kill() {
	ch.note("kill")
	if ch.fault != "closed" {
		ch.r.store.FailWrites(errKilled)
		ch.fault = "killed"
	}
	ch.restartKilled()
}

// restartKilled stops the rig, whose stop the disk does not keep, and
// starts it again on what the disk has, checking how it took that back.
func (ch *chaos) restartKilled() {
	ch.stop()
	before, booked := ch.onDisk()
	ch.open()
	ch.checkAdopted(before, booked)
	ch.run()
}

// onDisk reads what the stopped RigShift left in its database: its jobs
// and the revenue of each earnings record. The books must add up already
// (but for the jobs that ran).
func (ch *chaos) onDisk() ([]store.JobRecord, map[uint64]float64) {
	st, err := store.Open(filepath.Join(ch.dir, store.FileName), store.Options{})
	if err != nil {
		ch.t.Fatal(err)
	}
	defer st.Close()
	ch.checkBooks(st, true)
	jobs, err := st.ListJobs()
	if err != nil {
		ch.t.Fatal(err)
	}
	recs, err := st.Earnings(time.Time{}, time.Now().Add(time.Hour))
	if err != nil {
		ch.t.Fatal(err)
	}
	booked := map[uint64]float64{}
	for _, r := range recs {
		booked[r.ID] = r.Revenue
	}
	return jobs, booked
}

// checkAdopted checks the restored controller, before it runs, against
// what the killed one left on disk.
func (ch *chaos) checkAdopted(before []store.JobRecord, booked map[uint64]float64) {
	c := ch.r.c
	c.mu.Lock()
	queue := slices.Clone(c.queue)
	views := map[string]Job{}
	for id, j := range c.jobs {
		views[id] = j.view
	}
	c.mu.Unlock()
	var wasQueued []store.JobRecord
	for _, was := range before {
		now, ok := views[was.ID]
		state := JobState(was.State)
		switch {
		case !ok:
			ch.fatalf("job %s (%s) is gone after the kill", was.ID, was.State)
		case math.Abs(now.Earned-was.Earned) > 1e-9:
			ch.fatalf("job %s (%s) earned %v on disk, %v after the kill", was.ID, was.State, was.Earned, now.Earned)
		case state.Final() && now.State != state:
			ch.fatalf("job %s ended %s, is %s after the kill", was.ID, was.State, now.State)
		case state == JobQueued && now.State != JobQueued:
			ch.fatalf("job %s was queued, is %s after the kill", was.ID, now.State)
		case state == JobQueued:
			wasQueued = append(wasQueued, was)
		case !state.Final():
			ch.checkCut(was, now)
		}
	}
	slices.SortStableFunc(wasQueued, func(a, b store.JobRecord) int { return a.Position - b.Position })
	at := -1
	for _, was := range wasQueued {
		i := slices.Index(queue, was.ID)
		if i < at {
			ch.fatalf("the queue was %v on disk, %v after the kill: out of order", ids(wasQueued), queue)
		}
		at = i
	}
	ch.checkBooks(ch.r.store, false)
	recs, err := ch.r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	if err != nil {
		ch.t.Fatal(err)
	}
	after := map[uint64]float64{}
	for _, r := range recs {
		after[r.ID] = r.Revenue
	}
	for id, rev := range booked {
		if got, ok := after[id]; !ok || got < rev-1e-9 {
			ch.fatalf("earnings record %d booked %v before the kill, %v (kept %v) after", id, rev, got, ok)
		}
	}
}

// checkCut checks how a job the kill cut short was taken back: ended as
// the owner or its longest run had asked, failed as its policy says, or
// queued again, with a reason in words.
func (ch *chaos) checkCut(was store.JobRecord, now Job) {
	want := JobQueued
	switch {
	case was.CancelAsked:
		want = JobCancelled
	case was.TimedOut:
		want = JobTimedOut
	case was.InterruptPolicy == string(FailJob):
		want = JobFailed
	}
	if now.State != want {
		ch.fatalf("job %s was %s (cancel %v, timed out %v, policy %q) when RigShift was killed; after: %s, want %s",
			was.ID, was.State, was.CancelAsked, was.TimedOut, was.InterruptPolicy, now.State, want)
	}
	if want != JobQueued && !strings.Contains(now.Reason, "RigShift stopped") {
		ch.fatalf("job %s ended %s after the kill with the reason %q", was.ID, now.State, now.Reason)
	}
}

func ids(recs []store.JobRecord) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.ID
	}
	return out
}

// comeAndGo has the owner sit down at the computer, or leave it an hour.
func (ch *chaos) comeAndGo() {
	idle := time.Duration(ch.rng.IntN(2)) * time.Hour
	ch.presence.set(idle, nil)
	ch.note("owner away for %s", idle)
}

// someHours are mining hours: all day, hours that hold now, or hours that
// do not.
func (ch *chaos) someHours() DailyHours {
	now := time.Now()
	m := now.Hour()*60 + now.Minute()
	switch ch.rng.IntN(3) {
	case 0:
		return DailyHours{}
	case 1:
		return DailyHours{From: (m + minutesPerDay - 60) % minutesPerDay, Until: (m + 60) % minutesPerDay}
	}
	return DailyHours{From: (m + 120) % minutesPerDay, Until: (m + 180) % minutesPerDay}
}
