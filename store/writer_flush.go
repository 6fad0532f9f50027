package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

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
	var staged openRollups
	err := w.s.update(func(tx *bolt.Tx) error {
		staged = openRollups{}
		if err := w.s.writeTelemetry(tx, batch, now, w.open, staged); err != nil {
			return err
		}
		if prune {
			return w.s.prune(tx, now)
		}
		return nil
	})
	if err != nil {
		err = fmt.Errorf("saving %d telemetry samples: %w", len(batch), err)
	} else {
		w.open.update(staged) // only what was committed
		if prune {
			w.lastPrune = now
		}
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
