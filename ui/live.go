package ui

import (
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// statusEvery is how often the status is re-read without a change signal:
// job progress and ETAs move without the controller signalling.
const statusEvery = 2 * time.Second

// watchStatus reads the controller's status and jobs off the UI goroutine
// whenever it signals a change, and at least every period, and hands each
// reading to show on the UI goroutine. Signals that arrive during a read
// fold into the next one, so a busy controller cannot flood the UI.
func watchStatus(src statusSource, period time.Duration, show func(control.Status, []control.Job)) (stop func()) {
	changed, unsubscribe := src.Subscribe()
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(period)
		defer tick.Stop()
		for {
			st, jobs := src.Status(), src.Jobs()
			runOnUI(func() { show(st, jobs) })
			select {
			case <-done:
				return
			case <-changed:
			case <-tick.C:
			}
		}
	}()
	return func() { unsubscribe(); close(done) }
}

// follow hands each snapshot from feed to show on the UI goroutine, until
// the returned function is called.
func follow(feed Feed, show func(*hardware.Snapshot)) (stop func()) {
	snaps, unsubscribe := feed.Subscribe()
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case snap := <-snaps:
				runOnUI(func() { show(&snap) })
			}
		}
	}()
	return func() { unsubscribe(); close(done) }
}
