package store

import (
	"bytes"
	"fmt"
	"math"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Event is one entry in RigShift's event log: a notification, a mode
// change, a GPU lost or overheating, a miner restart.
type Event struct {
	Time    time.Time `json:"time"`
	Kind    string    `json:"kind"`
	GPU     string    `json:"gpu,omitempty"` // GPU UUID, when it concerns one card
	JobID   string    `json:"job_id,omitempty"`
	Title   string    `json:"title,omitempty"` // a notice's headline; the message is its body
	Message string    `json:"message,omitempty"`
	Reason  string    `json:"reason,omitempty"`
}

// The kinds of event RigShift records: what the Events screen knows how to
// show. A notice sent to the desktop is recorded as EventKindNotice and the
// notice's own kind ("notice:job-done").
const (
	EventKindMode        = "mode"          // Message: the mode switched to; Reason: why
	EventKindJobStarted  = "job-started"   // a rental job's process started
	EventKindJobRequeued = "job-requeued"  // a job was interrupted and is back in the queue
	EventKindJobCanceled = "job-cancelled" // the owner cancelled a job
	EventKindRestart     = "restart"       // a miner or a job stopped and is started again
	EventKindMinerFailed = "miner-failed"  // a miner could not be started at all
	EventKindGPUBusy     = "gpu-busy"      // a stopped workload still holds a GPU's memory
	EventKindGPUFree     = "gpu-free"      // that GPU is free again
	EventKindGPUCooled   = "gpu-cooled"    // a GPU paused for heat is cool again and works
	EventKindSettings    = "settings"      // the owner saved settings that change what RigShift does
	EventKindMiningHeld  = "mining-held"   // Mine or Auto stopped or held mining: the mining hours, the owner present
	EventKindMiningFreed = "mining-freed"  // and may mine again
	EventKindTariff      = "tariff"        // the cheaper electricity hours began or ended
	EventKindGPUAside    = "gpu-aside"     // the owner set a GPU aside: nothing of RigShift's runs on it
	EventKindGPUInUse    = "gpu-in-use"    // the owner uses a GPU set aside again
	EventKindCrashed     = "crashed"       // the last RigShift stopped unexpectedly; Message: where its report is
	EventKindNotice      = "notice:"
)

// Same reports whether e and o are the same entry of the log: one read and
// the next return equal values, not the same pointers.
func (e Event) Same(o Event) bool {
	return e.Time.Equal(o.Time) && e.Kind == o.Kind && e.GPU == o.GPU && e.JobID == o.JobID && e.Message == o.Message
}

// AppendEvent adds ev to the event log and commits it before returning.
// A zero Time means now.
func (s *Store) AppendEvent(ev Event) error {
	err := s.update(func(tx *bolt.Tx) error { return s.appendEvent(tx, ev) })
	if err != nil {
		return fmt.Errorf("recording event %q: %w", ev.Kind, err)
	}
	return nil
}

// appendEvent writes ev inside tx.
func (s *Store) appendEvent(tx *bolt.Tx, ev Event) error {
	b, err := s.bucket(tx, bucketEvents)
	if err != nil {
		return err
	}
	if ev.Time.IsZero() {
		ev.Time = s.now()
	}
	return putSeq(b, ev.Time, ev)
}

// Events returns events with from <= Time <= to, newest first, at most
// limit of them (limit <= 0: all).
func (s *Store) Events(from, to time.Time, limit int) ([]Event, error) {
	var events []Event
	err := s.view(func(tx *bolt.Tx) error {
		b, err := s.bucket(tx, bucketEvents)
		if err != nil {
			return err
		}
		c := b.Cursor()
		lower := seqKey(from, 0)
		k, v := seekBefore(c, seqKey(to, math.MaxUint64))
		for ; k != nil && bytes.Compare(k, lower) >= 0; k, v = c.Prev() {
			if limit > 0 && len(events) >= limit {
				break
			}
			var ev Event
			if err := s.decode(v, &ev, "an event"); err != nil {
				return err
			}
			events = append(events, ev)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the event log: %w", err)
	}
	return events, nil
}

// seekBefore positions c on the last key <= upper.
func seekBefore(c *bolt.Cursor, upper []byte) ([]byte, []byte) {
	k, v := c.Seek(upper)
	if k == nil {
		return c.Last()
	}
	if bytes.Compare(k, upper) > 0 {
		return c.Prev()
	}
	return k, v
}
