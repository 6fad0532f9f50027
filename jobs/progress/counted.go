package progress

import (
	"math"
	"time"
)

// counted is what the Tracker keeps of plain-text counters: the epoch
// (counted from 1), and for the ETA the percentage the pace is measured
// from and the last one.
type counted struct {
	epoch, epochs int64
	fromZero      bool // the script counts epochs from 0
	// summaries: the script names an epoch when it ends ("Epoch 1/5 done,
	// loss 0.31" after the epoch's steps), not when it starts, as Keras
	// does. Told by its first epoch line, which comes after steps.
	summaries bool
	firstPct  float64
	firstAt   time.Time
	lastPct   float64
}

// counts merges a plain-text progress line. tqdm bars and JSON reports say
// more, so such lines are left alone once a report came, or while a bar
// runs, but for an epoch's header (a bar closed with leave=False is never
// seen full); a finished bar (a dataset's "Map" before a Keras fit) leaves
// the job's progress to them.
func (t *Tracker) counts(c Counts, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	barRuns := t.p.Source == "tqdm" && !t.mainFull
	if t.p.Done || t.json || (barRuns && (c.Epochs == 0 || c.Steps > 0)) {
		return
	}
	k := &t.counted
	fromZero := k.fromZero || (c.Epochs > 0 && c.Epoch == 0)
	e := c.Epoch
	if fromZero {
		e++
	}
	ended := c.Epochs > 0 && c.Steps == 0 && t.endsEpoch(e)
	if ended {
		e++ // the next one runs
	}
	newEpoch := c.Epochs > 0 && (min(e, c.Epochs) != k.epoch || c.Epochs != k.epochs)
	if c.Steps > 0 && !newEpoch && !t.followsSteps(c.Steps) {
		return // another loop's count (a validation's batches): neither the job's progress nor its training loss
	}
	if c.Epochs > 0 {
		k.fromZero = fromZero
		if newEpoch && c.Steps == 0 && e <= c.Epochs { // (the last epoch's end keeps its steps: all done)
			t.p.Step, t.p.HasStep, t.p.Total = 0, false, 0 // a new epoch: its steps start over
		}
		k.epoch, k.epochs = min(e, c.Epochs), c.Epochs
		t.p.Epoch, t.p.Epochs = float64(k.epoch), k.epochs
	}
	if c.Steps > 0 {
		t.p.Step, t.p.HasStep, t.p.Total = c.Step, true, c.Steps
	}
	if c.HasLoss && !t.jsonLoss {
		t.p.Loss, t.p.HasLoss = c.Loss, true
	}
	t.p.Source, t.p.Updated = "output", now
	t.p.Percent = k.percent(t.p)
	t.p.ETA = k.eta(t.p.Percent, now)
}

// barEpoch takes the epoch a bar's description names ("Epoch 2/3"): each
// epoch's bar counts that epoch's steps from 0, and without the epoch the
// job's progress would start over with every bar.
func (k *counted) barEpoch(c Counts) {
	k.fromZero = k.fromZero || c.Epoch == 0
	e := c.Epoch
	if k.fromZero {
		e++
	}
	k.epoch, k.epochs = min(e, c.Epochs), c.Epochs
}

// endsEpoch reports whether a line naming epoch e (counted from 1) and no
// steps says that epoch ended: in a script that printed steps before its
// first epoch line, which names the first epoch.
func (t *Tracker) endsEpoch(e int64) bool {
	k := &t.counted
	if k.epochs == 0 && t.p.HasStep && e == 1 {
		k.summaries = true
	}
	return k.summaries
}

// followsSteps reports whether a count of steps in all is the one the
// job's progress follows: the first, the same, a larger one (the training
// loop's over a validation's within it), or, without epochs, any once the
// one followed is done (a second stage). A new epoch takes any.
func (t *Tracker) followsSteps(steps int64) bool {
	p := t.p
	return !p.HasStep || p.Total == 0 || steps >= p.Total || (t.counted.epochs == 0 && p.Step >= p.Total)
}

// percent is how far the job got: through its epochs, the current one by
// its steps; or by its steps alone.
func (k *counted) percent(p Progress) float64 {
	within := 0.0
	if p.HasStep && p.Total > 0 {
		within = math.Min(1, float64(p.Step)/float64(p.Total))
	}
	switch {
	case k.epochs > 0:
		return 100 * (float64(k.epoch-1) + within) / float64(k.epochs)
	case p.Total > 0:
		return 100 * within
	}
	return -1
}

// eta extrapolates the pace since the first percentage seen, or since the
// counts last went back (the script trains again: another fold, a second
// stage); -1 until the job has moved.
func (k *counted) eta(pct float64, now time.Time) time.Duration {
	if pct < 0 {
		return -1
	}
	back := pct < k.lastPct
	k.lastPct = pct
	if k.firstAt.IsZero() || back {
		k.firstPct, k.firstAt = pct, now
		return -1
	}
	done, took := pct-k.firstPct, now.Sub(k.firstAt)
	if done <= 0 || took <= 0 {
		return -1
	}
	return time.Duration(float64(took) * (100 - pct) / done)
}
