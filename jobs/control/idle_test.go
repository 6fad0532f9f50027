package control

import (
	"math"
	"testing"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/store"
)

// A GPU that runs nothing still draws power, and so does its share of the
// host: each idle stretch is an earnings record of its own, closed when a
// workload takes the GPU. Before, only mining and renting were booked, and
// a day that mined an hour read as if the rig had cost only that hour.
func TestIdleGPUsBookTheirElectricity(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	time.Sleep(time.Second) // Idle: 20 snapshots, 5 saves
	r.configureMiner()
	if err := r.c.SetMode(Mine); err != nil {
		t.Fatal(err)
	}
	r.eventually("both GPUs mine", func(st Status) bool { return st.Miner.GPUs == 2 })
	minedFrom := time.Now()
	time.Sleep(500 * time.Millisecond)
	r.stop()

	recs, err := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	s := r.c.Settings()
	idle := map[string]int{}
	for _, e := range recs {
		if e.Kind != store.KindIdle {
			continue
		}
		idle[e.GPU]++
		secs := e.End.Sub(e.Start).Seconds()
		overheadJ := s.HostOverheadW / 2 * secs
		if e.EnergyJ <= 0 || e.Revenue != 0 || e.Currency != s.Currency {
			t.Errorf("idle record %+v", e)
		}
		if want := (e.EnergyJ + overheadJ) / 3.6e6 * s.ElectricityPerKWh; math.Abs(e.ElectricityCost-want) > want/50 {
			t.Errorf("idle record costs %v for %.0f J over %.2f s, want %v (GPU and half the host's %v W)",
				e.ElectricityCost, e.EnergyJ, secs, want, s.HostOverheadW)
		}
		if e.End.After(minedFrom) {
			t.Errorf("an idle record runs on while its GPU mines: %v–%v, mining from %v", e.Start, e.End, minedFrom)
		}
	}
	if len(idle) != 2 || idle[r.c.allUUIDs()[0]] != 1 {
		t.Errorf("idle records per GPU: %v, want one each", idle)
	}
}

// A GPU idle for more than a day books a record a day: the store looks
// back as far as its longest record in every query.
func TestIdleRecordsRunADayAtMost(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	t0 := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, h := range []int{0, 12, 24, 30} {
		r.c.observe(&hardware.Snapshot{Time: t0.Add(time.Duration(h) * time.Hour)})
	}
	r.c.mu.Lock()
	r.c.endIdle(r.c.slots[0])
	r.c.mu.Unlock()
	recs, err := r.store.Earnings(t0.Add(-time.Hour), t0.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || !recs[0].End.Equal(t0.Add(24*time.Hour)) || !recs[1].Start.Equal(recs[0].End) ||
		!recs[1].End.Equal(t0.Add(30*time.Hour)) {
		for _, e := range recs {
			t.Logf("%s %v–%v", e.Kind, e.Start, e.End)
		}
		t.Errorf("%d records for 30 idle hours, want one for the first 24 and one after", len(recs))
	}
}

// So does a miner that runs for more than a day.
func TestMiningRecordsRunADayAtMost(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	r.configureMiner()
	_ = r.c.SetMode(Mine)
	r.eventually("hashing", func(s Status) bool { return s.Miner.HashRate > 0 })
	now := time.Now()
	for _, h := range []int{12, 24, 30} { // as if it had mined for 30 hours
		r.c.observe(&hardware.Snapshot{Time: now.Add(time.Duration(h) * time.Hour)})
	}
	r.stop()
	recs, _ := r.store.Earnings(time.Time{}, now.Add(31*time.Hour))
	var ends []time.Time
	for _, e := range recs {
		if e.Kind == store.KindMining {
			ends = append(ends, e.End)
			if e.End.Sub(e.Start) > 24*time.Hour+time.Minute {
				t.Errorf("a mining record runs %v", e.End.Sub(e.Start))
			}
		}
	}
	if len(ends) < 2 {
		t.Errorf("mining records end at %v: want the day's record closed and a new one begun", ends)
	}
}

// A reading of the GPUs taken just before a miner started, and handled
// just after (the miner's start reached the loop first), is no clock
// stepped back: the miner's record goes on. It was closed at once, as at a
// step, and a new one begun at the reading, before the miner ran: the
// export had a record of no time and one that began before the miner did.
func TestAReadingFromBeforeAMinerStartedIsNoClockStep(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	t0 := time.Now()
	r.c.observe(&hardware.Snapshot{Time: t0})
	started := t0.Add(900 * time.Millisecond)
	w := &workload{id: "miner-gpu0", kind: mining, gpus: []int{0}, session: &session{start: started, last: started}}
	r.c.mu.Lock()
	r.c.work[w.id], r.c.slots[0].owner = w, w.id
	r.c.mu.Unlock()
	r.c.observe(&hardware.Snapshot{Time: started.Add(-5 * time.Millisecond)})
	recs, _ := r.store.Earnings(t0.Add(-time.Hour), t0.Add(time.Hour))
	for _, e := range recs {
		if e.Kind == store.KindMining {
			t.Errorf("mining record %v–%v", e.Start, e.End)
		}
	}
	if !w.session.start.Equal(started) {
		t.Errorf("the miner's record begins at %v, before it started at %v", w.session.start, started)
	}
	stepped := t0.Add(-time.Hour) // and a clock stepped back is one still
	r.c.observe(&hardware.Snapshot{Time: stepped})
	if !w.session.start.Equal(stepped) {
		t.Errorf("after the clock stepped back an hour the miner's record begins at %v, want %v", w.session.start, stepped)
	}
}

// A stretch closed in the tick it began (a workload took the GPU, or the
// records were closed for a price change) keeps the energy booked in it:
// it was dropped as a record with nothing in it.
func TestIdleStretchOfOneTickKeepsItsEnergy(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	now := time.Now()
	s := r.c.slots[0]
	s.idle = &idleSession{start: now, last: now, savedAt: now, energyJ: 250}
	r.c.mu.Lock()
	r.c.endIdle(s)
	r.c.mu.Unlock()
	recs, err := r.store.Earnings(now.Add(-time.Hour), now.Add(time.Hour))
	if err != nil || len(recs) != 1 || recs[0].EnergyJ != 250 {
		t.Errorf("records %+v, %v; want one holding the 250 J", recs, err)
	}
}

// NTP stepping the clock back an hour while a GPU idles: the record open
// then is closed at the step and a new one begins after it, so that each
// record ends after it starts by the wall clock the database keeps. Go's
// monotonic reading, which the store does not keep, went on forward: the
// open record was saved ending before it began (an export read it as a
// negative duration). The snapshots here carry wall times alone, as the
// database does; with them the hour after the step went unbooked.
func TestIdleRecordsSurviveTheClockSteppingBack(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	t0 := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, m := range []int{0, 30, -30, 0, 30, 60} { // stepped back an hour after 12:30
		r.c.observe(&hardware.Snapshot{Time: t0.Add(time.Duration(m) * time.Minute)})
	}
	r.c.mu.Lock()
	r.c.endIdle(r.c.slots[0])
	r.c.mu.Unlock()
	recs, err := r.store.Earnings(t0.Add(-2*time.Hour), t0.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var booked time.Duration
	for _, e := range recs {
		if e.End.Before(e.Start) {
			t.Errorf("an idle record ends before it starts: %v–%v", e.Start, e.End)
		}
		booked += e.End.Sub(e.Start)
	}
	if booked != 2*time.Hour {
		for _, e := range recs {
			t.Logf("%s %v–%v", e.Kind, e.Start, e.End)
		}
		t.Errorf("%v of idling booked, want the 2 hours the GPU idled: 30 minutes before the step and 90 after", booked)
	}
}

// A job that starts and ends between two readings of the GPU (one that
// fails at once, with RigShift reading every second) closes the GPU's idle
// record as it starts: the record went on across the run, and the ledger
// had the GPU idle and rented at the same time.
func TestARunBetweenTwoReadingsEndsTheIdleRecord(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	_, sendSample := feedRig(t, r)
	uuid := r.c.allUUIDs()[0]
	read := func() {
		sendSample(hardware.GPUSample{UUID: uuid, State: hardware.GPUOK, TempC: 40, Valid: hardware.MetricTemp})
	}
	read()
	read() // the GPU idles
	job := r.runningJob(trainerJob("Quick", 1, 5, 0))
	waitJobFinal(r, job.ID)
	read() // the next reading comes after the run
	run, recs := bookedAround(t, r, job.ID)
	if run.Start.IsZero() {
		t.Fatalf("no earnings record for the run: %+v", recs)
	}
	for _, e := range recs {
		if e.Kind == store.KindIdle && e.Start.Before(run.End) && run.Start.Before(e.End) {
			t.Errorf("the GPU idled %v–%v, across its run %v–%v", e.Start, e.End, run.Start, run.End)
		}
	}
}

// A reading taken while a job still ran, and handled after it ended (the
// loop was busy), opens no idle record: the GPU was not idle then. The
// record began at that reading, inside the job's run, and the ledger had
// the GPU idle and rented at once.
func TestAReadingFromBeforeAJobEndedOpensNoIdleRecord(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	_, sendSample := feedRig(t, r)
	uuid := r.c.allUUIDs()[0]
	read := func(at time.Time) {
		sendSample(hardware.GPUSample{UUID: uuid, Time: at, State: hardware.GPUOK, TempC: 40, Valid: hardware.MetricTemp})
	}
	job := r.runningJob(trainerJob("Quick", 1, 10, 0))
	taken := time.Now() // while it runs
	waitJobFinal(r, job.ID)
	read(taken)
	read(time.Now())
	run, recs := bookedAround(t, r, job.ID)
	for _, e := range recs {
		if e.Kind == store.KindIdle && e.Start.Before(run.End) {
			t.Errorf("the GPU idled from %v, before its run %v–%v ended", e.Start, run.Start, run.End)
		}
	}
}

// bookedAround ends GPU 0's idle record and returns the job's run record
// among all the records booked.
func bookedAround(t *testing.T, r *testRig, jobID string) (run store.EarningRecord, recs []store.EarningRecord) {
	t.Helper()
	r.c.mu.Lock()
	r.c.endIdle(r.c.slots[0])
	r.c.mu.Unlock()
	recs, err := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range recs {
		if e.JobID == jobID {
			run = e
		}
	}
	return run, recs
}
