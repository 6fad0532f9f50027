package store

import (
	"sync"
	"time"
)

// problemWindow is how long a refused write keeps the database reported as
// failing. Writes come every few seconds (telemetry every 5 s, a running
// job every heartbeat), so a minute without a failure means they go through
// again; a window, not the last write's outcome, because one kind of record
// can fail (a damaged bucket) while others succeed, and the report must not
// flicker between them.
const problemWindow = time.Minute

// writeHealth remembers the writes the database refused lately: RigShift
// writes in the background (telemetry, job billing, earnings, events), so a
// full disk would otherwise show only in the app's log.
type writeHealth struct {
	mu    sync.Mutex
	since time.Time // first failure of the current run of failures
	last  time.Time // latest failure
	err   error     // latest failure's error
}

// note records a write's outcome at now; successes leave a recent failure
// standing until the window passes.
func (h *writeHealth) note(err error, now time.Time) {
	if err == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.err == nil || now.Sub(h.last) > problemWindow {
		h.since = now
	}
	h.last, h.err = now, err
}

// problem is the latest failure and since when writes have been failing,
// while the latest is under a window old.
func (h *writeHealth) problem(now time.Time) (time.Time, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.err == nil || now.Sub(h.last) > problemWindow {
		return time.Time{}, nil
	}
	return h.since, h.err
}

// WriteProblem reports whether the database refused a write in the last
// minute: the latest error (worded for the owner: a full disk, a read-only
// directory, a damaged file) and since when writes have been failing. It
// returns a nil error when writes go through.
func (s *Store) WriteProblem() (since time.Time, err error) {
	return s.health.problem(s.now())
}
