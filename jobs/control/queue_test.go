package control

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/store"
)

// The queue's order survives a restart after jobs left it: the places of
// the jobs behind are committed when one starts or is cancelled.
func TestQueueOrderSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 1, dir)
	var ids []string
	for range 3 {
		j, err := r.c.AddJob(trainerJob("C", 1, 3, 0))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, j.ID)
	}
	_ = r.c.CancelJob(ids[0])
	_ = r.c.CancelJob(ids[1])
	j4, _ := r.c.AddJob(trainerJob("C", 1, 3, 0))
	_ = r.store.Close()
	again := newTestRig(t, 1, dir)
	if want := []string{ids[2], j4.ID}; !slices.Equal(again.c.queue, want) {
		t.Errorf("queue after a restart %v, want %v (first in, first out)", again.c.queue, want)
	}
}

// Jobs a crash cut short go back to the front of the queue in the order
// they were added, ahead of the jobs that never ran.
func TestRestoredInterruptedJobsKeepTheirTurn(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 2, dir)
	base := time.Now().Add(-time.Hour)
	for i, id := range []string{"J-0001", "J-0002", "J-0003", "J-0004"} {
		state, pos := "running", -1
		if i >= 2 {
			state, pos = "queued", i-2
		}
		rec := store.JobRecord{ID: id, Client: "C", Command: []string{"true"}, GPUCount: 1, State: state,
			Position: pos, CreatedAt: base.Add(time.Duration(i) * time.Minute), InterruptPolicy: "requeue",
			RanOn: []string{"x"}, RunningSeconds: 10}
		if state == "running" {
			rec.StartedAt = base.Add(time.Duration(i) * time.Minute)
		}
		if err := r.store.PutJob(rec); err != nil {
			t.Fatal(err)
		}
	}
	_ = r.store.Close()
	again := newTestRig(t, 2, dir)
	if want := []string{"J-0001", "J-0002", "J-0003", "J-0004"}; !slices.Equal(again.c.queue, want) {
		t.Errorf("queue after the crash %v, want %v", again.c.queue, want)
	}
	_ = again.store.Close()
	third := newTestRig(t, 2, dir) // and the requeued order was committed
	if want := []string{"J-0001", "J-0002", "J-0003", "J-0004"}; !slices.Equal(third.c.queue, want) {
		t.Errorf("queue after another restart %v, want %v", third.c.queue, want)
	}
}

// Leaving Rent with two jobs running requeues both ahead of the waiting
// job, in the order they were added, whichever stops first.
func TestInterruptedJobsKeepTheirTurn(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	_ = r.c.SetMode(Rent)
	a, _ := r.c.AddJob(trainerJob("A", 1, 100000, 0))
	b, _ := r.c.AddJob(trainerJob("B", 1, 100000, 0))
	waiting, _ := r.c.AddJob(trainerJob("W", 2, 10, 0))
	r.eventually("two running", func(s Status) bool { return len(s.Running) == 2 })
	_ = r.c.SetMode(Idle)
	r.eventually("both requeued", func(Status) bool {
		return r.jobState(a.ID) == JobQueued && r.jobState(b.ID) == JobQueued
	})
	r.c.mu.Lock()
	got := slices.Clone(r.c.queue)
	r.c.mu.Unlock()
	if want := []string{a.ID, b.ID, waiting.ID}; !slices.Equal(got, want) {
		t.Errorf("queue %v, want %v", got, want)
	}
}

// A job interrupted and run again from the start has its whole longest
// run again: the limit is per run, not cut by the run it lost.
func TestRequeuedRunGetsItsLongestRun(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	_ = r.c.SetMode(Rent)
	spec := trainerJob("Long", 1, 100000, 0)
	spec.MaxRuntime = 2 * time.Second
	job, _ := r.c.AddJob(spec)
	r.eventually("running", func(s Status) bool { return len(s.Running) == 1 && s.Running[0].State == JobRunning })
	time.Sleep(1500 * time.Millisecond)
	_ = r.c.SetMode(Idle)
	r.eventually("requeued", func(Status) bool { return r.jobState(job.ID) == JobQueued })
	_ = r.c.SetMode(Rent)
	r.eventually("running again", func(s Status) bool { return len(s.Running) == 1 && s.Running[0].State == JobRunning })
	restarted := time.Now()
	r.eventually("timed out", func(Status) bool { return r.jobState(job.ID) == JobTimedOut })
	if ran := time.Since(restarted); ran < 1500*time.Millisecond {
		t.Errorf("the second run was timed out after %v; its longest run is %v", ran, spec.MaxRuntime)
	}
}

// A GPU whose memory a stopped job's process group still holds is
// blocked by that group (it was "group 0", which no process is in, so the
// GPU was freed at the next heartbeat with the memory still held).
func TestBlockedGPURemembersTheGroup(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	r.c.procs.(*gpuProcesses).liveOnly = false // the "driver" keeps the dead leader's memory
	r.run()
	job := r.runningJob(trainerJob("Busy", 1, 100000, 0))
	r.c.mu.Lock()
	pid := r.c.work[job.ID].handle.Status().PID
	r.c.mu.Unlock()
	_ = r.c.CancelJob(job.ID)
	var pgid int
	r.eventually("blocked", func(Status) bool {
		r.c.mu.Lock()
		defer r.c.mu.Unlock()
		pgid = r.c.slots[0].blockedPGID
		return r.c.slots[0].blocked != ""
	})
	if pgid != pid {
		t.Errorf("GPU blocked by group %d, want the job's group %d", pgid, pid)
	}
	if !groupHolds([]int{pid}, pid) {
		t.Error("the group's exited leader, still listed by the driver, does not hold the GPU")
	}
}

// A job's share of the host overhead survives a restart: its electricity
// and what is booked for it are the same after (the share was not kept).
func TestHostOverheadSurvivesARestart(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 1, dir).run()
	r.overheadCostsOneASecond()
	job := r.runningJob(trainerJob("Over", 1, 100000, 0))
	time.Sleep(time.Second)
	r.stop()
	before, _ := r.c.Job(job.ID)
	_ = r.store.Close()
	again := newTestRig(t, 1, dir)
	after, _ := again.c.Job(job.ID)
	_ = again.c.CancelJob(job.ID)
	recs, _ := again.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	var booked float64
	for _, e := range recs {
		if e.JobID == job.ID {
			booked += e.ElectricityCost
		}
	}
	if before.Electricity < 0.5 || math.Abs(after.Electricity-before.Electricity) > before.Electricity/100 ||
		math.Abs(booked-before.Electricity) > before.Electricity/100 {
		t.Errorf("electricity %v before the restart, %v after, %v booked", before.Electricity, after.Electricity, booked)
	}
}

// A change of currency or kWh price while miners run closes their
// earnings records and goes on in new ones: what was mined before keeps
// its currency and price (it was rewritten in the new currency, at the
// new price). With rental jobs waiting or running, priced in the old
// currency, the currency cannot change.
func TestCurrencyChangeKeepsEarlierEarnings(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	r.configureMiner()
	_ = r.c.SetMode(Mine)
	r.eventually("hashing", func(s Status) bool { return s.Miner.HashRate > 0 })
	time.Sleep(time.Second)
	sum := func(cur string) (rev, elec float64) {
		recs, _ := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
		for _, e := range recs {
			if e.Kind == store.KindMining && e.Currency == cur {
				rev, elec = rev+e.Revenue, elec+e.ElectricityCost
			}
		}
		return rev, elec
	}
	s := r.c.Settings()
	s.Currency, s.ElectricityPerKWh = "EUR", s.ElectricityPerKWh*100
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	usdRev, usdElec := sum("USD")
	if usdRev <= 0 || usdElec <= 0 {
		t.Fatalf("nothing booked in USD: %v, %v", usdRev, usdElec)
	}
	time.Sleep(time.Second)
	if rev, elec := sum("USD"); rev != usdRev || elec != usdElec {
		t.Errorf("USD when the currency changed: %v, %v; a second later: %v, %v", usdRev, usdElec, rev, elec)
	}
	r.eventually("EUR booked", func(Status) bool { rev, _ := sum("EUR"); return rev > 0 })

	if _, err := r.c.AddJob(trainerJob("acme", 1, 3, 0)); err != nil {
		t.Fatal(err)
	}
	s.Currency = "GBP"
	if got := FieldErrors(r.c.SaveSettings(s))["currency"]; !strings.Contains(got, "1 rental job waiting or running, priced in EUR") {
		t.Errorf("currency changed under a queued job: %q", got)
	}
}

// A job that lost its GPU and finished on another is booked on both, each
// for its own run (all of it went to the last GPU).
func TestEarningsPerGPUOfEveryRun(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	_ = r.c.SetMode(Rent)
	job, _ := r.c.AddJob(trainerJob("Gamma", 1, 60, 0))
	st := r.eventually("job running", func(s Status) bool { return len(s.Running) == 1 && s.Running[0].State == JobRunning })
	first := st.Running[0].GPUs[0]
	time.Sleep(500 * time.Millisecond)
	i, _ := r.c.slotByUUID(first)
	_ = r.sim.Lose(i)
	end := waitJobFinal(r, job.ID)
	if end.State != JobSucceeded {
		t.Fatalf("job %s", end.State)
	}
	recs, _ := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	perGPU := map[string]float64{}
	var total float64
	for _, e := range recs {
		if e.JobID == job.ID {
			perGPU[e.GPU] += e.Revenue
			total += e.Revenue
		}
	}
	if len(perGPU) != 2 || perGPU[first] <= 0 || math.Abs(total-end.Earned) > 1e-12 {
		t.Errorf("booked %v (%v in all) for a job that earned %v, its first run on %s", perGPU, total, end.Earned, first)
	}
}

// A job's earnings records cover its runs, not its time waiting in the
// queue between them (the day totals spread money over hours nothing ran).
func TestEarningsRecordsSpanOnlyRunningTime(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	job := r.runningJob(trainerJob("Wait", 1, 25, 0))
	time.Sleep(200 * time.Millisecond)
	_ = r.c.SetMode(Idle)
	r.eventually("requeued", func(Status) bool { return r.jobState(job.ID) == JobQueued })
	time.Sleep(2 * time.Second)
	_ = r.c.SetMode(Rent)
	end := waitJobFinal(r, job.ID)
	recs, _ := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	var span time.Duration
	for _, e := range recs {
		if e.JobID == job.ID {
			span += e.End.Sub(e.Start)
		}
	}
	if span > end.Running+end.Paused+500*time.Millisecond {
		t.Errorf("records span %v for %v running and %v paused", span, end.Running, end.Paused)
	}
}

// A new kWh price prices what a running job uses from then on; what it
// used before keeps the old price (the whole run was priced at the price of
// its end, so a doubled price doubled the cost of hours already run).
func TestPriceChangeKeepsARunningJobsCostSoFar(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	job := r.runningJob(trainerJob("acme", 1, 200, 0))
	time.Sleep(500 * time.Millisecond)
	s := r.c.Settings()
	before, _ := r.c.Job(job.ID)
	s.ElectricityPerKWh *= 10
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	after, _ := r.c.Job(job.ID)
	if before.Electricity <= 0 || after.Electricity > before.Electricity*1.5 {
		t.Errorf("the job's electricity went from %v to %v at the price change", before.Electricity, after.Electricity)
	}
	time.Sleep(500 * time.Millisecond)
	later, _ := r.c.Job(job.ID)
	if later.Electricity <= after.Electricity*1.5 {
		t.Errorf("after the change the job's electricity grew from %v only to %v at ten times the price", after.Electricity, later.Electricity)
	}
	// What was priced survives a restart with the job's record.
	r.c.mu.Lock()
	j := r.c.jobs[job.ID]
	back := fromRecord(r.c.toRecord(j))
	r.c.mu.Unlock()
	if back.pricedJ != j.pricedJ || back.pricedCost != j.pricedCost || back.pricedJ <= 0 {
		t.Errorf("priced %v J for %v; from its record %v J for %v", j.pricedJ, j.pricedCost, back.pricedJ, back.pricedCost)
	}
}

// A lost GPU stays lost until a reboot. A job that needs it can then never
// run, and the queue is first in, first out: it held back every job behind
// it for good while the healthy GPU sat idle. It waits, says why, and lets
// the others pass; a new job that could not run is refused.
func TestLostGPUDoesNotStopTheQueue(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	big := r.jobOnBothGPUs()
	small, _ := r.c.AddJob(trainerJob("Small", 1, 20, 0))
	_ = r.sim.Lose(1)
	r.eventually("the small job runs on GPU 0 while the big one waits", func(Status) bool { return r.ranOrRuns(small.ID) })
	waiting, _ := r.c.Job(big.ID)
	if waiting.State != JobQueued || !strings.Contains(waiting.Blocked, "it needs 2 GPUs and 1 GPU of this rig's 2 still work") {
		t.Errorf("the big job: %s, %q", waiting.State, waiting.Blocked)
	}

	st := r.c.Status()
	named := trainerJob("Named", 0, 20, 0)
	named.GPUs = []string{st.GPUs[1].UUID}
	for _, spec := range []JobSpec{trainerJob("Too big", 2, 20, 0), named} {
		_, err := r.c.AddJob(spec)
		if msg := FieldErrors(err)["gpus"]; !strings.Contains(msg, "could not run until a reboot brings the GPU back") {
			t.Errorf("%s: AddJob = %v", spec.Client, err)
		}
	}
}

// A job that names a GPU which does not come back after the reboot (the
// lost card stays off the bus, or was pulled) is restored queued; the FIFO
// queue must not be held by it for good while the healthy GPU idles.
func TestRestoredJobNamingAnAbsentGPUDoesNotStopTheQueue(t *testing.T) {
	dir := t.TempDir()
	r1 := newTestRig(t, 2, dir).run()
	st := r1.c.Status()
	named := trainerJob("Named", 0, 20, 0)
	named.GPUs = []string{st.GPUs[1].UUID}
	a, err := r1.c.AddJob(named) // Idle mode: stays queued
	if err != nil {
		t.Fatal(err)
	}
	b, err := r1.c.AddJob(trainerJob("Any", 1, 20, 0))
	if err != nil {
		t.Fatal(err)
	}
	r1.stop()
	_ = r1.store.Close()

	// After the reboot only one GPU enumerates, and not the named one.
	r2 := newTestRig(t, 1, dir)
	if r2.c.Status().GPUs[0].UUID == named.GPUs[0] {
		t.Skip("sim reuses UUIDs by index differently")
	}
	r2.run()
	_ = r2.c.SetMode(Rent)
	ja, _ := r2.c.Job(a.ID)
	if ja.State != JobQueued || !strings.Contains(ja.Blocked, "which it names, is not on this rig") {
		t.Errorf("restored named job: %s, blocked %q", ja.State, ja.Blocked)
	}
	r2.eventually("the job behind it runs on the healthy GPU", func(Status) bool { return r2.ranOrRuns(b.ID) })
}

// The job right behind a blocked one is next to run: it said "Waiting: 1
// job ahead of it in the queue".
func TestJobBehindOnlyABlockedOneIsNext(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	big := r.jobOnBothGPUs()
	long, _ := r.c.AddJob(trainerJob("Long", 1, 100000, 0))
	_ = r.sim.Lose(1)
	r.eventually("long runs on GPU 0", func(Status) bool { return r.jobState(long.ID) == JobRunning })
	next, _ := r.c.AddJob(trainerJob("Next", 1, 20, 0))
	bj, _ := r.c.Job(big.ID)
	nj, _ := r.c.Job(next.ID)
	if bj.Blocked == "" {
		t.Fatalf("big not blocked: %+v", bj)
	}
	if nj.Ahead != 0 || nj.Position != 1 {
		t.Errorf("the job behind only a blocked one: %d ahead, position %d (big: blocked %q)", nj.Ahead, nj.Position, bj.Blocked)
	}
}

// No error splits into nothing: a caller checking a spec that is fine
// (the window's add-job form, off its goroutine) got a nil dereference.
func TestSplitErrorsOfNoError(t *testing.T) {
	fields, general := SplitErrors(nil)
	if len(fields) != 0 || len(general) != 0 {
		t.Errorf("SplitErrors(nil) = %v, %v", fields, general)
	}
}

// A RigShift from before 3 Dec 2026 took jobs priced in any currency,
// and in lower case. After an upgrade a job still waiting in another
// currency than the rig's does not run (its earnings could not be set
// against electricity paid in the rig's, nor summed with them) and says
// why, without holding back the jobs behind it; one in the rig's
// currency written in lower case is the rig's currency.
func TestRestoredJobInAnotherCurrencyWaitsAndSaysWhy(t *testing.T) {
	dir := t.TempDir()
	r1 := newTestRig(t, 1, dir)
	a, _ := r1.c.AddJob(trainerJob("Pounds", 1, 20, 0))
	b, _ := r1.c.AddJob(trainerJob("Lower", 1, 20, 0))
	for id, cur := range map[string]string{a.ID: "GBP", b.ID: "usd"} {
		rec, err := r1.store.GetJob(id)
		if err != nil {
			t.Fatal(err)
		}
		rec.Currency = cur
		if err := r1.store.PutJob(rec); err != nil {
			t.Fatal(err)
		}
	}
	_ = r1.store.Close()
	r2 := newTestRig(t, 1, dir).run()
	_ = r2.c.SetMode(Rent)
	r2.eventually("the job behind it runs", func(Status) bool { return r2.ranOrRuns(b.ID) })
	ja, _ := r2.c.Job(a.ID)
	if ja.State != JobQueued || !strings.Contains(ja.Blocked, "GBP") || !strings.Contains(ja.Blocked, "USD") {
		t.Errorf("the job priced in GBP: %s, blocked %q", ja.State, ja.Blocked)
	}
	if jb, _ := r2.c.Job(b.ID); jb.Currency != "USD" {
		t.Errorf("the job priced in usd is kept in %q, want USD", jb.Currency)
	}
}
