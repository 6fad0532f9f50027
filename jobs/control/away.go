package control

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rigshift/rigshift/store"
)

// Presence tells how long the desktop has had no keyboard or mouse input:
// hardware.DesktopIdle on a desktop, a fake in tests. It should return
// once ctx ends: the watcher outlives Run while a question is in flight
// (it acts on no answer after that).
type Presence interface {
	IdleTime(ctx context.Context) (time.Duration, error)
}

// awayWarning is how long before mining starts the owner is warned that
// it will: time to touch the mouse if they are only reading.
const awayWarning = 5 * time.Second

// away is what the Presence said last.
type away struct {
	idle   time.Duration // its last answer
	at     time.Time     // when it gave it; zero: never
	err    error         // why the last question had no answer; nil once one comes
	warned bool          // the owner was warned for this time away
}

// idleAt is how long the owner has been away at now, counting the time
// since the answer: an answer a second old is a second short.
func (a *away) idleAt(now time.Time) time.Duration {
	return a.idle + max(0, now.Sub(a.at))
}

// fresh reports whether the last answer still counts at now. An old one
// would say the owner has been away all the time the question was not
// asked (in Idle, say), and start the miner under the hand that just
// clicked Mine; one failed question keeps the answer before it.
func (a *away) fresh(now time.Time, poll time.Duration) bool {
	return !a.at.IsZero() && now.Sub(a.at) <= 3*poll+time.Second
}

// forgetPresence drops the last answer when the mode stops mining. It is
// not asked again until the mode mines, and the owner who then clicks
// Mine or Auto is at the computer, however fresh an answer from before
// says they were away (they may have clicked Idle before the next
// question noticed them).
func (c *Controller) forgetPresence() {
	c.away = away{}
}

// watchPresence asks the Presence every presencePoll while a setting needs
// it, and reconciles when the owner leaves or comes back. It runs on its
// own goroutine: a D-Bus call that hangs holds no lock.
func (c *Controller) watchPresence(ctx context.Context) {
	if c.opts.Presence == nil {
		return
	}
	tick := time.NewTicker(c.opts.PresencePoll)
	defer tick.Stop()
	for {
		if c.needsPresence() {
			c.askPresence(ctx)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// needsPresence reports whether mining waits for the owner to be away in
// the current mode.
func (c *Controller) needsPresence() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.waitsForAway()
}

// waitsForAway is needsPresence with c.mu held. It is false once RigShift
// has stopped.
func (c *Controller) waitsForAway() bool {
	return !c.closed && c.settings.MineWhenAwayFor > 0 && c.mode.mines()
}

func (c *Controller) askPresence(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.PresencePoll)
	idle, err := c.opts.Presence.IdleTime(ctx)
	cancel()
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.waitsForAway() {
		// The owner clicked Idle, turned the setting off, or RigShift
		// stopped while the desktop answered: nothing waits for this
		// answer, and a warning that mining starts would be false.
		return
	}
	now := c.now()
	before := c.awayHeld(now)
	if c.away.err = err; err == nil {
		// Less idle than the last answer: the owner touched the computer,
		// and this time away ended. (Not "less than the last answer and
		// the time since": a slow answer would end it too.)
		back := !c.away.fresh(now, c.opts.PresencePoll) || idle < c.away.idle
		c.away.idle, c.away.at, c.away.warned = idle, now, c.away.warned && !back
		c.warnBeforeMining(now)
	}
	if c.awayHeld(now) != before {
		c.poke()
	}
}

// warnBeforeMining tells the owner, once per time away, that mining starts
// in a few seconds, while a touch of the mouse still keeps the GPUs free.
func (c *Controller) warnBeforeMining(now time.Time) {
	after := c.settings.MineWhenAwayFor
	idle := c.away.idleAt(now)
	if c.away.warned || idle < after-awayWarning || idle >= after {
		return
	}
	// The hours that count are those of the moment mining would start,
	// not of now: a few seconds before they end nothing will mine, and a
	// few seconds before they begin mining starts with them.
	starts := now.Add(after - idle)
	if c.settings.MiningHours.Contains(starts) && c.settings.MinerConfigured() && c.hasMiningGPU() {
		c.away.warned = true
		c.note.send(Notice{Kind: NoticeMiningSoon, Title: "Mining starts in a few seconds",
			Body: fmt.Sprintf("Nobody has used this computer for almost %s, so RigShift starts mining. "+
				"Move the mouse or press a key to keep the GPUs free.", CompactDuration(after))})
	}
}

// hasMiningGPU reports whether some GPU would mine once the owner is away.
func (c *Controller) hasMiningGPU() bool {
	for i, s := range c.slots {
		if !s.lost && s.owner == "" && s.blocked == "" && !s.minerGaveUp && !c.setAside(i) {
			return true
		}
	}
	return false
}

// hold is why Mine and Auto leave free GPUs idle: its cause, a sentence
// for the dashboard and the event log, and a few words for the tray.
type hold struct {
	cause      holdCause
	why, brief string
}

// holdCause is what holds mining back.
type holdCause uint8

const (
	notHeld      holdCause = iota
	outsideHours           // outside the mining hours
	ownerPresent           // the owner is at the computer
	cannotTell             // the desktop does not say whether the owner is
	checking               // a fresh answer of the desktop is awaited: a second at most
)

// awayHeld says why mining waits for the owner to leave, if it does.
func (c *Controller) awayHeld(now time.Time) hold {
	after := c.settings.MineWhenAwayFor
	switch {
	case after == 0:
		return hold{}
	case c.opts.Presence == nil:
		return hold{cannotTell, CannotTellAway + ": it has no desktop session to ask", "mining waits (cannot tell if you are away)"}
	case !c.away.fresh(now, c.opts.PresencePoll) && c.away.err != nil:
		return hold{cannotTell, CannotTellAway + ": " + c.away.err.Error(), "mining waits (cannot tell if you are away)"}
	case !c.away.fresh(now, c.opts.PresencePoll):
		return hold{checking, "RigShift is checking whether you are at the computer", "mining waits until you are away"}
	case c.away.idleAt(now) < after:
		return hold{ownerPresent, fmt.Sprintf("you are at the computer; mining starts after %s without keyboard or mouse", CompactDuration(after)),
			"mining waits until you are away"}
	}
	return hold{}
}

// miningHeld says why Mine and Auto leave free GPUs idle now, if they do:
// the mining hours, or the owner at the computer.
func (c *Controller) miningHeld(now time.Time) hold {
	h := c.settings.MiningHours
	if !h.Contains(now) {
		return hold{outsideHours, fmt.Sprintf("outside the mining hours (%s); mining starts at %s", h.Words(), clock(h.From)),
			"mining starts at " + clock(h.From)}
	}
	return c.awayHeld(now)
}

// CannotTellAway begins why mining waits when the desktop does not say how
// long it has been idle: the dashboard then says how to mine regardless.
const CannotTellAway = "RigShift cannot tell whether you are away"

// recordHeld writes in the event log when mining starts to wait for the
// mining hours or the owner's absence, and when it may go on. The second's
// wait for the desktop's answer (checking) is too short to be worth an
// event, and miners that run go on meanwhile (plan). A desktop that goes
// on failing to answer is one wait, whatever its error says each time:
// some say a number that changes with every question (KDE's negative idle
// time), which made a line a second; the status says the latest.
func (c *Controller) recordHeld(h hold) {
	switch {
	case !c.mayMine():
		c.held = hold{} // nothing waits; a mode switch is logged as one, a GPU set aside as that
	case h.why == c.held.why || h.cause == checking:
	case h.cause == cannotTell && c.held.cause == cannotTell:
	case h.cause == notHeld:
		c.record(store.Event{Kind: store.EventKindMiningFreed, Message: c.freedWords(c.held)})
		c.held = hold{}
	default:
		c.record(store.Event{Kind: store.EventKindMiningHeld, Message: sentence(h.why)})
		c.held = h
	}
}

// sentence is s with a capital, as the event log shows messages beside
// their kind ("Mining waits").
func sentence(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// freedWords says why mining goes on, from why it waited and the
// settings now: when the owner lifted the wait, it says so, not that the
// hours began or that nobody uses the computer (the owner just did).
func (c *Controller) freedWords(held hold) string {
	hours := held.cause == outsideHours
	switch {
	case hours && c.settings.MiningHours.AllDay():
		return "Mining may run at any hour now: mining starts"
	case hours:
		return "The mining hours began: mining starts"
	case c.settings.MineWhenAwayFor == 0:
		return "Mining no longer waits until you are away: mining starts"
	case held.cause == ownerPresent:
		return "Nobody uses the computer: mining starts"
	}
	return "Mining starts"
}
