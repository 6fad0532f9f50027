package ui

import (
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// liveView is what the live loop feeds, on the UI goroutine. A snapshot
// handed over with draw false is only to be recorded (the sparklines keep
// every sample), not drawn.
type liveView interface {
	showStatus(control.Status, []control.Job)
	showSnapshot(snap *hardware.Snapshot, draw bool)
	// wantsJobs tells, from any goroutine, whether the job list is wanted
	// with the status: not while the window is in the tray, where listing a
	// busy year's 10 000 jobs cost 6.5 ms a period for nothing shown.
	wantsJobs() bool
}

// live keeps a view up to date from the controller and the telemetry feed
// (nil where there is none), reading both off the UI goroutine.
//
// Every change to what the window shows makes Fyne repaint all of it, so
// the loop draws once a period (the dashboard's refresh, which the owner
// picks): a snapshot in between is handed over only to be recorded, and
// the status, re-read each period for the jobs' progress, rides along with
// the snapshot that is drawn. A change the controller signals (a mode
// switch, a job that ended) is shown at once. Signals that arrive during a
// read fold into the next one, so a busy controller cannot flood the UI.
type live struct {
	src      statusSource
	feed     Feed
	period   time.Duration // owned by run's goroutine
	periods  chan time.Duration
	view     liveView
	lastRead time.Time     // the last status read
	lastDraw time.Time     // the last snapshot handed over to be drawn
	jobs     []control.Job // the last job list read, handed over again while none is wanted
	reread   chan struct{} // rereadSoon's requests

	done        chan struct{}
	unsubscribe func()
}

// watch starts the loop; l.setPeriod changes its period, l.stop ends it.
func watch(src statusSource, feed Feed, period time.Duration, view liveView) *live {
	l := &live{src: src, feed: feed, period: period, periods: make(chan time.Duration, 1), view: view, reread: make(chan struct{}, 1)}
	changed, unsubscribe := src.Subscribe()
	var snaps <-chan hardware.Snapshot
	unfollow := func() {}
	if feed != nil {
		snaps, unfollow = feed.Subscribe()
	}
	l.done = make(chan struct{})
	l.unsubscribe = func() { unsubscribe(); unfollow() }
	go l.run(changed, snaps)
	return l
}

// stop ends the loop.
func (l *live) stop() {
	l.unsubscribe()
	close(l.done)
}

// rereadSoon asks for the status and the jobs at once (the window comes
// back from the tray); it never blocks.
func (l *live) rereadSoon() {
	select {
	case l.reread <- struct{}{}:
	default:
	}
}

// setPeriod changes how often the view is drawn; the latest call wins.
func (l *live) setPeriod(d time.Duration) {
	select {
	case <-l.periods: // an older request not yet taken
	default:
	}
	l.periods <- d
}

func (l *live) run(changed <-chan struct{}, snaps <-chan hardware.Snapshot) {
	// Without a feed the ticker drives the periodic reads; with one it is
	// only the fallback for a feed that has gone quiet.
	tick := time.NewTicker(l.period)
	defer tick.Stop()
	l.showStatus()
	for {
		select {
		case <-l.done:
			return
		case d := <-l.periods:
			l.period = d
			tick.Reset(d)
		case <-changed:
			l.showStatus()
		case <-l.reread:
			l.showStatus()
		case snap := <-snaps:
			l.showSnapshot(snap)
		case <-tick.C:
			if l.feed == nil || time.Since(l.lastRead) >= 2*l.period {
				l.showStatus()
			}
		}
	}
}

// showStatus reads the status and hands it over alone.
func (l *live) showStatus() {
	st, jobs := l.read()
	runOnUI(func() { l.view.showStatus(st, jobs) })
}

// showSnapshot hands snap over: to be drawn, with a fresh status, once a
// period; only to be recorded in between.
func (l *live) showSnapshot(snap hardware.Snapshot) {
	// Three quarters of the period: a snapshot that comes a little early
	// is still drawn, instead of leaving the status to the ticker.
	if time.Since(l.lastDraw) < l.period*3/4 {
		runOnUI(func() { l.view.showSnapshot(&snap, false) })
		return
	}
	l.lastDraw = time.Now()
	st, jobs := l.read()
	runOnUI(func() { l.view.showSnapshot(&snap, true); l.view.showStatus(st, jobs) })
}

func (l *live) read() (control.Status, []control.Job) {
	l.lastRead = time.Now()
	if l.view.wantsJobs() {
		l.jobs = l.src.Jobs()
	}
	return l.src.Status(), l.jobs
}
