package store

import (
	"sync"
	"time"
)

// Retention and clock jumps. The wall clock can be set a year ahead by
// mistake and set right minutes later; pruning at the year-ahead time
// dropped every raw sample and minute row, minutes old in real terms.
// Neither the stored samples (stamped by the same wrong clock) nor the
// time of the last prune tells a jump from real time passing; the
// monotonic clock does: setting the clock does not move it.
//
// The rule: data is dropped only when it is past its retention by the
// wall clock now and by what the wall clock read a retention's real time
// ago. A jump ahead is so believed only once it has lasted as long as
// the retention, when what it drops is that old in real time too; a jump
// back only keeps data longer. A computer's sleep, which the monotonic
// clock does not count, reads as a jump ahead: pruning waits, and keeps
// data longer. Before Open the wall clock is trusted: across a restart
// there is no telling a wrong clock from a rig that was off.

// clockSlack is how far the wall clock may drift from the monotonic one
// (NTP slews it) before the drift is noted as a jump.
const clockSlack = time.Minute

// maxClockSteps bounds the jumps remembered, against a clock that flaps:
// past it the two oldest are merged, keeping the lower offset, which only
// keeps data longer.
const maxClockSteps = 64

// clockSteps remembers the wall clock's offset from real time since Open,
// each time it changed.
type clockSteps struct {
	mu    sync.Mutex
	steps []clockStep // oldest first
}

// clockStep is the wall clock's offset from real time from at on.
type clockStep struct{ at, off time.Duration }

// note records the offset off at real time at, and forgets what ended
// more than keep before it.
func (c *clockSteps) note(at, off, keep time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.steps); n == 0 || (off-c.steps[n-1].off).Abs() > clockSlack {
		c.steps = append(c.steps, clockStep{at, off})
	}
	for len(c.steps) > 1 && c.steps[1].at <= at-keep {
		c.steps = c.steps[1:]
	}
	if len(c.steps) > maxClockSteps {
		c.steps[1].at, c.steps[1].off = c.steps[0].at, min(c.steps[0].off, c.steps[1].off)
		c.steps = c.steps[1:]
	}
}

// lowest is the lowest offset the wall clock had from real time since,
// the first one noted standing for the time before it.
func (c *clockSteps) lowest(since time.Duration) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	low := c.steps[len(c.steps)-1].off
	for i, s := range c.steps[:len(c.steps)-1] {
		if c.steps[i+1].at > since {
			low = min(low, s.off)
		}
	}
	return low
}

// realSince is the real time since Open when the wall clock reads now.
func (s *Store) realSince(now time.Time) time.Duration {
	if f := s.realClock.Load(); f != nil {
		return (*f)()
	}
	return now.Sub(s.opened) // the monotonic clock's, as both have it
}

// jumpLag is how much earlier than now minus retention d the cutoff for
// d must be: how far the wall clock is now ahead of the lowest offset it
// had over the last d of real time (the rule above).
func (s *Store) jumpLag(now time.Time, d time.Duration) time.Duration {
	real := s.realSince(now)
	off := now.Round(0).Sub(s.opened.Round(0)) - real
	s.jumps.note(real, off, s.longestRetention())
	return off - min(off, s.jumps.lowest(real-d))
}

// longestRetention is the longest retention that is not Forever, or 0.
func (s *Store) longestRetention() time.Duration {
	var d time.Duration
	for _, r := range []time.Duration{s.opts.RawRetention, s.opts.MinuteRetention, s.opts.HourRetention} {
		if r != Forever {
			d = max(d, r)
		}
	}
	return d
}
