package control

import (
	"fmt"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/store"
)

// overheadShareW is the host overhead charged to each GPU's work, or its
// idling: the whole overhead over the GPUs that are not lost (a lost one
// books nothing, and the host draws its overhead all the same).
func (c *Controller) overheadShareW() float64 {
	n := 0
	for _, s := range c.slots {
		if !s.lost {
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return c.settings.HostOverheadW / float64(n)
}

// accountMining books each running miner's revenue estimate and host
// overhead up to the snapshot, and saves sessions every EarningsEvery.
func (c *Controller) accountMining(snap *hardware.Snapshot) {
	now := snap.Time
	for _, w := range c.work {
		if w.session == nil {
			// A job pays its share while it holds its GPUs, paused for heat
			// too: the rig draws it all the same.
			if j := c.jobs[w.jobID]; w.kind == renting && j != nil {
				j.overheadJ += c.overheadShareW() * float64(c.workingGPUs(w.gpus)) * c.sinceLastSnap(now)
			}
			continue
		}
		s := w.session
		dt := now.Sub(s.last).Seconds()
		if dt > 0 {
			s.revenue += c.miningPerDay(w) * dt / 86400
			s.overhead += c.overheadShareW() * float64(c.workingGPUs(w.gpus)) * dt // none for a lost GPU, as a job's
		}
		if steppedBack(s.last, now) {
			if !steppedBack(c.lastSnap, now) {
				// Not the clock: a reading taken before the miner started,
				// handled after. It holds nothing of the session's.
				continue
			}
			c.endSession(w) // at the step: a record is kept by its wall times
			w.session = &session{start: now, last: now, savedAt: now}
			continue
		}
		if dt <= 0 {
			continue
		}
		s.last = now
		switch {
		case now.Sub(s.start) >= maxRecordSpan:
			c.endSession(w) // a closed record the database refuses is written again later
			w.session = &session{start: s.last, last: s.last, savedAt: s.last}
		case now.Sub(s.savedAt) >= c.opts.EarningsEvery:
			c.saveSession(w)
		}
	}
	c.lastSnap = now
}

// workingGPUs counts the GPUs of gpus that are not lost: a lost one's share
// of the host overhead already goes to the others (overheadShareW), so a
// job that holds it while it stops must not pay it again.
func (c *Controller) workingGPUs(gpus []int) int {
	n := 0
	for _, g := range gpus {
		if !c.slots[g].lost {
			n++
		}
	}
	return n
}

// maxRecordSpan is the longest a mining or idle earnings record runs
// before the next one takes over: the store looks back as far as its
// longest record in every query, and a rig that mined for a month would
// make each look back a month.
const maxRecordSpan = 24 * time.Hour

// steppedBack reports whether the wall clock reads earlier at now than at
// last: NTP stepped it back. Sub and Before go by Go's monotonic readings,
// which went on forward, but the database keeps a record's wall times: one
// kept open across the step would be saved ending before it began.
func steppedBack(last, now time.Time) bool { return now.Round(0).Before(last.Round(0)) }

func (c *Controller) sinceLastSnap(now time.Time) float64 {
	if c.lastSnap.IsZero() || now.Before(c.lastSnap) {
		return 0
	}
	return now.Sub(c.lastSnap).Seconds()
}

// saveSession writes a miner instance's earnings record (one record per
// session, updated in place).
func (c *Controller) saveSession(w *workload) (store.EarningRecord, error) {
	s := w.session
	rec := store.EarningRecord{
		ID: s.recordID, Kind: store.KindMining, GPU: c.slots[w.gpus[0]].info.UUID,
		Start: s.start, End: s.last, EnergyJ: s.energyJ, Revenue: s.revenue,
		ElectricityCost: c.electricity(s.energyJ + s.overhead), Currency: c.settings.Currency,
		Detail: c.settings.Miner.Algorithm,
	}
	saved, err := c.store.PutEarning(rec)
	if err != nil {
		c.log.Error("saving mining earnings", "workload", w.id, "err", err)
		return rec, err
	}
	s.recordID, s.savedAt = saved.ID, s.last
	return saved, nil
}

// endSession closes a miner instance's books: a record the database
// refuses is written again later (nothing else will).
func (c *Controller) endSession(w *workload) {
	if w.session != nil {
		if rec, err := c.saveSession(w); err != nil {
			c.unbooked = append(c.unbooked, rec)
		}
	}
}

// bookRun writes what a job earned and cost since what is booked for it
// already: one record per GPU of the run that just ended, over the run's
// own time. It is called as each run ends (interrupted, or the job's end),
// so a job run again on other GPUs is booked on each, and its time in the
// queue on none.
func (c *Controller) bookRun(j *job, end time.Time) {
	v := j.view
	booked, lastEnd := c.bookedFor(v.ID, v.Created)
	// Each is the job's total less what its earlier runs booked: for a run
	// that added nothing, rounding can leave a hair under zero, which the
	// earnings export wrote as a negative cost.
	revenue := max(0, v.Earned-booked.Revenue)
	energy := max(0, v.EnergyJ-booked.EnergyJ)
	cost := max(0, c.jobElectricity(j)-booked.ElectricityCost)
	start := j.runFrom
	if start.IsZero() { // a run a crash cut short, of a RigShift that kept no start of it
		start = cutRunStart(v, lastEnd, end)
	}
	shares, own := cardParts(v.GPUs, j.runUse)
	j.runFrom, j.runUse = time.Time{}, nil
	if len(v.GPUs) == 0 || start.IsZero() || max(revenue, energy, cost) < 1e-12 {
		return
	}
	n := float64(len(v.GPUs))
	overhead := cost // the host's share, the same for each GPU: what the cards' own energy did not cost
	for _, o := range own {
		overhead -= o
	}
	for i, gpu := range v.GPUs {
		rec := store.EarningRecord{
			Kind: store.KindRental, JobID: v.ID, GPU: gpu, Start: start, End: maxTime(start, end),
			EnergyJ: energy * shares[i], Revenue: revenue / n, Currency: v.Currency, Detail: j.spec.Client,
			ElectricityCost: max(0, own[i]+overhead/n), // below zero by rounding alone
		}
		if _, err := c.store.PutEarning(rec); err != nil {
			c.log.Error("saving job earnings; they are saved again once the database takes writes", "job", v.ID, "err", err)
			c.unbooked = append(c.unbooked, rec)
		}
	}
	c.followToday(c.now()) // today counts the run as booked now, not as running until the next heartbeat
}

// cutRunStart is when a run a crash cut short began, where the RigShift
// that ran it (one from before 3 Dec 2026) kept no start of it: after what
// is booked of the job, and no longer before its end than the job was
// billed for. From the job's first start alone, a job first run days
// before (and requeued, its run unbooked by that RigShift) would have its
// earnings shared out over the days between, when it did not run.
func cutRunStart(v Job, lastEnd, end time.Time) time.Time {
	return maxTime(maxTime(v.Started, lastEnd), end.Add(-(v.Running + v.Paused)))
}

// bookedFor sums what the earnings ledger holds for a job, and when its
// last record ends. The records the database refused (a full disk) count:
// they are booked, and written once it has room; a run booked after one
// of them would book it again. Called with c.mu held.
func (c *Controller) bookedFor(id string, since time.Time) (sum store.EarningRecord, lastEnd time.Time) {
	recs, err := c.store.Earnings(since, c.now().Add(time.Hour))
	if err != nil {
		c.log.Error("reading a job's earnings", "job", id, "err", err)
	}
	for _, r := range append(recs, c.unbooked...) {
		if r.JobID == id {
			sum.Revenue += r.Revenue
			sum.EnergyJ += r.EnergyJ
			sum.ElectricityCost += r.ElectricityCost
			lastEnd = maxTime(lastEnd, r.End)
		}
	}
	return sum, lastEnd
}

// electricity is the price of joules at the kWh price in effect.
func (c *Controller) electricity(joules float64) float64 {
	return joules / 3.6e6 * c.price
}

// followTariff closes the earnings records and prices the jobs so far when
// the kWh price changes with the hour (a night rate begins or ends), as a
// price changed in Settings does: each joule is charged at the price of
// its time, to within a heartbeat.
func (c *Controller) followTariff(now time.Time) {
	p := c.settings.PriceAt(now)
	if p == c.price {
		return
	}
	c.newEarningRecords()
	c.priceJobsSoFar()
	c.price = p
	c.record(store.Event{Kind: store.EventKindTariff, Message: c.tariffWords(now)})
}

// tariffWords says which price now applies, and until when: "Off-peak
// electricity: 0.10 USD/kWh until 07:00".
func (c *Controller) tariffWords(now time.Time) string {
	s := c.settings
	if s.CheapHours.Contains(now) {
		return fmt.Sprintf("Off-peak electricity: %g %s/kWh until %s", s.CheapPerKWh, s.Currency, clock(s.CheapHours.Until))
	}
	return fmt.Sprintf("Off-peak hours over: %g %s/kWh until %s", s.ElectricityPerKWh, s.Currency, clock(s.CheapHours.From))
}

// jobElectricity is what a job's energy and overhead cost: each joule at
// the kWh price of its time, not all of them at the price of the end.
func (c *Controller) jobElectricity(j *job) float64 {
	return j.pricedCost + c.electricity(j.view.EnergyJ+j.overheadJ-j.pricedJ)
}

// priceJobsSoFar saves every job not ended, which prices what it used so
// far at the current price, before the price changes.
func (c *Controller) priceJobsSoFar() {
	for _, j := range c.jobs {
		if !j.view.State.Final() {
			c.saveJob(j, "", "")
		}
	}
}

// cardParts is, for each GPU of a run, its part of the run's energy as
// measured (a card that drew 300 W beside one that drew 100 W used three
// quarters of it) and what its own energy cost. Without measurements (a
// run a crash cut short) the parts are equal and the costs zero: the run's
// whole cost is then split evenly.
func cardParts(gpus []string, use map[string]cardUse) (shares, own []float64) {
	total := 0.0
	for _, g := range gpus {
		total += use[g].energyJ
	}
	shares, own = make([]float64, len(gpus)), make([]float64, len(gpus))
	for i, g := range gpus {
		shares[i], own[i] = 1/float64(len(gpus)), use[g].cost
		if total > 0 {
			shares[i] = use[g].energyJ / total
		}
	}
	return shares, own
}
