package control

import (
	"math"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rigshift/rigshift/store"
)

func bookedElectricity(t *testing.T, st *store.Store, id string) (cost float64, n int) {
	t.Helper()
	recs, err := st.Earnings(time.Time{}, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range recs {
		if e.JobID == id {
			cost += e.ElectricityCost
			n++
		}
	}
	return cost, n
}

// restartAndCancel starts RigShift again on dir, reads the job as it
// comes back, cancels it, and sums the electricity booked for it.
func restartAndCancel(t *testing.T, dir, id string) (after Job, booked float64, records int) {
	t.Helper()
	again := newTestRig(t, 1, dir)
	after, _ = again.c.Job(id)
	_ = again.c.CancelJob(id)
	booked, records = bookedElectricity(t, again.store, id)
	return after, booked, records
}

// A job that ended at one kWh price: its electricity (job view, CLI,
// Prometheus rigshift_jobs_electricity_cost) must stay what was booked for
// it when the price changes later.
func TestEndedJobKeepsItsElectricityAtLaterPrices(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	s := r.overheadCostsOneASecond()
	_ = r.c.SetMode(Rent)
	job, _ := r.c.AddJob(trainerJob("Ended", 1, 20, 0))
	end := waitJobFinal(r, job.ID)
	booked, _ := bookedElectricity(t, r.store, job.ID)
	s = r.c.Settings()
	s.ElectricityPerKWh *= 10
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	after, _ := r.c.Job(job.ID)
	t.Logf("ended job: electricity %v at its end, %v booked, %v after a later price change", end.Electricity, booked, after.Electricity)
	if math.Abs(after.Electricity-booked) > booked/100 {
		t.Errorf("an ended job's electricity went from %v (booked %v) to %v when the price changed after its end",
			end.Electricity, booked, after.Electricity)
	}
}

// A requeued job (its first run booked at the old price), a price change,
// then RigShift quits cleanly and starts again: what the first run used
// must keep the old price (the queued job's record was not saved after the
// change, and the restart priced its first run again at the new price).
func TestRequeuedJobKeepsItsPricedPartAcrossAQuit(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 1, dir).run()
	s := r.overheadCostsOneASecond()
	job := r.runningJob(trainerJob("Requeued", 1, 100000, 0))
	time.Sleep(time.Second)
	_ = r.c.SetMode(Idle)
	r.eventually("requeued", func(Status) bool { return r.jobState(job.ID) == JobQueued })
	s = r.c.Settings()
	s.ElectricityPerKWh *= 10
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	before, _ := r.c.Job(job.ID)
	booked, _ := bookedElectricity(t, r.store, job.ID)
	r.stop() // a clean quit
	_ = r.store.Close()

	after, total, n := restartAndCancel(t, dir, job.ID)
	t.Logf("first run booked %v; job electricity %v before the quit, %v after; booked after cancelling: %v in %d records",
		booked, before.Electricity, after.Electricity, total, n)
	if math.Abs(after.Electricity-before.Electricity) > before.Electricity/100 {
		t.Errorf("the queued job's electricity was %v before the quit and %v after", before.Electricity, after.Electricity)
	}
	if math.Abs(total-booked) > booked/100 {
		t.Errorf("cancelling the queued job booked %v more electricity for a run already booked at %v", total-booked, booked)
	}
}

// The same, with the price changed by `rigshift settings`
// while RigShift is stopped (the CLI writes the store directly).
func TestOfflinePriceChangeKeepsABookedRunsPrice(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 1, dir).run()
	s := r.overheadCostsOneASecond()
	job := r.runningJob(trainerJob("Offline", 1, 100000, 0))
	time.Sleep(time.Second)
	r.stop() // quit: the run is booked at 1/kWh and the job requeued
	before, _ := r.c.Job(job.ID)
	booked, _ := bookedElectricity(t, r.store, job.ID)
	s.ElectricityPerKWh = 10 // `rigshift settings electricity-per-kwh=10`, RigShift stopped
	if err := r.store.PutSettings(s); err != nil {
		t.Fatal(err)
	}
	_ = r.store.Close()
	after, total, n := restartAndCancel(t, dir, job.ID)
	t.Logf("state %s; booked %v at quit; electricity %v before, %v after restart; booked after cancel %v in %d records",
		before.State, booked, before.Electricity, after.Electricity, total, n)
	if math.Abs(total-booked) > booked/100 {
		t.Errorf("cancelling the queued job booked %v more electricity for a run already booked at %v", total-booked, booked)
	}
}

// Host overhead: with one GPU lost, the other idles; the rig still draws
// HostOverheadW, and the idle GPU books all of it (its share was half).
func TestLostGPUsOverheadShareGoesToTheOthers(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir())
	s := r.overheadCostsOneASecond()
	_ = r.sim.Lose(1)
	r.run()
	r.eventually("GPU 1 lost", func(st Status) bool { return st.GPUs[1].Lost })
	from := time.Now()
	time.Sleep(2 * time.Second)
	r.stop()
	secs := time.Since(from).Seconds()
	recs, _ := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	var overhead float64 // units of the host's overhead (minus the GPUs' own energy)
	for _, e := range recs {
		overhead += e.ElectricityCost - e.EnergyJ/3.6e6*1
	}
	t.Logf("host overhead booked %.2f over %.2f s (%.2f s of records), at 1 unit a second", overhead, secs, secs)
	if overhead < 0.9*secs {
		t.Errorf("host overhead booked %.2f over %.2f s: a lost GPU's share (%.0f W of %.0f W) is booked nowhere",
			overhead, secs, s.HostOverheadW/2, s.HostOverheadW)
	}
}

// Idle, mining, renting and idle again on 2 GPUs: per GPU no two records
// overlap, and the host overhead booked adds up to HostOverheadW × time.
func TestIdleMiningRentingRecordsDoNotOverlap(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir())
	s := r.overheadCostsOneASecond()
	r.run()
	from := time.Now()
	time.Sleep(time.Second)
	r.configureMiner()
	_ = r.c.SetMode(Mine)
	r.eventually("both GPUs mine", func(st Status) bool { return st.Miner.GPUs == 2 })
	time.Sleep(1500 * time.Millisecond)
	job := r.runningJob(trainerJob("Mixed", 1, 100000, 0))
	time.Sleep(1500 * time.Millisecond)
	s = r.c.Settings()
	s.ElectricityPerKWh = 1 // no change
	_ = r.c.SetMode(Idle)
	r.eventually("requeued", func(Status) bool { return r.jobState(job.ID) == JobQueued })
	time.Sleep(time.Second)
	r.stop()
	secs := time.Since(from).Seconds()
	recs, _ := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	var overhead float64
	per := map[string][]store.EarningRecord{}
	for _, e := range recs {
		overhead += e.ElectricityCost - e.EnergyJ/3.6e6
		per[e.GPU] = append(per[e.GPU], e)
	}
	for gpu, rs := range per {
		for i := range rs {
			for k := i + 1; k < len(rs); k++ {
				a, b := rs[i], rs[k]
				if a.Start.Before(b.End) && b.Start.Before(a.End) {
					t.Errorf("GPU %s: %s %v–%v overlaps %s %v–%v", gpu, a.Kind, a.Start.Format("05.000"), a.End.Format("05.000"),
						b.Kind, b.Start.Format("05.000"), b.End.Format("05.000"))
				}
			}
		}
		for _, e := range rs {
			t.Logf("GPU %s %-7s %s–%s cost %.3f energy %.0f", gpu[len(gpu)-4:], e.Kind, e.Start.Format("05.000"), e.End.Format("05.000"), e.ElectricityCost, e.EnergyJ)
		}
	}
	t.Logf("overhead booked %.2f over %.2f s", overhead, secs)
	if overhead < 0.9*secs || overhead > 1.05*secs {
		t.Errorf("overhead booked %.2f over %.2f s, at 1 unit a second", overhead, secs)
	}
}

// A job on two different cards books each card's energy as measured, and
// the host overhead in equal parts; the sums stay the job's. (Split evenly,
// an RTX 3090 and a 3080 read the same in the earnings export.)
func TestTwoGPUJobBooksEachCardsOwnEnergy(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	_ = r.c.SetMode(Rent)
	job, _ := r.c.AddJob(trainerJob("Pair", 2, 60, 0))
	end := waitJobFinal(r, job.ID)
	recs, err := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var mine []store.EarningRecord
	for _, e := range recs {
		if e.JobID == job.ID {
			mine = append(mine, e)
		}
	}
	if len(mine) != 2 {
		t.Fatalf("%d records for a two-GPU run", len(mine))
	}
	a, b := mine[0], mine[1]
	t.Logf("energy %.0f J and %.0f J, electricity %.6f and %.6f", a.EnergyJ, b.EnergyJ, a.ElectricityCost, b.ElectricityCost)
	if math.Abs(a.EnergyJ-b.EnergyJ) < 0.03*max(a.EnergyJ, b.EnergyJ) {
		t.Errorf("two different cards booked %.0f J and %.0f J: split evenly, not as measured", a.EnergyJ, b.EnergyJ)
	}
	if (a.EnergyJ > b.EnergyJ) != (a.ElectricityCost > b.ElectricityCost) || a.Revenue != b.Revenue {
		t.Errorf("the card that used more should cost more, both earn the same: %+v, %+v", a, b)
	}
	if sum := a.EnergyJ + b.EnergyJ; math.Abs(sum-end.EnergyJ) > 1e-6*sum {
		t.Errorf("records hold %.3f J, the job %.3f J", sum, end.EnergyJ)
	}
	if sum := a.ElectricityCost + b.ElectricityCost; math.Abs(sum-end.Electricity) > 1e-9+1e-6*sum {
		t.Errorf("records cost %.9f, the job %.9f", sum, end.Electricity)
	}
}

func TestPriceAtFollowsTheCheapHours(t *testing.T) {
	s := DefaultSettings()
	s.ElectricityPerKWh, s.CheapPerKWh = 0.30, 0.12
	at := onDecember3
	if p := s.PriceAt(at("23:00")); p != 0.30 {
		t.Errorf("no cheap hours set: %v", p)
	}
	s.CheapHours, _ = ParseDailyHours("22:00-07:00")
	for hhmm, want := range map[string]float64{"21:59": 0.30, "22:00": 0.12, "03:00": 0.12, "06:59": 0.12, "07:00": 0.30, "12:00": 0.30} {
		if p := s.PriceAt(at(hhmm)); p != want {
			t.Errorf("at %s: %v, want %v", hhmm, p, want)
		}
	}
}

// When the cheap hours end, what was used in them keeps their price and
// what comes after costs the normal one: the idle record is closed at the
// change, as for a price changed in Settings, and the money line follows.
func TestCheapHoursEndCloseTheRecords(t *testing.T) {
	var later atomic.Int64 // how far the test moved the clock ahead
	r := newTestRigWith(t, 1, t.TempDir(), func(o *Options) {
		o.Clock = func() time.Time { return time.Now().Add(time.Duration(later.Load())) }
	}).run()
	s := r.overheadCostsOneASecond()
	s.CheapHours, s.CheapPerKWh = hoursAround(true), 0
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	if st := r.c.Status(); st.Rates.PowerCostPerHour != 0 || !st.Rates.OffPeak {
		t.Errorf("the money line in free hours: %v/h, off-peak %v", st.Rates.PowerCostPerHour, st.Rates.OffPeak)
	}
	time.Sleep(500 * time.Millisecond)
	later.Store(int64(3 * time.Hour)) // past the cheap hours' end
	r.eventually("the normal price", func(st Status) bool { return st.Rates.PowerCostPerHour > 3000 && !st.Rates.OffPeak })
	switched := time.Now()
	time.Sleep(500 * time.Millisecond)
	r.stop()
	if got := r.eventsOf(store.EventKindTariff); len(got) != 1 || !strings.HasPrefix(got[0], "Off-peak hours over: 1 USD/kWh until ") {
		t.Errorf("tariff events %q", got)
	}

	recs, err := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var free, paid float64 // seconds of idle records without and with a cost
	var cost float64
	for _, e := range recs {
		if e.Kind != store.KindIdle {
			continue
		}
		span := e.End.Sub(e.Start).Seconds()
		if e.ElectricityCost < 1e-9 {
			free += span
		} else {
			paid += span
			cost += e.ElectricityCost
		}
	}
	t.Logf("free %.2f s, paid %.2f s costing %.3f (switched %.2f s before the end)", free, paid, cost, time.Since(switched).Seconds())
	if free < 0.3 || paid < 0.3 {
		t.Errorf("idle records: %.2f s free, %.2f s paid; want both", free, paid)
	}
	if math.Abs(cost-paid) > 0.25*paid+0.2 { // one unit a second at the normal price
		t.Errorf("%.2f s at the normal price cost %.3f", paid, cost)
	}
}

// jobRecords is the job's earnings records, however far the test moved
// the clock ahead.
func jobRecords(t *testing.T, st *store.Store, id string) []store.EarningRecord {
	t.Helper()
	recs, err := st.Earnings(time.Time{}, time.Now().Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var mine []store.EarningRecord
	for _, e := range recs {
		if e.JobID == id {
			mine = append(mine, e)
		}
	}
	return mine
}

// A two-GPU job that began at the normal price and ended in free hours:
// each card's record must still cost what that card used (at the price of
// its time), not an even split. The run's cost less its energy at the
// price of its end was taken for host overhead and split evenly: with the
// free hours at the end, all of it, and an RTX 3090 read as a 3080.
func TestTwoGPUJobAcrossATariffChangeCostsEachCardsOwnEnergy(t *testing.T) {
	var later atomic.Int64
	r := newTestRigWith(t, 2, t.TempDir(), func(o *Options) {
		o.Clock = func() time.Time { return time.Now().Add(time.Duration(later.Load())) }
	}).run()
	s := r.c.Settings()
	s.HostOverheadW, s.ElectricityPerKWh = 0, 3.6e6     // the cards alone, at a unit a joule
	s.CheapHours, s.CheapPerKWh = hoursAround(false), 0 // free hours from two hours on
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	big := r.jobOnBothGPUs()
	time.Sleep(1500 * time.Millisecond)
	later.Store(int64(150 * time.Minute)) // into the free hours
	r.eventually("the free hours", func(st Status) bool { return st.Rates.PowerCostPerHour == 0 })
	time.Sleep(500 * time.Millisecond)
	_ = r.c.CancelJob(big.ID)
	end := waitJobFinal(r, big.ID)
	mine := jobRecords(t, r.store, big.ID)
	if len(mine) != 2 {
		t.Fatalf("%d records for a two-GPU run", len(mine))
	}
	a, b := mine[0], mine[1]
	t.Logf("energy %.0f J and %.0f J, electricity %.1f and %.1f (job %.1f)", a.EnergyJ, b.EnergyJ, a.ElectricityCost, b.ElectricityCost, end.Electricity)
	energyGap := (a.EnergyJ - b.EnergyJ) / max(a.EnergyJ, b.EnergyJ)
	costGap := (a.ElectricityCost - b.ElectricityCost) / max(a.ElectricityCost, b.ElectricityCost)
	if math.Abs(energyGap) < 0.03 {
		t.Skipf("the two cards drew alike (%.0f J and %.0f J)", a.EnergyJ, b.EnergyJ)
	}
	if costGap*energyGap <= 0 || math.Abs(costGap) < math.Abs(energyGap)/2 {
		t.Errorf("cards that used %.0f J and %.0f J cost %.1f and %.1f: split evenly, not as measured",
			a.EnergyJ, b.EnergyJ, a.ElectricityCost, b.ElectricityCost)
	}
	if sum := a.ElectricityCost + b.ElectricityCost; math.Abs(sum-end.Electricity) > 1e-6*sum {
		t.Errorf("records cost %.3f, the job %.3f", sum, end.Electricity)
	}
}

// A job that holds a lost GPU while it stops (its process slow to die)
// pays the host overhead of its GPUs that still work, not a share for the
// lost one too: the overhead booked stays the host's, one unit a second.
func TestJobStoppingOnALostGPUPaysNoShareForIt(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	r.overheadCostsOneASecond()
	_ = r.c.SetMode(Rent)
	from := time.Now()
	job, err := r.c.AddJob(JobSpec{Client: "Stubborn", GPUCount: 2, PricePerGPUHour: 0.4, OnInterrupt: FailJob,
		Command: []string{"/bin/sh", "-c", "trap '' TERM; sleep 60 & wait; sleep 60"}})
	if err != nil {
		t.Fatal(err)
	}
	r.eventually("running", func(Status) bool { return r.jobState(job.ID) == JobRunning })
	_ = r.sim.Lose(1)
	waitJobFinal(r, job.ID) // the stop waits out the grace period, 3 s
	r.stop()
	secs := time.Since(from).Seconds()
	recs, _ := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	var overhead float64
	for _, e := range recs {
		overhead += e.ElectricityCost - e.EnergyJ/3.6e6
	}
	t.Logf("host overhead booked %.2f over %.2f s", overhead, secs)
	if overhead > 1.1*secs+0.2 {
		t.Errorf("host overhead booked %.2f over %.2f s: the stopping job paid a share for its lost GPU", overhead, secs)
	}
}

// A miner on a lost GPU, slow to die, pays no host-overhead share for it
// while it stops either: the GPUs still working pay all of it already.
func TestMinerStoppingOnALostGPUPaysNoShareForIt(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	s := r.overheadCostsOneASecond()
	s.Miner = fakeMinerPreset()
	s.Miner.Executable, s.Miner.Args = "/bin/sh", []string{"-c", "trap '' TERM; sleep 60 & wait; sleep 60"}
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	from := time.Now()
	_ = r.c.SetMode(Mine)
	r.eventually("both GPUs mine", func(s Status) bool { return countWork(s, "mining") == 2 && !s.Switching })
	_ = r.sim.Lose(1)
	r.eventually("the lost GPU's miner stopped", func(Status) bool { // the stop waits out the grace period, 3 s
		r.c.mu.Lock()
		defer r.c.mu.Unlock()
		return r.c.slots[1].owner == ""
	})
	secs := time.Since(from).Seconds() // the records end here: no snapshot books past the stop below
	r.stop()
	recs, _ := r.store.Earnings(time.Time{}, time.Now().Add(time.Hour))
	var overhead float64
	for _, e := range recs {
		overhead += e.ElectricityCost - e.EnergyJ/3.6e6
	}
	t.Logf("host overhead booked %.2f over %.2f s", overhead, secs)
	if overhead > 1.1*secs+0.2 {
		t.Errorf("host overhead booked %.2f over %.2f s: the stopping miner paid a share for its lost GPU", overhead, secs)
	}
}

// A run that cost nothing, after runs that did, books no electricity
// below zero: what it cost is the job's total less what the runs before
// booked, a difference that rounding can leave a hair under zero, and the
// earnings export wrote -0.0000000000000000000004 for it.
func TestARunThatCostNothingBooksNoNegativeElectricity(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	uuid := r.c.allUUIDs()[0]
	t0 := time.Now().Add(-time.Hour)
	for i, cost := range []float64{0.1, 0.2} { // 0.1 + 0.2 is a hair over 0.3
		rec := store.EarningRecord{Kind: store.KindRental, JobID: "J-0001", GPU: uuid, Currency: "USD",
			Start: t0.Add(time.Duration(i) * time.Minute), End: t0.Add(time.Duration(i)*time.Minute + time.Second),
			Revenue: 0.25, ElectricityCost: cost}
		if _, err := r.store.PutEarning(rec); err != nil {
			t.Fatal(err)
		}
	}
	j := &job{spec: JobSpec{PricePerGPUHour: 1}, pricedCost: 0.3, runFrom: t0.Add(30 * time.Minute),
		view: Job{ID: "J-0001", GPUs: []string{uuid}, Created: t0, Earned: 1, Currency: "USD"}}
	r.c.mu.Lock()
	r.c.bookRun(j, t0.Add(31*time.Minute))
	r.c.mu.Unlock()
	recs, _ := r.store.Earnings(t0.Add(-time.Hour), time.Now())
	if len(recs) != 3 {
		t.Fatalf("records %+v, want the third run's", recs)
	}
	for _, e := range recs {
		if e.ElectricityCost < 0 || e.EnergyJ < 0 || e.Revenue < 0 {
			t.Errorf("record %+v", e)
		}
	}
}
