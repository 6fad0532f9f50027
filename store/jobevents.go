package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// JobEvent is one entry in a job's history, usually a state change.
type JobEvent struct {
	Time    time.Time `json:"time"`
	JobID   string    `json:"job_id"`
	State   string    `json:"state,omitempty"`
	Message string    `json:"message,omitempty"`
	Reason  string    `json:"reason,omitempty"`
}

// AppendJobEvent adds ev to the history of job ev.JobID and commits it
// before returning. A zero Time means now.
func (s *Store) AppendJobEvent(ev JobEvent) error {
	if ev.JobID == "" {
		return errors.New("recording a job event: the event has no job ID")
	}
	err := s.update(func(tx *bolt.Tx) error {
		return s.appendJobEvents(tx, ev.JobID, []JobEvent{ev})
	})
	if err != nil {
		return fmt.Errorf("recording an event for job %s: %w", ev.JobID, err)
	}
	return nil
}

// appendJobEvents writes events under the job's history bucket.
func (s *Store) appendJobEvents(tx *bolt.Tx, id string, events []JobEvent) error {
	if len(events) == 0 {
		return nil
	}
	all, err := s.bucket(tx, bucketJobEvents)
	if err != nil {
		return err
	}
	b, err := all.CreateBucketIfNotExists([]byte(id))
	if err != nil {
		return err
	}
	for _, ev := range events {
		ev.JobID = id
		if ev.Time.IsZero() {
			ev.Time = s.now()
		}
		if err := putSeq(b, ev.Time, ev); err != nil {
			return err
		}
	}
	return nil
}

// putSeq stores v as JSON under a time+sequence key.
func putSeq(b *bolt.Bucket, t time.Time, v any) error {
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(seqKey(t, seq), data)
}

// JobEvents returns the history of a job, oldest first.
func (s *Store) JobEvents(id string) ([]JobEvent, error) {
	var events []JobEvent
	err := s.view(func(tx *bolt.Tx) error {
		all, err := s.bucket(tx, bucketJobEvents)
		if err != nil {
			return err
		}
		b := all.Bucket([]byte(id))
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			var ev JobEvent
			err := s.decode(v, &ev, "an event of job "+id)
			events = append(events, ev)
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("reading the history of job %s: %w", id, err)
	}
	return events, nil
}
