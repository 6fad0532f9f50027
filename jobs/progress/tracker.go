package progress

import (
	"math"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Tracker merges progress from a job's output lines and its JSON reports.
// It is safe for concurrent use.
//
// Output often holds several tqdm bars: dataset "Map" bars, the training
// bar, evaluation bars. The Tracker follows one main bar: the first bar
// with a total; a bar with a larger total, or any bar once the main one is
// full, takes over; smaller bars that come and go meanwhile (evaluation)
// are ignored. Once JSON reports arrive they own step, total and ETA.
type Tracker struct {
	mu       sync.Mutex
	p        Progress
	mainDesc string
	mainTot  float64
	mainFull bool
	json     bool
	jsonLoss bool
	first    struct {
		step float64
		at   time.Time
	}
}

// NewTracker returns a Tracker with nothing reported yet.
func NewTracker() *Tracker { return &Tracker{p: unknown()} }

// Snapshot returns the current progress.
func (t *Tracker) Snapshot() Progress {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.p
}

// Line feeds one line of output.
func (t *Tracker) Line(text string, now time.Time) {
	if b, ok := ParseTqdm(text); ok {
		t.bar(b, now)
		return
	}
	if d, ok := ParseHF(text); ok {
		t.trainer(d, now)
	}
}

// JSON feeds one line of the RIGSHIFT_PROGRESS file.
func (t *Tracker) JSON(line []byte, now time.Time) {
	if r, ok := ParseJSONLine(line); ok {
		t.report(r, now)
	}
}

func (t *Tracker) bar(b Bar, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.p.Done || !t.takesBar(b) {
		return
	}
	if b.HasLoss && !t.jsonLoss {
		t.p.Loss, t.p.HasLoss = b.Loss, true
	}
	t.p.Updated = now
	if t.json {
		return
	}
	t.p.Source = "tqdm"
	t.p.Step, t.p.Total, t.p.Rate = round(b.N), round(b.Total), b.Rate
	t.p.Percent, t.p.ETA = -1, b.Remaining
	if b.Total > 0 {
		t.p.Percent = math.Min(100, 100*b.N/b.Total)
		if t.p.ETA < 0 && b.Rate > 0 {
			t.p.ETA = seconds((b.Total - b.N) / b.Rate)
		}
	}
}

// takesBar decides whether b is (or becomes) the main bar.
func (t *Tracker) takesBar(b Bar) bool {
	switch {
	case b.Total <= 0:
		return t.mainTot == 0
	case t.mainTot == 0, b.Total > t.mainTot, t.mainFull,
		b.Total == t.mainTot && b.Desc == t.mainDesc:
	default:
		return false
	}
	t.mainDesc, t.mainTot, t.mainFull = b.Desc, b.Total, b.N >= b.Total
	return true
}

func (t *Tracker) trainer(d map[string]float64, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	loss, ok := d["loss"]
	if !ok {
		loss, ok = d["train_loss"]
	}
	if ok && !t.jsonLoss {
		t.p.Loss, t.p.HasLoss = loss, true
	}
	if e, ok := d["epoch"]; ok {
		t.p.Epoch = e
	}
	if rt, ok := d["train_runtime"]; ok {
		t.finish(seconds(rt))
	}
	if t.p.Source == "" {
		t.p.Source = "trainer"
	}
	t.p.Updated = now
}

func (t *Tracker) finish(runtime time.Duration) {
	t.p.Done, t.p.Runtime, t.p.ETA = true, runtime, 0
	t.p.Percent = 100
	if t.p.Total > 0 {
		t.p.Step = t.p.Total
	}
}

func (t *Tracker) report(r Report, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.json, t.p.Source, t.p.Updated = true, "jsonl", now
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
	t.derive(r)
	if r.Done != nil && *r.Done {
		t.finish(t.p.Runtime)
	}
}

// step records a step and averages the rate since the first report.
func (t *Tracker) step(s float64, now time.Time) {
	t.p.Step = round(s)
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

func round(v float64) int64 {
	if v > math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return int64(math.Round(v))
}

// seconds converts to a Duration, clamped to [0, 10 years].
func seconds(s float64) time.Duration {
	const most = 10 * 365 * 24 * time.Hour
	if !(s > 0) {
		return 0
	}
	if s >= most.Seconds() {
		return most
	}
	return time.Duration(s * float64(time.Second))
}

// shortText keeps the first n runes of s with control characters removed.
func shortText(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
