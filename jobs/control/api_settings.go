package control

import (
	"fmt"

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
	if n := c.pendingJobs(); s.Currency != c.settings.Currency && n > 0 {
		return &FieldError{Field: "currency", Msg: fmt.Sprintf(
			"%s waiting or running, priced in %s: change the currency once they are done or cancelled",
			Plural(n, "rental job"), c.settings.Currency)}
	}
	if err := c.store.PutSettings(s); err != nil {
		return fmt.Errorf("saving the settings: %w", err)
	}
	if s.Currency != c.settings.Currency || s.PriceAt(c.now()) != c.price {
		c.newEarningRecords() // what was mined or idled so far keeps the old currency and price
		c.priceJobsSoFar()    // and what jobs used so far, the old price
	}
	c.price = s.PriceAt(c.now())
	minerChanged := fmt.Sprint(s.Miner) != fmt.Sprint(c.settings.Miner)
	if change := settingsChange(c.settings, s); change != "" {
		c.record(store.Event{Kind: store.EventKindSettings, Message: change})
	}
	c.settings = s
	c.note.setEnabled(s.NoticeOn)
	c.applyGuards()
	for _, sl := range c.slots {
		sl.minerGaveUp = false
	}
	if minerChanged {
		c.restartMiners()
	}
	c.poke()
	return nil
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
// supervisor; miners pick them up at their next start, jobs at theirs.
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
// and goes on in a new one, from where it was accounted to.
func (c *Controller) newEarningRecords() {
	for _, w := range c.work {
		if s := w.session; s != nil {
			c.saveSession(w)
			w.session = &session{start: s.last, last: s.last, savedAt: s.last}
		}
	}
	for _, s := range c.slots {
		if in := s.idle; in != nil {
			c.saveIdle(s)
			s.idle = &idleSession{start: in.last, last: in.last, savedAt: in.last}
		}
	}
}
