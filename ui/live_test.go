package ui

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// handOver is what one hand-over to the UI goroutine showed. Each one that
// shows the status or draws a snapshot costs a repaint of the whole window;
// a snapshot handed over only to be recorded costs none.
type handOver struct{ status, snapshot, recorded bool }

// recView records the hand-overs of the live loop as the test drains them.
type recView struct {
	mu     sync.Mutex
	all    []handOver
	this   *handOver
	inTray atomic.Bool // the window is in the tray: no job list wanted
}

func (v *recView) wantsJobs() bool { return !v.inTray.Load() }

func (v *recView) showStatus(control.Status, []control.Job) { v.this.status = true }
func (v *recView) showSnapshot(_ *hardware.Snapshot, draw bool) {
	if draw {
		v.this.snapshot = true
	} else {
		v.this.recorded = true
	}
}

// drain runs the queued UI work, one hand-over at a time.
func (v *recView) drain() {
	uiQueue.Lock()
	fns := uiQueue.fns
	uiQueue.fns = nil
	uiQueue.Unlock()
	for _, f := range fns {
		v.this = &handOver{}
		f()
		v.mu.Lock()
		v.all = append(v.all, *v.this)
		v.mu.Unlock()
	}
}

func (v *recView) count(match func(handOver) bool) int {
	v.mu.Lock()
	defer v.mu.Unlock()
	n := 0
	for _, h := range v.all {
		if match(h) {
			n++
		}
	}
	return n
}

func (v *recView) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); v.drain() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func carriesStatus(h handOver) bool  { return h.status }
func statusAlone(h handOver) bool    { return h.status && !h.snapshot }
func statusWithSnap(h handOver) bool { return h.status && h.snapshot }

func drawn(h handOver) bool    { return h.snapshot }
func recorded(h handOver) bool { return h.recorded }

// feedFor sends snapshots every 20 ms for d, draining the UI as it goes,
// and returns how many it sent.
func feedFor(f feed, v *recView, d time.Duration) int {
	n := 0
	for start := time.Now(); time.Since(start) < d; n++ {
		f <- hardware.Snapshot{}
		v.drain()
		time.Sleep(20 * time.Millisecond)
	}
	v.drain()
	return n
}

// With telemetry flowing, the window is drawn once a period: the
// snapshots in between are only recorded, none is lost, and the periodic
// status read rides along with a drawn snapshot — after the first reading
// no hand-over shows the status alone.
func TestLiveDrawsOncePerPeriod(t *testing.T) {
	testApp(t)
	ctl, f, v := newFakeController(), make(feed), &recView{}
	l := watch(ctl, f, 300*time.Millisecond, v)
	defer l.stop()
	sent := feedFor(f, v, 1500*time.Millisecond)
	draws := v.count(drawn)
	if draws < 2 || draws > 8 {
		t.Errorf("%d of %d snapshots drawn in 1.5 s at a 300 ms period, want about 5", draws, sent)
	}
	if got := draws + v.count(recorded); got != sent {
		t.Errorf("%d snapshots handed over, %d sent", got, sent)
	}
	if n := v.count(statusWithSnap); n != draws {
		t.Errorf("%d status readings came with the %d drawn snapshots", n, draws)
	}
	if n := v.count(statusAlone); n != 1 {
		t.Errorf("%d hand-overs showed the status alone, want only the first reading", n)
	}
}

// The owner's new refresh takes effect at once.
func TestLiveSetPeriod(t *testing.T) {
	testApp(t)
	ctl, f, v := newFakeController(), make(feed), &recView{}
	l := watch(ctl, f, time.Hour, v)
	defer l.stop()
	feedFor(f, v, 300*time.Millisecond)
	if n := v.count(drawn); n > 1 {
		t.Fatalf("%d snapshots drawn at an hour's period", n)
	}
	l.setPeriod(40 * time.Millisecond)
	before := v.count(drawn)
	feedFor(f, v, 600*time.Millisecond)
	if n := v.count(drawn) - before; n < 4 {
		t.Errorf("%d snapshots drawn in 600 ms after the period became 40 ms", n)
	}
}

// A change the controller signals is shown at once, without waiting for
// the next snapshot.
func TestLiveSignalShownAtOnce(t *testing.T) {
	testApp(t)
	ctl, v := newFakeController(), &recView{}
	l := watch(ctl, make(feed), time.Hour, v)
	defer l.stop()
	v.waitFor(t, "the first reading", func() bool { return v.count(carriesStatus) == 1 })
	ctl.changed <- struct{}{}
	v.waitFor(t, "the signalled change", func() bool { return v.count(carriesStatus) == 2 })
}

// Without telemetry the status is re-read every period.
func TestLiveWithoutFeedPolls(t *testing.T) {
	testApp(t)
	ctl, v := newFakeController(), &recView{}
	l := watch(ctl, nil, 20*time.Millisecond, v)
	defer l.stop()
	v.waitFor(t, "periodic readings", func() bool { return v.count(carriesStatus) >= 4 })
}

// A feed gone quiet (a sampler that stopped) does not freeze the jobs'
// progress: the ticker takes over.
func TestLiveQuietFeedStillPolls(t *testing.T) {
	testApp(t)
	ctl, v := newFakeController(), &recView{}
	l := watch(ctl, make(feed), 20*time.Millisecond, v)
	defer l.stop()
	v.waitFor(t, "readings despite a quiet feed", func() bool { return v.count(carriesStatus) >= 3 })
}

// countingSource counts the job listings the live loop asks for.
type countingSource struct {
	*fakeController
	listings atomic.Int32
}

func (c *countingSource) Jobs() []control.Job {
	c.listings.Add(1)
	return c.fakeController.Jobs()
}

// Hidden in the tray, the window listed every job at every refresh for
// nothing shown (a busy year's 10 000: 6.5 ms a period). It reads only
// the status there, and lists the jobs again as soon as it is back.
func TestLiveListsNoJobsForAWindowInTheTray(t *testing.T) {
	testApp(t)
	src, v := &countingSource{fakeController: newFakeController()}, &recView{}
	v.inTray.Store(true)
	l := watch(src, nil, 20*time.Millisecond, v)
	defer l.stop()
	v.waitFor(t, "five status readings", func() bool { return v.count(carriesStatus) >= 5 })
	if n := src.listings.Load(); n != 0 {
		t.Errorf("the jobs were listed %d times for a window in the tray", n)
	}
	v.inTray.Store(false)
	l.rereadSoon()
	v.waitFor(t, "the jobs listed again", func() bool { return src.listings.Load() > 0 })
}
