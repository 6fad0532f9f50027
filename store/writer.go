package store

import (
	"fmt"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
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

	flushMu   sync.Mutex // one flush at a time; guards lastPrune
	lastPrune time.Time

	stop, done chan struct{}
	closeOnce  sync.Once
}

// Telemetry returns the store's telemetry writer, starting it on first use.
// Store.Close flushes and stops it.
func (s *Store) Telemetry() *TelemetryWriter {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.writer == nil {
		s.writer = &TelemetryWriter{s: s, interval: s.opts.FlushInterval, hook: s.flushHook,
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
// Close are dropped.
func (w *TelemetryWriter) Add(pts ...TelemetryPoint) {
	w.mu.Lock()
	if !w.closed {
		w.buf = append(w.buf, pts...)
	}
	w.mu.Unlock()
}

// Flush commits the buffered samples now.
func (w *TelemetryWriter) Flush() error {
	w.mu.Lock()
	closed := w.closed
	w.mu.Unlock()
	if closed {
		return nil
	}
	return w.flush()
}

// flush commits what is buffered and, once a minute, prunes old data in
// the same transaction. Samples that cannot be written are dropped: the
// error is returned and kept for Err.
func (w *TelemetryWriter) flush() error {
	w.flushMu.Lock()
	defer w.flushMu.Unlock()
	w.mu.Lock()
	batch := w.buf
	w.buf, w.spare = w.spare[:0], nil
	w.mu.Unlock()

	now := w.s.now()
	prune := now.Sub(w.lastPrune) >= pruneEvery
	if len(batch) == 0 && !prune {
		w.recycle(batch)
		return nil
	}
	if w.hook != nil && len(batch) > 0 {
		w.hook("begin", time.Now())
	}
	err := w.s.update(func(tx *bolt.Tx) error {
		if err := w.s.writeTelemetry(tx, batch, now); err != nil {
			return err
		}
		if prune {
			return w.s.prune(tx, now)
		}
		return nil
	})
	if err != nil {
		err = fmt.Errorf("saving %d telemetry samples: %w", len(batch), err)
	} else if prune {
		w.lastPrune = now
	}
	w.finish(batch, err)
	return err
}

// finish records the outcome of a flush and reports it to the test hook.
func (w *TelemetryWriter) finish(batch []TelemetryPoint, err error) {
	if err == nil && w.hook != nil && len(batch) > 0 {
		newest := batch[0].Time
		for _, p := range batch {
			newest = maxTime(newest, p.Time)
		}
		w.hook("commit", newest)
	}
	w.mu.Lock()
	if err != nil {
		w.err = err
	}
	w.mu.Unlock()
	w.recycle(batch)
}

// recycle keeps a flushed batch's memory for the next one.
func (w *TelemetryWriter) recycle(batch []TelemetryPoint) {
	clear(batch)
	w.mu.Lock()
	w.spare = batch[:0]
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
