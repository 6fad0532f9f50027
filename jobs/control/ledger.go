package control

import (
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/store"
)

// overheadShareW is the host overhead charged to each GPU's work.
func (c *Controller) overheadShareW() float64 {
	if len(c.slots) == 0 {
		return 0
	}
	return c.settings.HostOverheadW / float64(len(c.slots))
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
				j.overheadJ += c.overheadShareW() * float64(len(w.gpus)) * c.sinceLastSnap(now)
			}
			continue
		}
		s := w.session
		dt := now.Sub(s.last).Seconds()
		if dt <= 0 {
			continue
		}
		s.revenue += c.settings.revenuePerDay(hashRate(w)) * dt / 86400
		s.overhead += c.overheadShareW() * dt
		s.last = now
		if now.Sub(s.savedAt) >= c.opts.EarningsEvery {
			c.saveSession(w)
		}
	}
	c.lastSnap = now
}

func (c *Controller) sinceLastSnap(now time.Time) float64 {
	if c.lastSnap.IsZero() || now.Before(c.lastSnap) {
		return 0
	}
	return now.Sub(c.lastSnap).Seconds()
}

// saveSession writes a miner instance's earnings record (one record per
// session, updated in place).
func (c *Controller) saveSession(w *workload) {
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
		return
	}
	s.recordID, s.savedAt = saved.ID, s.last
}

// endSession closes a miner instance's books.
func (c *Controller) endSession(w *workload) {
	if w.session != nil {
		c.saveSession(w)
	}
}

// bookJobEarnings writes one rental earnings record per GPU the job ran on.
func (c *Controller) bookJobEarnings(j *job) {
	v := j.view
	n := float64(max(1, len(v.GPUs)))
	if v.Running <= 0 {
		return
	}
	for _, gpu := range v.GPUs {
		rec := store.EarningRecord{
			Kind: store.KindRental, JobID: v.ID, GPU: gpu, Start: v.Started, End: v.Ended,
			EnergyJ: v.EnergyJ / n, Revenue: v.Earned / n,
			ElectricityCost: c.electricity((v.EnergyJ + j.overheadJ) / n), Currency: v.Currency,
			Detail: j.spec.Client,
		}
		if _, err := c.store.PutEarning(rec); err != nil {
			c.log.Error("saving job earnings", "job", v.ID, "err", err)
		}
	}
}

// electricity is the price of joules at the owner's kWh price.
func (c *Controller) electricity(joules float64) float64 {
	return joules / 3.6e6 * c.settings.ElectricityPerKWh
}
