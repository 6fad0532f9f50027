package store

import (
	"sync"
	"time"
)

// pruneEvery is how often a flush also drops data past its retention.
const pruneEvery = time.Minute

// TelemetryWriter buffers telemetry samples in memory and commits them every
// FlushInterval, on Flush and on Close. A crash loses at most one interval.
// It is safe for concurrent use; get it from Store.Telemetry.
type TelemetryWriter struct {
	s        *Store
	interval time.Duration
	// hook, for tests, hears "begin" with the time a flush took its batch
	// and "commit" with the newest sample of a committed batch.
	hook func(stage string, t time.Time)

	mu     sync.Mutex // guards buf, spare, closed, err
	buf    []TelemetryPoint
	spare  []TelemetryPoint
	closed bool
	err    error

	flushMu   sync.Mutex // one flush at a time; guards lastPrune and open
	lastPrune time.Time
	open      openRollups

	stop, done chan struct{}
	closeOnce  sync.Once
}

// Telemetry returns the store's telemetry writer, starting it on first use.
// Store.Close flushes and stops it.
func (s *Store) Telemetry() *TelemetryWriter {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.writer == nil {
		s.writer = &TelemetryWriter{s: s, interval: s.opts.FlushInterval, hook: s.flushHook, open: openRollups{},
			stop: make(chan struct{}), done: make(chan struct{})}
		if s.closed {
			s.writer.closed = true
			close(s.writer.done)
		} else {
			go s.writer.loop()
		}
	}
	return s.writer
}

// loop flushes on every tick until Close.
func (w *TelemetryWriter) loop() {
	defer close(w.done)
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			w.flush() // the error is kept for Err
		}
	}
}

// Add buffers samples; it never waits for the disk. Samples added after
// Close, without a GPU or dated before 1970 are dropped.
func (w *TelemetryWriter) Add(pts ...TelemetryPoint) {
	w.mu.Lock()
	if !w.closed {
		w.buf = append(w.buf, pts...)
	}
	w.mu.Unlock()
}

// Err is the last error a flush met, background ones included, or nil.
func (w *TelemetryWriter) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Close stops the background flushing and commits what is left.
func (w *TelemetryWriter) Close() error {
	var err error
	w.closeOnce.Do(func() {
		w.mu.Lock()
		wasClosed := w.closed // made on a closed store: nothing to flush
		w.closed = true
		w.mu.Unlock()
		close(w.stop)
		<-w.done
		if !wasClosed {
			err = w.flush()
		}
	})
	return err
}
