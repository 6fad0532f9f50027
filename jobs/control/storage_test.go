package control

import (
	"errors"
	"math"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/store"
)

// A database that refuses writes (a full disk) refuses a switch to a mode
// that starts work, which a restart would not come back in; but Idle, which
// only stops, is never refused: the owner can always stop the rig.
func TestIdleIsNeverRefusedForWantOfTheDisk(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	r.configureMiner()
	_ = r.c.SetMode(Mine)
	r.eventually("mining", func(s Status) bool { return countWork(s, "mining") == 1 })
	_ = r.store.Close()
	if err := r.c.SetMode(Rent); err == nil {
		t.Error("Rent was switched to without being saved")
	}
	if err := r.c.SetMode(Idle); err != nil {
		t.Fatalf("Idle refused: %v", err)
	}
	r.eventually("the miner stopped", func(s Status) bool { return s.Mode == Idle && countWork(s, "mining") == 0 && !s.Switching })
}

// A job the owner cancelled while it ran is not run again when RigShift
// was killed before the job had stopped: the cancel is saved as it is
// asked, and the next start ends the job as cancelled, billed to its last
// heartbeat.
func TestACancelSurvivesACrash(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 1, dir).run()
	job := r.runningJob(trainerJob("Acme", 1, 100000, 0))
	if err := r.c.CancelJob(job.ID); err != nil {
		t.Fatal(err)
	}
	rec, err := r.store.GetJob(job.ID)
	if err != nil || !rec.CancelAsked {
		t.Fatalf("the cancel is not saved as it is asked: %+v, %v", rec, err)
	}
	again := restartAsKilled(t, r, dir, rec)
	got, err := again.c.Job(job.ID)
	if err != nil || got.State != JobCancelled || !strings.Contains(got.Reason, "cancelled by the owner") {
		t.Errorf("after the restart: %s, %q (%v)", got.State, got.Reason, err)
	}
	if st := again.c.Status(); st.Queued != 0 {
		t.Errorf("%d jobs queued after the restart, want none", st.Queued)
	}
}

// The cancel saved as it is asked carries the job's bill up to that
// moment: a RigShift killed before the job stopped bills it to the time
// the record says, not to the heartbeat before (here an hour earlier:
// the clock jumps an hour between the start and the cancel).
func TestACancelIsSavedWithItsBill(t *testing.T) {
	var later atomic.Int64
	r := newTestRigWith(t, 1, t.TempDir(), func(o *Options) {
		o.Heartbeat = time.Hour
		o.Clock = func() time.Time { return time.Now().Add(time.Duration(later.Load())) }
	}).run()
	job := r.runningJob(trainerJob("Acme", 1, 100000, 0))
	later.Store(int64(time.Hour))
	if err := r.c.CancelJob(job.ID); err != nil {
		t.Fatal(err)
	}
	rec, err := r.store.GetJob(job.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.RunningSeconds < 3600 {
		t.Errorf("saved on cancel at %s with %.0f s run: billed up to the cancel, it ran an hour",
			rec.LastHeartbeat.Format("15:04"), rec.RunningSeconds)
	}
}

// A job stopped for its longest run is not run again when RigShift was
// killed before the job had stopped: the next start ends it as timed out,
// as it would have ended, instead of running (and billing) it once more.
func TestATimeOutSurvivesACrash(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 1, dir).run()
	spec := trainerJob("Acme", 1, 100000, 0)
	spec.MaxRuntime = 300 * time.Millisecond
	job := r.runningJob(spec)
	r.eventually("timed out", func(Status) bool { return r.jobState(job.ID) == JobTimedOut })
	rec, err := r.store.GetJob(job.ID)
	if err != nil {
		t.Fatal(err)
	}
	again := restartAsKilled(t, r, dir, rec)
	if got, err := again.c.Job(job.ID); err != nil || got.State != JobTimedOut {
		t.Errorf("after the restart: %s, %q (%v)", got.State, got.Reason, err)
	}
	if st := again.c.Status(); st.Queued != 0 {
		t.Errorf("%d jobs queued after the restart, want none: it would run again", st.Queued)
	}
}

// restartAsKilled stops r and starts a new controller on its data, with
// rec as a RigShift killed during the job's stop leaves it: still running.
func restartAsKilled(t *testing.T, r *testRig, dir string, rec store.JobRecord) *testRig {
	t.Helper()
	r.stop()
	_ = r.store.Close()
	st, err := store.Open(filepath.Join(dir, "rigshift.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec.State, rec.EndedAt = string(JobRunning), time.Time{}
	if err := st.PutJob(rec); err != nil {
		t.Fatal(err)
	}
	_ = st.Close()
	return newTestRig(t, 1, dir)
}

// A job a crash cut short is told of at the next start only if the owner
// wants notices of its kind: the switches in Settings hold from the first
// notice, not from after the jobs are restored.
func TestACrashCutJobHonoursTheNoticeSwitch(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 1, dir).run()
	s := r.c.Settings()
	s.NoticesOff = []NoticeKind{NoticeJobFailed}
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	job := r.runningJob(trainerJob("Acme", 1, 100000, 0))
	rec, err := r.store.GetJob(job.ID)
	if err != nil {
		t.Fatal(err)
	}
	again := restartAsKilled(t, r, dir, rec)
	if got := again.jobState(job.ID); got != JobQueued {
		t.Fatalf("after the restart the job is %s, want queued", got)
	}
	time.Sleep(100 * time.Millisecond) // notices are shown off the caller's goroutine
	for _, n := range again.notes.all() {
		t.Errorf("shown although job notices are switched off: %q", n.Title)
	}
}

// reopenStore gives the controller its database in dir again, after a
// test closed it to make every write fail: the disk has room again.
func reopenStore(t *testing.T, r *testRig, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, "rigshift.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r.c.mu.Lock()
	r.c.store = st
	r.c.mu.Unlock()
	return st
}

// endJobWhileWritesFail runs a job that ends while the database refuses
// writes (a full disk), then gives the controller a database that takes
// them again for a few heartbeats, stops it, and returns that database,
// the job, and what the job earned.
func endJobWhileWritesFail(t *testing.T) (st *store.Store, job Job, earned float64) {
	t.Helper()
	dir := t.TempDir()
	r := newTestRig(t, 1, dir).run()
	job = r.runningJob(trainerJob("Acme", 1, 25, 0))
	r.c.mu.Lock()
	_ = r.store.Close() // every write fails from here on
	r.c.mu.Unlock()
	r.eventually("succeeded", func(Status) bool { return r.jobState(job.ID) == JobSucceeded })

	st = reopenStore(t, r, dir)
	r.c.mu.Lock()
	earned = r.c.jobs[job.ID].view.Earned
	r.c.mu.Unlock()
	time.Sleep(500 * time.Millisecond) // a few heartbeats
	r.stop()
	return st, job, earned
}

// A job that ends while the database refuses writes (a full disk) is saved
// once it can write again, as the storage notice promises: left in the
// database as running, the next start would run it, and bill it, once more.
func TestAJobThatEndsWhileWritesFailIsSavedLater(t *testing.T) {
	st, job, _ := endJobWhileWritesFail(t)
	rec, err := st.GetJob(job.ID)
	if err != nil || rec.State != string(JobSucceeded) {
		t.Errorf("saved as %q (%v), want succeeded: the next start would run it again", rec.State, err)
	}
	evs, err := st.JobEvents(job.ID)
	if err != nil || len(evs) == 0 || evs[len(evs)-1].State != string(JobSucceeded) {
		t.Errorf("the job's end is not in its events: %+v (%v)", evs, err)
	}
}

// What a job earned, when it ends while the database refuses writes, is
// booked once it can write again: its job record was saved later, but its
// earnings records were dropped, and the History's earnings per day never
// had that money.
func TestAJobsEarningsAreBookedOnceWritesWork(t *testing.T) {
	st, job, earned := endJobWhileWritesFail(t)
	recs, err := st.Earnings(time.Time{}, time.Now().Add(time.Hour))
	booked := 0.0
	for _, rec := range recs {
		if rec.JobID == job.ID {
			booked += rec.Revenue
		}
	}
	if err != nil || earned <= 0 || math.Abs(booked-earned) > 1e-9 {
		t.Errorf("booked %v of the %v the job earned (%v)", booked, earned, err)
	}
}

// An idle record closed at a day's end while the database refuses writes
// is written once it can: the next day's record takes over, and nothing
// else writes the closed one again, so its hours since the last save were
// dropped from the History's earnings per day.
func TestAnIdleDayClosedWhileWritesFailIsBookedLater(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 1, dir)
	t0 := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	r.c.observe(&hardware.Snapshot{Time: t0})
	r.c.observe(&hardware.Snapshot{Time: t0.Add(12 * time.Hour)}) // saved up to 12 h
	_ = r.store.Close()                                           // every write fails from here on
	r.c.observe(&hardware.Snapshot{Time: t0.Add(24 * time.Hour)}) // the day's record closes
	st := reopenStore(t, r, dir)
	r.c.mu.Lock()
	r.c.saveUnsaved() // a heartbeat's
	r.c.mu.Unlock()
	recs, err := st.Earnings(t0.Add(-time.Hour), t0.Add(48*time.Hour))
	if err != nil || len(recs) == 0 || !recs[0].End.Equal(t0.Add(24*time.Hour)) {
		for _, e := range recs {
			t.Logf("%s %v–%v", e.Kind, e.Start, e.End)
		}
		t.Errorf("the first day's idle record (%v): want it to end at %v", err, t0.Add(24*time.Hour))
	}
}

// So is a mining session's record closed at a day's end.
func TestAMiningDayClosedWhileWritesFailIsBookedLater(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 1, dir).run()
	r.configureMiner()
	_ = r.c.SetMode(Mine)
	r.eventually("hashing", func(s Status) bool { return s.Miner.HashRate > 0 })
	now := time.Now()
	r.c.observe(&hardware.Snapshot{Time: now.Add(12 * time.Hour)}) // saved up to 12 h
	r.c.mu.Lock()
	_ = r.store.Close() // every write fails from here on
	r.c.mu.Unlock()
	r.c.observe(&hardware.Snapshot{Time: now.Add(24 * time.Hour)}) // the day's record closes
	st := reopenStore(t, r, dir)
	r.c.mu.Lock()
	r.c.saveUnsaved() // a heartbeat's
	r.c.mu.Unlock()
	recs, err := st.Earnings(time.Time{}, now.Add(48*time.Hour))
	closed := false
	for _, e := range recs {
		closed = closed || e.Kind == store.KindMining && !e.End.Before(now.Add(24*time.Hour))
	}
	if err != nil || !closed {
		for _, e := range recs {
			t.Logf("%s %v–%v", e.Kind, e.Start, e.End)
		}
		t.Errorf("no mining record reaches the day's end at %v (%v)", now.Add(24*time.Hour), err)
	}
	r.stop()
}

// A queued job does not start while the database refuses writes (a full
// disk): its start would not be saved, and a restart before the disk had
// room again would find it queued and run it, and bill it, a second time.
// It starts once the database takes writes again.
func TestAJobWaitsForTheDiskToStart(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 1, dir).run()
	first := r.runningJob(trainerJob("Acme", 1, 100000, 0))
	second, err := r.c.AddJob(trainerJob("Bolt", 1, 100000, 0))
	if err != nil {
		t.Fatal(err)
	}
	r.c.mu.Lock()
	_ = r.store.Close() // every write fails from here on
	r.c.mu.Unlock()
	if err := r.c.CancelJob(first.ID); err != nil {
		t.Fatal(err)
	}
	r.eventually("the first job stopped", func(s Status) bool { return r.jobState(first.ID) == JobCancelled })
	time.Sleep(500 * time.Millisecond) // many plans: the GPU is free
	if got := r.jobState(second.ID); got != JobQueued {
		t.Fatalf("the second job is %s while nothing can be saved, want queued", got)
	}
	for _, j := range r.c.Jobs() {
		if j.ID == second.ID && !j.WaitsForStorage {
			t.Errorf("the queued job does not say it waits for the database: %+v", j)
		}
	}

	st := reopenStore(t, r, dir)
	r.eventually("the second job runs", func(s Status) bool { return len(s.Running) == 1 && s.Running[0].ID == second.ID })
	if rec, err := st.GetJob(second.ID); err != nil || rec.State == string(JobQueued) {
		t.Errorf("the running job is saved as %q (%v)", rec.State, err)
	}
	for _, j := range r.c.Jobs() {
		if j.WaitsForStorage {
			t.Errorf("%s still says it waits for the database, which takes writes again", j.ID)
		}
	}
}

// A job a crash cut short days ago (the rig lost power on Friday, RigShift
// came back on Monday) says the day it was billed up to, not a time alone
// that reads as today's.
func TestACrashCutJobSaysTheDayItWasBilledUpTo(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 1, dir).run()
	job := r.runningJob(trainerJob("Acme", 1, 100000, 0))
	rec, err := r.store.GetJob(job.ID)
	if err != nil {
		t.Fatal(err)
	}
	const ago = -3 * 24 * time.Hour
	rec.CreatedAt, rec.StartedAt, rec.RunFrom = rec.CreatedAt.Add(ago), rec.StartedAt.Add(ago), rec.RunFrom.Add(ago)
	rec.LastHeartbeat = rec.LastHeartbeat.Add(ago)
	again := restartAsKilled(t, r, dir, rec)
	events, err := again.store.JobEvents(job.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := "billed up to " + rec.LastHeartbeat.Local().Format("Mon 2 Jan 15:04:05")
	said := ""
	for _, e := range events {
		if strings.Contains(e.Message, "stopped while it ran") {
			said = e.Message
		}
	}
	if !strings.Contains(said, want) {
		t.Errorf("after the restart: %q, want it to say %q", said, want)
	}
}

// A job an older RigShift (before 3 Dec 2026) was running when it was
// killed has no start of its run on record. It first started two days
// before, ran an hour, went back to the queue (unbooked, as that RigShift
// left an interrupted run), and ran again until the crash. Its earnings
// record ends at its last heartbeat and spans no more than its billed
// time: from its first start it would put part of its earnings on the two
// days between, when it did not run.
func TestACrashCutJobOfAnOlderRigShiftIsBookedOverItsBilledTime(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	job := r.runningJob(trainerJob("Acme", 1, 100000, 0))
	rec, err := r.store.GetJob(job.ID)
	if err != nil {
		t.Fatal(err)
	}
	rec.RunFrom = time.Time{}
	rec.StartedAt = rec.StartedAt.Add(-48 * time.Hour)
	rec.RunningSeconds += 3600 // the first run's hour, on its one GPU
	rec.GPUHours++
	rec.Earned += rec.PricePerGPUHour
	dir := t.TempDir() // the older RigShift's, which booked nothing of the job
	st, err := store.Open(filepath.Join(dir, "rigshift.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutJob(rec); err != nil {
		t.Fatal(err)
	}
	_ = st.Close()
	again := newTestRig(t, 1, dir)
	recs, err := again.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	billed := time.Duration((rec.RunningSeconds + rec.PausedSeconds) * float64(time.Second))
	booked := 0.0
	for _, e := range recs {
		if e.JobID != job.ID {
			continue
		}
		booked += e.Revenue
		if !e.End.Equal(rec.LastHeartbeat) || e.End.Sub(e.Start) > billed+time.Second {
			t.Errorf("booked from %v to %v (%v), want up to %v before its last heartbeat %v",
				e.Start, e.End, e.End.Sub(e.Start), billed, rec.LastHeartbeat)
		}
	}
	if math.Abs(booked-rec.Earned) > 1e-9 {
		t.Errorf("booked %v, want what it earned: %v", booked, rec.Earned)
	}
}

// Idle switched to while the disk is full is saved once the disk has room
// again: it was only logged as unsaved, and a RigShift restarted days after
// the disk healed (a reboot) came back mining in the mode saved before,
// against the owner's Idle.
func TestIdleSwitchedToOnAFullDiskIsSavedLater(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 1, dir).run()
	r.configureMiner()
	if err := r.c.SetMode(Mine); err != nil {
		t.Fatal(err)
	}
	r.store.FailWrites(syscall.ENOSPC)
	if err := r.c.SetMode(Idle); err != nil {
		t.Fatalf("Idle refused: %v", err)
	}
	r.store.FailWrites(nil)
	time.Sleep(500 * time.Millisecond) // a few heartbeats
	r.stop()
	_ = r.store.Close()
	again := newTestRig(t, 1, dir)
	if got := again.c.Status().Mode; got != Idle {
		t.Errorf("after the restart the rig is in %s mode, want Idle, as the owner left it", got)
	}
}

// A job that ended while the disk was full is saved when RigShift quits
// once the disk has room again, not only at the next heartbeat: the owner
// who frees space and restarts RigShift at once found the job queued
// again, and it ran, and was billed, a second time.
func TestAJobThatEndedOnAFullDiskIsSavedOnQuit(t *testing.T) {
	dir := t.TempDir()
	r := newTestRigWith(t, 1, dir, func(o *Options) { o.Heartbeat = time.Hour }).run()
	job := r.runningJob(trainerJob("Acme", 1, 25, 0))
	r.store.FailWrites(syscall.ENOSPC)
	r.eventually("succeeded", func(Status) bool { return r.jobState(job.ID) == JobSucceeded })
	r.store.FailWrites(nil)
	r.stop()
	_ = r.store.Close()
	again := newTestRig(t, 1, dir)
	if got := again.jobState(job.ID); got != JobSucceeded {
		t.Errorf("after the restart the job is %s, want succeeded: it would run again", got)
	}
}

// A job's run booked while the disk is full, and its next booking (the
// job cancelled in the queue after an interrupted run) are one run's
// earnings, booked once: the second booking took what the job earned less
// what the disk held, which did not have the first yet, so once the disk
// had room the run was in the ledger twice, and the History's earnings
// per day had the client pay for it twice.
func TestARunBookedOnAFullDiskIsNotBookedAgain(t *testing.T) {
	dir := t.TempDir()
	r := newTestRigWith(t, 1, dir, func(o *Options) { o.Heartbeat = time.Hour }).run()
	job := r.runningJob(trainerJob("Acme", 1, 100000, 0))
	time.Sleep(200 * time.Millisecond) // it earns something
	r.store.FailWrites(syscall.ENOSPC)
	_ = r.c.SetMode(Idle) // interrupted: back in the queue
	r.eventually("requeued", func(Status) bool { return r.jobState(job.ID) == JobQueued })
	if err := r.c.CancelJob(job.ID); err != nil {
		t.Fatal(err)
	}
	r.store.FailWrites(nil)
	r.stop() // saves what was refused
	got, err := r.store.GetJob(job.ID)
	if err != nil || got.State != string(JobCancelled) {
		t.Fatalf("saved as %q (%v)", got.State, err)
	}
	recs, err := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	booked := 0.0
	for _, rec := range recs {
		if rec.JobID == job.ID {
			booked += rec.Revenue
		}
	}
	if err != nil || got.Earned <= 0 || math.Abs(booked-got.Earned) > 1e-9 {
		t.Errorf("the job earned %v; its records book %v (%v)", got.Earned, booked, err)
	}
}

// A save the disk refuses says so once: "saving the settings: saving
// settings: the disk … is full" read as a stutter.
func TestSettingsRefusedByTheDiskSaySoOnce(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	r.store.FailWrites(syscall.ENOSPC)
	defer r.store.FailWrites(nil)
	s := r.c.Settings()
	s.ElectricityPerKWh = 0.2
	err := r.c.SaveSettings(s)
	if err == nil || strings.Count(err.Error(), "settings") != 1 {
		t.Errorf("refused save: %v", err)
	}
}

// An idle record closed as the cheap hours begin, while the database
// refuses writes, is written once it can: the record after the change
// takes over, and nothing else writes the closed one again, so its time
// since its last save was dropped from the History's earnings.
func TestAnIdleRecordClosedByTheTariffWhileWritesFailIsBookedLater(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2026, 5, 1, 12, 0, 0, 0, time.Local)
	var clock atomic.Int64
	clock.Store(t0.UnixNano())
	r := newTestRigWith(t, 1, dir, func(o *Options) {
		o.Clock = func() time.Time { return time.Unix(0, clock.Load()) }
	})
	s := r.overheadCostsOneASecond()
	s.CheapHours, s.CheapPerKWh = DailyHours{From: 13 * 60, Until: 14 * 60}, 0.5
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	r.c.observe(&hardware.Snapshot{Time: t0})
	r.c.observe(&hardware.Snapshot{Time: t0.Add(30 * time.Minute)}) // saved up to 12:30
	_ = r.store.Close()                                             // every write fails from here on
	r.c.observe(&hardware.Snapshot{Time: t0.Add(59 * time.Minute)})
	at := t0.Add(61 * time.Minute)
	clock.Store(at.UnixNano())
	r.c.mu.Lock()
	r.c.followTariff(at) // the cheap hours begin: the record closes
	r.c.mu.Unlock()
	st := reopenStore(t, r, dir)
	r.c.mu.Lock()
	r.c.saveUnsaved() // a heartbeat's
	r.c.mu.Unlock()
	recs, err := st.Earnings(t0.Add(-time.Hour), t0.Add(48*time.Hour))
	if err != nil || len(recs) == 0 || !recs[0].End.Equal(t0.Add(59*time.Minute)) {
		for _, e := range recs {
			t.Logf("%s %v–%v", e.Kind, e.Start, e.End)
		}
		t.Errorf("the idle record before the cheap hours (%v): want it to end at %v", err, t0.Add(59*time.Minute))
	}
}

// A job added while the database refuses writes is refused in words, with
// what to do: the owner read "adding the job: RigShift cannot save it:
// saving job J-0001: the disk holding … is full", under the window's "The
// job was not added:", naming a number the refused job never got.
func TestAJobRefusedOnAFullDiskSaysWhyInWords(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	r.store.FailWrites(syscall.ENOSPC)
	_, err := r.c.AddJob(trainerJob("Acme", 1, 10, 0))
	want := "RigShift cannot save it: the disk holding " + r.store.Path() + " is full; add it again once RigShift can save its records"
	if err == nil || err.Error() != want {
		t.Errorf("AddJob: %v\nwant %s", err, want)
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Error("the system's error is lost")
	}
}

// A switch refused because it cannot be saved says so, and what to do:
// the owner read "Could not switch to Mine: switching to mine: saving
// mode "mine": the disk holding … is full", the switch named twice and not
// a word of the mode the rig stays in, or of Idle, which always works.
func TestASwitchRefusedOnAFullDiskSaysWhyInWords(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	r.store.FailWrites(syscall.ENOSPC)
	err := r.c.SetMode(Mine)
	full := "RigShift cannot save the switch: the disk holding " + r.store.Path() + " is full"
	if want := full + "; the rig stays in Idle mode until it can"; err == nil || err.Error() != want {
		t.Errorf("SetMode: %v\nwant %s", err, want)
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Error("the system's error is lost")
	}
	r.store.FailWrites(nil)
	r.configureMiner()
	if err := r.c.SetMode(Mine); err != nil {
		t.Fatal(err)
	}
	r.store.FailWrites(syscall.ENOSPC)
	err = r.c.SetMode(Auto)
	if want := full + "; the rig stays in Mine mode until it can (a switch to Idle always works)"; err == nil || err.Error() != want {
		t.Errorf("SetMode: %v\nwant %s", err, want)
	}
}

// Settings refused because they cannot be saved say so without the
// store's "saving settings:" after the window's "Not saved:", and say what
// becomes of them.
func TestSettingsRefusedOnAFullDiskSayWhyInWords(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	r.store.FailWrites(syscall.ENOSPC)
	s := r.c.Settings()
	s.Currency = "EUR"
	err := r.c.SaveSettings(s)
	want := "RigShift cannot save the settings: the disk holding " + r.store.Path() + " is full; they stay as they were until it can"
	if err == nil || err.Error() != want {
		t.Errorf("SaveSettings: %v\nwant %s", err, want)
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Error("the system's error is lost")
	}
}
