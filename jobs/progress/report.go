package progress

import (
	"math"
	"time"
)

// report merges one JSON report. From the first report of how far the job
// got, reports own step, total and ETA; one of only a message, the loss or
// the epoch leaves them to the output's bars.
func (t *Tracker) report(r Report, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.Updated = now
	if r.hasProgress() {
		t.json, t.p.Source = true, "jsonl"
	} else if t.p.Source == "" {
		t.p.Source = "jsonl"
	}
	if r.Total != nil {
		t.p.Total = round(*r.Total)
	}
	if r.Step != nil {
		t.step(*r.Step, now)
	}
	if r.Loss != nil {
		t.p.Loss, t.p.HasLoss, t.jsonLoss = *r.Loss, true, true
	}
	if r.Epoch != nil {
		t.p.Epoch = *r.Epoch
	}
	if r.Message != nil {
		t.p.Message = shortText(*r.Message, 200)
	}
	if t.json {
		t.derive(r)
	}
	if r.Done != nil && *r.Done {
		t.finish(t.p.Runtime)
	}
}

// hasProgress reports whether r says how far the job got.
func (r Report) hasProgress() bool {
	return r.Step != nil || r.Total != nil || r.Percent != nil || r.ETASeconds != nil
}

// step records a step and averages the rate since the first report.
func (t *Tracker) step(s float64, now time.Time) {
	t.p.Step, t.p.HasStep = round(s), true
	if t.first.at.IsZero() || s < t.first.step {
		t.first.step, t.first.at = s, now
		return
	}
	if dt := now.Sub(t.first.at).Seconds(); dt > 0 && s > t.first.step {
		t.p.Rate = (s - t.first.step) / dt
	}
}

// derive computes percent and ETA from the report and the step history.
func (t *Tracker) derive(r Report) {
	switch {
	case r.Percent != nil:
		t.p.Percent = *r.Percent
	case t.p.Total > 0:
		t.p.Percent = math.Min(100, 100*float64(t.p.Step)/float64(t.p.Total))
	}
	switch {
	case r.ETASeconds != nil:
		t.p.ETA = seconds(*r.ETASeconds)
	case t.p.Total > 0 && t.p.Rate > 0:
		t.p.ETA = seconds(float64(t.p.Total-t.p.Step) / t.p.Rate)
	}
}
