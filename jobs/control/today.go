package control

import (
	"time"

	"github.com/rigshift/rigshift/store"
)

// Today is what the rig earned since local midnight and what its
// electricity cost, in the settings' currency: the booked records, and
// what running jobs have earned but not booked yet (a job books its run
// when the run ends). Open mining and idle records count as last saved,
// within a minute.
type Today struct {
	Currency    string  `json:"currency"`    // "" until first totalled
	Rent        float64 `json:"rent"`        // rental revenue
	Mine        float64 `json:"mine"`        // mining revenue (the estimate)
	Electricity float64 `json:"electricity"` // mining, renting and idle
}

// Net is today's revenue after electricity.
func (t Today) Net() float64 { return t.Rent + t.Mine - t.Electricity }

// followToday totals today's booked records, at start, at every
// heartbeat and as a job's run is booked. A store that cannot answer
// leaves the last total, or none once it was another day's. Called with
// c.mu held.
func (c *Controller) followToday(now time.Time) {
	day := store.DayStart(now)
	days, err := c.store.EarningsByDay(day, now)
	if err != nil {
		c.log.Warn("totalling today's earnings", "err", err)
		if !c.todayOf.Equal(day) { // unknown, but today's: the next heartbeat tries again, not every status
			c.todayBooked, c.todayOf = Today{}, day
		}
		return
	}
	t := Today{Currency: c.settings.Currency}
	for _, d := range days {
		if d.Currency == t.Currency && d.Day.Equal(day) {
			t.Rent, t.Mine = d.RentalRevenue, d.MiningRevenue
			t.Electricity = d.MiningElectricity + d.RentalElectricity + d.IdleElectricity
		}
	}
	c.todayBooked, c.todayOf = t, day
}

// todayAt is today up to now: the booked records and runs, what running
// jobs have earned and not booked yet (unbookedRun), so that it agrees
// with the jobs' own figures in the same status (as of the last
// heartbeat, it lagged them by up to 5 s). Called with c.mu held.
func (c *Controller) todayAt(now time.Time, runs []store.EarningRecord) Today {
	day := store.DayStart(now)
	if !c.todayOf.Equal(day) { // midnight passed since the last heartbeat
		c.followToday(now)
	}
	t := c.todayBooked
	if t.Currency == "" || !c.todayOf.Equal(day) {
		return t
	}
	for _, run := range runs {
		if run.Currency == t.Currency {
			addRunToday(&t, run, day)
		}
	}
	return t
}

// addRunToday adds an unbooked run's share in today, as the ledger and
// the history's days will split it: in proportion to its time on each day.
func addRunToday(t *Today, run store.EarningRecord, day time.Time) {
	for d, share := range store.DaySharesOf(run, day.Location()) {
		if d.Equal(day) {
			t.Rent += run.Revenue * share
			t.Electricity += run.ElectricityCost * share
		}
	}
}

// unbookedRun is what a running job has earned and cost and not booked
// yet, over its run so far, as one record: what its run would book, on
// all its GPUs, if it ended now. The history's days add it, as today does.
func (c *Controller) unbookedRun(j *job, now time.Time) store.EarningRecord {
	if j.booked == nil { // it changes only as a run ends, and a new run starts afresh
		sum, lastEnd := c.bookedFor(j.view.ID, j.view.Created)
		j.booked = &bookedSoFar{sum: sum, lastEnd: lastEnd}
	}
	start := j.runFrom
	if start.IsZero() {
		start = maxTime(j.view.Started, j.booked.lastEnd)
	}
	return store.EarningRecord{Kind: store.KindRental, JobID: j.view.ID, Start: start, End: maxTime(start, now),
		EnergyJ: notBelowZero(j.view.EnergyJ - j.booked.sum.EnergyJ), Revenue: notBelowZero(j.view.Earned - j.booked.sum.Revenue),
		ElectricityCost: notBelowZero(c.jobElectricity(j) - j.booked.sum.ElectricityCost), Currency: j.view.Currency, Detail: j.spec.Client}
}

// notBelowZero is what is left of a job's total once its booked runs are
// taken off. Prices and rates are never negative, so neither is that; but
// the runs were booked as parts of the total (a record per GPU), and
// summed back they can come out a hair above it: a run that had earned
// nothing yet read -0.0000000000000004, and so did today.
func notBelowZero(v float64) float64 { return max(v, 0) }

// bookedSoFar is what a job's earlier runs booked, read once per run.
type bookedSoFar struct {
	sum     store.EarningRecord
	lastEnd time.Time
}
