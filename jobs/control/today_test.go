package control

import (
	"math"
	"testing"
	"time"

	"github.com/rigshift/rigshift/store"
)

// atNoon is a clock that reads the last noon that has passed, running: a
// test of today's total cannot straddle midnight. It never runs ahead of
// the real clock, which the supervisor's exit times come from.
func atNoon() func() time.Time {
	now := time.Now()
	noon := store.DayStart(now).Add(12 * time.Hour)
	if noon.After(now) {
		noon = noon.AddDate(0, 0, -1)
	}
	shift := noon.Sub(now)
	return func() time.Time { return time.Now().Add(shift) }
}

// Today's total counts a running job's earnings before its run is booked,
// and the same once it is: no jump and no double count at its end.
func TestTodayCountsARunningJobThenItsBooking(t *testing.T) {
	r := newTestRigWith(t, 2, t.TempDir(), func(o *Options) { o.Clock = atNoon() }).run()
	job := r.runningJob(trainerJob("Acme", 1, 100000, 0))
	// Its earnings count from its first instant, its electricity from the
	// first reading of its GPU's energy.
	st := r.eventually("today counts the running job", func(s Status) bool { return s.Today.Rent > 0 && s.Today.Electricity > 0 })
	if st.Today.Currency != "USD" {
		t.Errorf("today while the job runs: %+v", st.Today)
	}
	if err := r.c.CancelJob(job.ID); err != nil {
		t.Fatal(err)
	}
	r.eventually("the job cancelled", func(Status) bool { return r.jobState(job.ID) == JobCancelled })
	ended, _ := r.c.Job(job.ID)
	st = r.eventually("today counts the booked run, once", func(s Status) bool {
		return math.Abs(s.Today.Rent-ended.Earned) < 1e-12
	})
	if st.Today.Electricity < ended.Electricity {
		t.Errorf("today's electricity %v is less than the job's own %v", st.Today.Electricity, ended.Electricity)
	}
}

// Today's renting agrees with the running job's earnings in the same
// status, between heartbeats too, and with the job's bill as soon as it
// ends: `rigshift status` printed "J-0001 … 0.002 USD" over "today:
// renting 0.001 USD", today as of the last heartbeat, up to 5 s behind
// (3 cents on a 20 $/h job), and dropped the job's last seconds until the
// next one.
func TestTodayAgreesWithTheRunningJobBetweenHeartbeats(t *testing.T) {
	r := newTestRigWith(t, 1, t.TempDir(), func(o *Options) {
		o.Clock = atNoon()
		o.Heartbeat = time.Hour // none during the test: today is totalled at start only
	}).run()
	spec := trainerJob("Acme", 1, 100000, 0)
	spec.PricePerGPUHour = 3600 // a unit a second
	job := r.runningJob(spec)
	time.Sleep(300 * time.Millisecond)
	st := r.c.Status()
	if len(st.Running) != 1 || st.Running[0].Earned < 0.2 {
		t.Fatalf("the job has not earned yet: %+v", st.Running)
	}
	if earned := st.Running[0].Earned; math.Abs(st.Today.Rent-earned) > 1e-9 {
		t.Errorf("today's renting %v, the running job (the day's only one) %v", st.Today.Rent, earned)
	}
	if err := r.c.CancelJob(job.ID); err != nil {
		t.Fatal(err)
	}
	r.eventually("the job cancelled", func(Status) bool { return r.jobState(job.ID) == JobCancelled })
	ended, _ := r.c.Job(job.ID)
	if got := r.c.Status().Today.Rent; math.Abs(got-ended.Earned) > 1e-9 {
		t.Errorf("today's renting %v once the job ended, its bill %v", got, ended.Earned)
	}
}

// The status carries what each running job has earned and cost and not
// booked, over its run so far, for the history's days: they showed no
// renting at all while a job ran, however long, beside the Today row's.
func TestStatusCarriesWhatRunningJobsHaveNotBooked(t *testing.T) {
	r := newTestRigWith(t, 1, t.TempDir(), func(o *Options) { o.Clock = atNoon() }).run()
	spec := trainerJob("Acme", 1, 100000, 0)
	spec.PricePerGPUHour = 3600
	job := r.runningJob(spec)
	st := r.eventually("the job used some electricity", func(s Status) bool {
		return len(s.Running) == 1 && s.Running[0].Electricity > 0
	})
	if len(st.Accruing) != 1 {
		t.Fatalf("accruing %+v, want the running job's run", st.Accruing)
	}
	a, j := st.Accruing[0], st.Running[0]
	if a.Kind != store.KindRental || a.JobID != job.ID || a.Currency != "USD" || a.Start.Before(j.Started) || !a.End.After(a.Start) {
		t.Errorf("accruing %+v for the job started at %v", a, j.Started)
	}
	if math.Abs(a.Revenue-j.Earned) > 1e-9 || math.Abs(a.ElectricityCost-j.Electricity) > 1e-9 {
		t.Errorf("accruing %v earned, %v electricity; the job %v and %v", a.Revenue, a.ElectricityCost, j.Earned, j.Electricity)
	}
	if err := r.c.CancelJob(job.ID); err != nil {
		t.Fatal(err)
	}
	r.eventually("the job booked", func(s Status) bool { return r.jobState(job.ID) == JobCancelled && len(s.Accruing) == 0 })
}

// A run that began before midnight counts today only for its time since.
func TestTodayCountsAnOvernightRunByItsShare(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	day := store.DayStart(time.Now())
	now := day.Add(time.Hour)
	j := &job{runFrom: now.Add(-2 * time.Hour), booked: &bookedSoFar{},
		view: Job{ID: "J-0001", Currency: "USD", Earned: 10}}
	var today Today
	addRunToday(&today, r.c.unbookedRun(j, now), day)
	if math.Abs(today.Rent-5) > 1e-9 {
		t.Errorf("a two-hour run, one hour of it today, earned 10: today %v, want 5", today.Rent)
	}
	j.booked.sum.Revenue = 4 // an earlier run's, booked already
	today = Today{}
	addRunToday(&today, r.c.unbookedRun(j, now), day)
	if math.Abs(today.Rent-3) > 1e-9 {
		t.Errorf("with 4 of the 10 booked before: today %v, want 3", today.Rent)
	}
}

// A store that cannot answer after midnight leaves today unknown, not
// yesterday's total shown as today's.
func TestTodayUnreadAfterMidnightIsNotYesterdays(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	noon := store.DayStart(time.Now()).Add(-12 * time.Hour) // yesterday's
	if _, err := r.store.PutEarning(store.EarningRecord{Kind: store.KindIdle, GPU: "GPU-1", Start: noon.Add(-time.Hour),
		End: noon, ElectricityCost: 1.5, Currency: "USD"}); err != nil {
		t.Fatal(err)
	}
	r.c.mu.Lock()
	defer r.c.mu.Unlock()
	r.c.followToday(noon)
	if r.c.todayBooked.Electricity != 1.5 {
		t.Fatalf("yesterday at noon: %+v", r.c.todayBooked)
	}
	_ = r.store.Close()
	r.c.followToday(noon.Add(24 * time.Hour))
	if r.c.todayBooked != (Today{}) {
		t.Errorf("today unread: %+v, want it unknown", r.c.todayBooked)
	}
	// Unknown, it is today's all the same: each status (the window asks
	// every 2 s) would read the store again and log the failure, where
	// the heartbeat tries once in 5 s.
	if day := store.DayStart(noon.Add(24 * time.Hour)); !r.c.todayOf.Equal(day) {
		t.Errorf("today unread is of %v, want %v: every status tries again", r.c.todayOf, day)
	}
}

// The money line's electricity is what the ledger books: with no GPU left
// working (every card lost, or none found), the host overhead is booked to
// nobody, so the line does not charge it either and Today agrees with Now.
func TestNoWorkingGPUChargesNoOverhead(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	if st := r.c.Status(); st.Rates.PowerW < r.c.Settings().HostOverheadW {
		t.Fatalf("a working rig's line leaves out the host overhead: %+v", st.Rates)
	}
	_ = r.sim.Lose(0)
	r.eventually("the GPU lost and nothing charged", func(s Status) bool {
		return s.GPUs[0].Lost && s.Rates.PowerW == 0 && s.Rates.PowerCostPerHour == 0
	})
}

// A new currency's status says today in it at once: until the next
// heartbeat (5 s) `rigshift status` and the dashboard's Today row went on
// with the old currency's totals under a money line already in the new one
// ("now: … EUR/h" over "today: renting 0.40 USD").
func TestTodayFollowsANewCurrencyAtOnce(t *testing.T) {
	r := newTestRigWith(t, 1, t.TempDir(), func(o *Options) {
		o.Clock = atNoon()
		o.Heartbeat = time.Hour // none during the test: today is totalled at start only
	}).run()
	r.eventually("today totalled", func(s Status) bool { return s.Today.Currency == "USD" })
	s := r.c.Settings()
	s.Currency = "EUR"
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	if st := r.c.Status(); st.Today.Currency != "EUR" || st.Rates.Currency != "EUR" {
		t.Errorf("after the currency became EUR: today in %q, the money line in %q", st.Today.Currency, st.Rates.Currency)
	}
}

// A job's booked runs are its running totals split into records, one per
// GPU and run, and summed back they can come out a hair above the total:
// a job requeued and running again, with nothing earned yet this run,
// then had -0.0000000000000004 unbooked, and today's rent, and its
// electricity, read below zero (the metrics exported it as such).
func TestTodayNeverReadsAHairBelowZero(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	day := store.DayStart(time.Now())
	now := day.Add(time.Hour)
	first, total := 0.7, 2.9 // the first run booked 0.7, the second the rest
	j := &job{runFrom: now.Add(-time.Minute), view: Job{ID: "J-0001", Currency: "USD", Earned: total},
		booked: &bookedSoFar{sum: store.EarningRecord{Revenue: first + (total - first)}}}
	run := r.c.unbookedRun(j, now)
	if run.Revenue < 0 || run.ElectricityCost < 0 || run.EnergyJ < 0 {
		t.Errorf("a run that has earned and used nothing yet is unbooked as %+v", run)
	}
	today := Today{Currency: "USD"}
	addRunToday(&today, run, day)
	if today.Rent < 0 || today.Electricity < 0 || math.Signbit(today.Net()) {
		t.Errorf("today reads %+v, net %v: below zero", today, today.Net())
	}
}
