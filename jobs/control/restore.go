package control

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rigshift/rigshift/store"
)

// restore loads settings, mode and jobs from the store. Jobs that were
// holding GPUs when RigShift last stopped (it crashed or was killed) are
// interrupted and billed to their last heartbeat, then requeued or failed
// as their policy says.
func (c *Controller) restore() error {
	c.settings = DefaultSettings()
	var damage *store.SettingsDamage
	if err := c.store.GetSettings(&c.settings); err != nil && !errors.As(err, &damage) {
		return err
	}
	c.repairSettings(damage)
	c.note.setEnabled(c.settings.NoticeOn) // before a job cut short is told of below
	c.price = c.settings.PriceAt(c.now())  // before a job cut short is billed below
	if err := c.restoreMode(); err != nil {
		return err
	}
	records, err := c.store.ListJobs()
	if err != nil {
		return fmt.Errorf("reading the job list: %w", err)
	}
	// The queue first, in its order; then the jobs a crash cut short go
	// back to its front, in the order they were added.
	slices.SortStableFunc(records, func(a, b store.JobRecord) int {
		return cmp.Or(a.Position-b.Position, compareIDs(a.ID, b.ID))
	})
	var cut []*job
	for _, r := range records {
		if j := fromRecord(r); c.restoreJob(j) {
			cut = append(cut, j)
		}
	}
	for _, j := range cut {
		billed := "billed up to " + billedWhen(j.lastSaved, c.now())
		if j.cancelled { // the owner's cancel was under way: it is not run again
			j.stopClock(j.lastSaved)
			c.bookRun(j, j.lastSaved)
			c.endJob(j, JobCancelled, -1, "cancelled by the owner; RigShift stopped before the job did ("+billed+")")
			continue
		}
		if j.timedOut { // it had its longest run: it is not run again
			j.stopClock(j.lastSaved)
			c.bookRun(j, j.lastSaved)
			c.endJob(j, JobTimedOut, -1, fmt.Sprintf("ran past its longest run of %s; RigShift stopped before the job did (%s)", spanWords(j.spec.MaxRuntime), billed))
			continue
		}
		c.interruptAt(j, "RigShift stopped while it ran ("+billed+")", j.lastSaved)
	}
	return nil
}

// repairSettings puts each saved value this version refuses, or could
// not read (damage, nil for none), back to its default, keeps the result
// and tells the event log what changed: a setting the owner did not
// choose should not change without a word.
func (c *Controller) repairSettings(damage *store.SettingsDamage) {
	fixed, what := c.settings.CorrectionWith(damage)
	if what == "" {
		return
	}
	c.log.Warn("saved settings this version refuses were corrected", "what", what)
	c.settings = fixed
	if err := c.store.PutSettings(fixed); err != nil {
		c.log.Warn("could not save the repaired settings; they are repaired again at the next start", "err", err)
	}
	c.record(CorrectionEvent(what))
}

// Correction is Repaired with what it changed in words ("pause at 0 → 83
// °C"), or "" where nothing was: `rigshift settings set` corrects and says
// so as a start does, while RigShift is stopped.
func (s Settings) Correction() (Settings, string) {
	fixed, changed := s.Repaired()
	if !changed {
		return s, ""
	}
	what := strings.TrimPrefix(settingsChange(s, fixed), "Changed ")
	if len(fixed.GPUsAside) != len(s.GPUsAside) {
		what = strings.TrimPrefix(what+", an empty entry among the GPUs set aside", ", ")
	}
	if what == "" { // the one value the change words leave out: it is not in use
		what = fmt.Sprintf("the cheaper price (%g → %g), with no cheaper hours set", s.CheapPerKWh, fixed.CheapPerKWh)
	}
	return fixed, what
}

// CorrectionWith is Correction of settings read with damage (nil for
// none), its words saying what could not be read first.
func (s Settings) CorrectionWith(damage *store.SettingsDamage) (Settings, string) {
	fixed, what := s.Correction()
	return fixed, joinWords(damageWords(damage), what)
}

// damageWords says what RigShift did with saved settings it could not
// read whole, for a correction's words ("" for none): it starts with the
// defaults there, rather than not at all.
func damageWords(d *store.SettingsDamage) string {
	switch {
	case d == nil:
		return ""
	case d.Whole:
		return "settings that could not be read at all (" + d.What + "), all back to their defaults: set yours again"
	}
	return d.What + ", back to its default"
}

// joinWords joins two parts of a correction's words, either maybe "".
func joinWords(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "; " + b
}

// CorrectionEvent is the event log's entry for a Correction's words.
func CorrectionEvent(what string) store.Event {
	return store.Event{Kind: store.EventKindSettings, Message: "Corrected saved settings this version refuses: " + what}
}

func (c *Controller) restoreMode() error {
	name, err := c.store.Mode()
	if err != nil {
		return fmt.Errorf("reading the last mode: %w", err)
	}
	c.since = c.now()
	if name == "" {
		return nil
	}
	m, err := ParseMode(name)
	if err != nil {
		c.log.Warn("ignoring an unknown saved mode", "mode", name)
		return nil
	}
	c.mode = m
	c.record(store.Event{Kind: store.EventKindMode, Message: m.String(), Reason: string(ReasonRestore)})
	return nil
}

// restoreJob takes a stored job back; it reports whether the job was
// holding GPUs when RigShift stopped, and must be interrupted.
func (c *Controller) restoreJob(j *job) bool {
	c.jobs[j.view.ID] = j
	if cur := c.settings.Currency; !j.view.State.Final() && strings.EqualFold(j.spec.Currency, cur) {
		// An older RigShift took "usd" for the rig's USD: its earnings are
		// the rig's, not a currency of their own.
		j.spec.Currency, j.view.Currency = cur, cur
	}
	if j.view.State == JobQueued {
		c.queue = append(c.queue, j.view.ID)
	}
	return j.view.State.Active() || j.view.State == JobInterrupted
}

// billedWhen is a crash-cut job's last heartbeat as its reason says it:
// the time of day, and the day too where it was not today (a rig that
// lost power on Friday and came back on Monday), or it would read as a
// time of today, perhaps one still to come.
func billedWhen(t, now time.Time) string {
	if !SameDay(t, now) {
		return t.Local().Format("Mon 2 Jan 15:04:05")
	}
	return t.Local().Format("15:04:05")
}
