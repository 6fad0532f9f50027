package progress

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Tracker merges progress from a job's output lines and its JSON reports.
// It is safe for concurrent use.
//
// Output often holds several tqdm bars: dataset "Map" bars, the training
// bar, evaluation bars. The Tracker follows one main bar: the first bar
// with a total; a bar with a larger total, or any bar once the main one is
// full or silent, takes over; smaller bars that come and go meanwhile
// (evaluation) are ignored. Once JSON reports tell how far the job got,
// they own step, total and ETA.
type Tracker struct {
	mu       sync.Mutex
	p        Progress
	mainDesc string
	mainUnit string
	mainTot  float64
	mainN    float64       // how far the main bar got
	mainRan  time.Duration // the main bar's elapsed time, as it last printed it
	mainFull bool
	mainAt   time.Time     // when the main bar last printed
	mainStep time.Duration // the main bar's time per unit; 0 when unknown
	json     bool
	jsonLoss bool
	first    struct {
		step float64
		at   time.Time
	}
	counted counted // plain-text counters seen, while no bar or report says more
}

// NewTracker returns a Tracker with nothing reported yet.
func NewTracker() *Tracker { return &Tracker{p: Unknown()} }

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
	if b, ok := ParseRich(text); ok {
		t.bar(b, now) // Lightning's RichProgressBar: read as its tqdm bar is
		return
	}
	if d, ok := ParseHF(text); ok {
		t.trainer(d, now)
		return
	}
	if c, ok := ParseCounts(text); ok {
		t.counts(c, now)
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
	if t.p.Done || !t.takesBar(b, now) {
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
	t.p.Step, t.p.HasStep, t.p.Total, t.p.Rate = round(b.N), true, round(b.Total), b.Rate
	t.p.Percent, t.p.ETA = -1, b.Remaining
	if b.Total > 0 {
		t.p.Percent = math.Min(100, 100*b.N/b.Total)
		if t.p.ETA < 0 && b.Rate > 0 {
			t.p.ETA = seconds((b.Total - b.N) / b.Rate)
		}
	}
	k := &t.counted
	if c, ok := descEpoch(b.Desc); ok {
		k.barEpoch(c) // a bar per epoch: tqdm(desc=f"Epoch {e}/{epochs}"), YOLO's "1/100  3.2G …"
		t.p.Epoch, t.p.Epochs = float64(k.epoch), k.epochs
	}
	if k.epochs > 0 { // the bar counts the steps of the epoch the output named
		t.p.Percent = k.percent(t.p)
		t.p.ETA = k.eta(t.p.Percent, now)
	}
}

// mainSilence is how long the main bar must have printed nothing before
// another bar may take over: a bar closed with leave=False is cleared
// without printing itself full.
const mainSilence = 30 * time.Second

// nearlyFull is how far a silent bar must have got to count as closed: the
// training bar is silent too while an evaluation runs, however long.
const nearlyFull = 0.95

// takesBar decides whether b is (or becomes) the main bar: the first one,
// the main bar itself (renamed too, when it went on), never Lightning's
// validation or test bar over its training bar (full or not), the training
// bar over those, any bar after a full one (the model's download before a
// streaming training loop) but an evaluation's, a bigger one (the training
// bar over an evaluation's), the next epoch's, or, once the main bar has
// gone silent, any bar after one without a total (Lightning's "450/?": its
// validation bar has a total) or after one that nearly got to its end
// (closed with leave=False).
func (t *Tracker) takesBar(b Bar, now time.Time) bool {
	switch {
	case t.mainAt.IsZero(), b.Total == t.mainTot && b.Desc == t.mainDesc:
	case trains(t.mainDesc) && evaluates(b.Desc):
		return false
	case b.Total == t.mainTot && b.Total > 0 && b.N >= t.mainN:
		// the main bar renamed ("loss 2.301: 45%|…"): a loop's loss in its description
	case (evaluates(t.mainDesc) || t.mainDesc == "Training") && trains(b.Desc):
	case t.mainFull && evaluatesAfter(t.mainDesc, t.mainUnit, t.mainTot, t.mainRan, b):
		return false
	case t.mainFull && countsEpochs(t.mainDesc) && !countsEpochs(b.Desc):
		return false // a validation after an epoch's bar (YOLO's "Class  Images …")
	case t.mainFull:
	case t.mainTot == 0:
		if b.Total > 0 && !t.silent(now) {
			return false
		}
	case b.Total > t.mainTot, laterEpoch(t.mainDesc, b.Desc):
	case t.silent(now) && t.mainN >= nearlyFull*t.mainTot:
	default:
		return false
	}
	t.mainDesc, t.mainUnit, t.mainTot, t.mainN, t.mainRan = b.Desc, b.Unit, b.Total, b.N, b.Elapsed
	t.mainFull = b.Total > 0 && b.N >= b.Total
	t.mainAt, t.mainStep = now, 0
	if b.Rate > 0 {
		t.mainStep = seconds(1 / b.Rate)
	}
	return true
}

// laterEpoch reports whether a bar named desc is the next epoch's after
// the main bar's ("Epoch 3/3" after "Epoch 2/3"), which a bar closed with
// leave=False leaves unfinished.
func laterEpoch(main, desc string) bool {
	m, ok1 := descEpoch(main)
	d, ok2 := descEpoch(desc)
	return ok1 && ok2 && d.Epochs == m.Epochs && d.Epoch > m.Epoch
}

// descEpoch reads the epoch a bar's description names: "Epoch 2/3", or
// YOLO's columns, the epoch first and the GPU memory next ("1/100  3.21G
// 1.234 …"; YOLOv5 counts from 0: "0/299  3.2G …").
func descEpoch(desc string) (Counts, bool) {
	if c, ok := ParseCounts(desc); ok && c.Epochs > 0 && c.Steps == 0 {
		return c, true
	}
	f := strings.Fields(desc)
	if len(f) < 3 || !strings.HasSuffix(f[1], "G") {
		return Counts{}, false
	}
	if _, err := strconv.ParseFloat(strings.TrimSuffix(f[1], "G"), 64); err != nil {
		return Counts{}, false
	}
	n, tot, ok := strings.Cut(f[0], "/")
	e, err1 := strconv.ParseInt(n, 10, 64)
	es, err2 := strconv.ParseInt(tot, 10, 64)
	if !ok || err1 != nil || err2 != nil || e < 0 || es <= 0 || e > es {
		return Counts{}, false
	}
	return Counts{Epoch: e, Epochs: es}, true
}

// countsEpochs reports whether a bar named desc is one epoch's.
func countsEpochs(desc string) bool {
	_, ok := descEpoch(desc)
	return ok
}

// evaluatesAfter reports whether bar b, after a full bar with no
// description counting tot units in ran, is an evaluation's: a smaller
// count of the same units, with no description either, as the Trainer's
// evaluation bar after its training bar, or a loop's tqdm(val_loader)
// after its tqdm(train_loader), and no longer running than that bar did.
// What comes before training (a dataset's "Map", a model's download) has a
// description or counts bytes, or, a loop's own preparation (for path in
// tqdm(paths)), ran shorter than the training bar after it soon has.
func evaluatesAfter(desc, unit string, tot float64, ran time.Duration, b Bar) bool {
	return desc == "" && b.Desc == "" && b.Unit == unit && b.Total < tot && b.Elapsed <= ran
}

// trains reports whether a bar named desc is a training bar as Lightning
// names it: "Epoch N", and "Training" before the first epoch names it.
func trains(desc string) bool {
	return strings.HasPrefix(desc, "Epoch") || desc == "Training"
}

// evaluates reports whether a bar named desc is one of Lightning's other
// loops: the sanity check before training, a validation (a pause of
// training however long it lasts, never the job's progress), or a test or
// prediction after it. Each first prints a bar without a total ("Validation:
// |  | 0/?"), then "Validation DataLoader 0: 45%|…".
func evaluates(desc string) bool {
	for _, p := range []string{"Sanity Checking", "Validation", "Testing", "Predicting"} {
		if strings.HasPrefix(desc, p) {
			return true
		}
	}
	return false
}

// silent reports whether the main bar has stopped printing: for longer than
// mainSilence and than three of its steps (a slow step prints once).
func (t *Tracker) silent(now time.Time) bool {
	quiet := now.Sub(t.mainAt)
	return quiet > mainSilence && quiet > 3*t.mainStep
}

func (t *Tracker) trainer(d map[string]float64, now time.Time) {
	if !hasAny(d, "loss", "train_loss", "epoch", "train_runtime") {
		return // a dict the job printed, not the Trainer's log: nothing to show
	}
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

func hasAny(d map[string]float64, keys ...string) bool {
	for _, k := range keys {
		if _, ok := d[k]; ok {
			return true
		}
	}
	return false
}

func (t *Tracker) finish(runtime time.Duration) {
	t.p.Done, t.p.Runtime, t.p.ETA = true, runtime, 0
	t.p.Percent = 100
	if t.p.Total > 0 {
		t.p.Step, t.p.HasStep = t.p.Total, true
	}
}
