package control

import (
	"time"

	"github.com/rigshift/rigshift/store"
)

// idleSession accounts a GPU that runs nothing: its electricity and its
// share of the host's overhead. The rig draws them all the same, and a day
// that mined for an hour and idled for the rest would otherwise read as if
// it had cost only that hour.
type idleSession struct {
	recordID uint64
	start    time.Time
	last     time.Time // accounted up to here
	savedAt  time.Time
	energyJ  float64
	overhead float64 // J of host overhead attributed
}

// accountIdle opens a GPU's idle record when it runs nothing, books its
// share of the host's overhead up to now, saves every EarningsEvery, and
// closes the record when a workload takes the GPU or the GPU is lost.
func (c *Controller) accountIdle(now time.Time) {
	for _, s := range c.slots {
		switch {
		case s.owner != "" || s.lost:
			c.endIdle(s)
		case s.idle == nil && now.Before(s.freedAt):
			// Taken while its workload still ran, handled after (the loop
			// was busy): an idle record begun here would overlap the run.
		case s.idle == nil:
			s.idle = &idleSession{start: now, last: now, savedAt: now}
		default:
			dt := now.Sub(s.idle.last).Seconds()
			if dt > 0 {
				s.idle.overhead += c.overheadShareW() * dt
			}
			if steppedBack(s.idle.last, now) {
				c.endIdle(s) // at the step: a record is kept by its wall times
				s.idle = &idleSession{start: now, last: now, savedAt: now}
				continue
			}
			if dt > 0 {
				s.idle.last = now
			}
			switch {
			case now.Sub(s.idle.start) >= maxRecordSpan:
				last := s.idle.last
				c.endIdle(s) // a closed record the database refuses is written again later
				s.idle = &idleSession{start: last, last: last, savedAt: last}
			case now.Sub(s.idle.savedAt) >= c.opts.EarningsEvery:
				c.saveIdle(s)
			}
		}
	}
}

// saveIdle writes a GPU's idle record (one per stretch, updated in place).
// A stretch with nothing in it yet is not written; one closed in the tick
// it began keeps the energy booked in that tick.
func (c *Controller) saveIdle(s *slot) (store.EarningRecord, error) {
	in := s.idle
	if in.recordID == 0 && !in.last.After(in.start) && in.energyJ == 0 && in.overhead == 0 {
		return store.EarningRecord{}, nil
	}
	rec := store.EarningRecord{ID: in.recordID, Kind: store.KindIdle, GPU: s.info.UUID, Start: in.start, End: in.last,
		EnergyJ: in.energyJ, ElectricityCost: c.electricity(in.energyJ + in.overhead), Currency: c.settings.Currency}
	saved, err := c.store.PutEarning(rec)
	if err != nil {
		c.log.Error("saving a GPU's idle electricity", "gpu", s.info.UUID, "err", err)
		return rec, err
	}
	in.recordID, in.savedAt = saved.ID, in.last
	return saved, nil
}

// endIdle closes a GPU's idle record, if it has one: a record the
// database refuses is written again later (nothing else will).
func (c *Controller) endIdle(s *slot) {
	if s.idle != nil {
		if rec, err := c.saveIdle(s); err != nil {
			c.unbooked = append(c.unbooked, rec)
		}
		s.idle = nil
	}
}
