package control

import (
	"fmt"
	"slices"

	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/store"
)

// Settings returns the owner's settings.
func (c *Controller) Settings() Settings {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.settings
}

// SaveSettings validates and commits s, then applies it: miners restart
// with a new preset on their next start, and a miner that gave up may try
// again.
func (c *Controller) SaveSettings(s Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.checkNewAside(s); err != nil {
		return err
	}
	return c.saveSettings(s)
}

// checkNewAside refuses a GPU newly set aside that is not on the rig, as
// SetGPUAside does: a mistyped UUID would be saved while the GPU meant
// went on working. One listed before stays, for when its card comes back.
// Called with c.mu held.
func (c *Controller) checkNewAside(s Settings) error {
	for _, uuid := range s.GPUsAside {
		if _, ok := c.slotByUUID(uuid); !ok && !c.settings.Aside(uuid) {
			return &FieldError{Field: "gpus-aside", Msg: fmt.Sprintf(
				"no GPU %s on this rig ('rigshift gpus' lists their UUIDs; rigshift gpu aside N takes an index)", uuid)}
		}
	}
	return nil
}

// SetGPUAside keeps the GPU with this UUID out of RigShift's work, or lets
// it work again. What runs on a GPU set aside stops: its miner, or a rental
// job, which goes back to the queue (or fails, if its policy says so).
func (c *Controller) SetGPUAside(uuid string, aside bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.slotByUUID(uuid); !ok {
		return fmt.Errorf("no GPU %s on this rig", uuid)
	}
	if c.settings.Aside(uuid) == aside {
		return nil
	}
	s := c.settings
	s.GPUsAside = slices.DeleteFunc(slices.Clone(s.GPUsAside), func(u string) bool { return u == uuid })
	if aside {
		s.GPUsAside = append(s.GPUsAside, uuid)
	}
	return c.saveSettings(s)
}

// saveSettings commits and applies s. Called with c.mu held.
func (c *Controller) saveSettings(s Settings) error {
	if err := CheckCurrencyChange(c.settings.Currency, s.Currency, c.pendingJobs()); err != nil {
		return err
	}
	if err := c.store.PutSettings(s); err != nil {
		return c.cannotSave("the settings", "they stay as they were until it can", err)
	}
	if s.Currency != c.settings.Currency || s.PriceAt(c.now()) != c.price {
		c.newEarningRecords() // what was mined or idled so far keeps the old currency and price
		c.priceJobsSoFar()    // and what jobs used so far, the old price
	}
	c.price = s.PriceAt(c.now())
	minerChanged := MinerChanged(c.settings, s)
	if ev, changed := ChangeEvent(c.settings, s); changed {
		c.record(ev)
	}
	retry := !onlyAsideChanged(c.settings, s)
	old := c.settings
	c.settings = s
	if s.Currency != old.Currency {
		c.followToday(c.now()) // today in the new currency at once, as the money line is: not at the next heartbeat
	}
	c.recordAside(old)
	c.note.setEnabled(s.NoticeOn)
	c.applyGuards()
	for i, sl := range c.slots {
		// New settings are the owner's "try again"; a GPU set aside or
		// back in use is, for that GPU alone.
		if retry || old.Aside(sl.info.UUID) != c.setAside(i) {
			sl.minerGaveUp = false
		}
	}
	if minerChanged {
		c.restartMiners()
	}
	c.poke()
	return nil
}

// CheckCurrencyChange refuses a new currency while pending jobs (waiting or
// running) are priced in the current one: their electricity could not be
// set against them. The database's settings, changed while RigShift is
// stopped, are held to it too.
func CheckCurrencyChange(current, next string, pending int) error {
	if next == current || pending == 0 {
		return nil
	}
	return &FieldError{Field: "currency", Msg: fmt.Sprintf(
		"%s waiting or running, priced in %s: change the currency once they are done or cancelled",
		Plural(pending, "rental job"), current)}
}

// restartMiners stops the running miners so they come back with the new
// preset.
func (c *Controller) restartMiners() {
	for _, w := range c.work {
		if w.kind == mining && !w.stopping {
			c.stopWorkload(w, jobs.StopModeSwitch)
		}
	}
}

// applyGuards hands the thermal limits and the stall time to the
// supervisor, which applies them to the running workloads too.
func (c *Controller) applyGuards() {
	s := c.settings
	c.sup.SetGuards(s.ThermalLimitC, s.ResumeBelowC, s.StallAfter)
}

// pendingJobs counts the jobs not yet ended.
func (c *Controller) pendingJobs() int {
	n := 0
	for _, j := range c.jobs {
		if !j.view.State.Final() {
			n++
		}
	}
	return n
}

// newEarningRecords closes every miner's and idle GPU's earnings record
// and goes on in a new one, from where it was accounted to. A closed
// record the database refuses is written again later (endSession,
// endIdle): nothing else would, and its time since its last save would
// be lost from the ledger.
func (c *Controller) newEarningRecords() {
	for _, w := range c.work {
		if s := w.session; s != nil {
			c.endSession(w)
			w.session = &session{start: s.last, last: s.last, savedAt: s.last}
		}
	}
	for _, s := range c.slots {
		if in := s.idle; in != nil {
			c.endIdle(s)
			s.idle = &idleSession{start: in.last, last: in.last, savedAt: in.last}
		}
	}
}

// recordAside writes in the event log which GPUs the owner set aside or
// uses again, compared with the settings before.
func (c *Controller) recordAside(old Settings) {
	for i, s := range c.slots {
		was, now := old.Aside(s.info.UUID), c.setAside(i)
		switch {
		case now && !was:
			c.record(store.Event{Kind: store.EventKindGPUAside, GPU: s.info.UUID,
				Message: fmt.Sprintf("GPU %d (%s) set aside by you: RigShift runs nothing on it until you use it again", i, s.info.Name)})
		case was && !now:
			c.record(store.Event{Kind: store.EventKindGPUInUse, GPU: s.info.UUID,
				Message: fmt.Sprintf("GPU %d (%s) back in use, by you: RigShift may mine or run rental jobs on it again", i, s.info.Name)})
		}
	}
}

// onlyAsideChanged reports whether s differs from old in the GPUs set
// aside alone.
func onlyAsideChanged(old, s Settings) bool {
	old.GPUsAside, s.GPUsAside = nil, nil
	return fmt.Sprint(old) == fmt.Sprint(s)
}
