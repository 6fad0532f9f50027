package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// modeRecord is how the last mode is kept in the meta bucket.
type modeRecord struct {
	Mode   string    `json:"mode"`
	Reason string    `json:"reason,omitempty"`
	Since  time.Time `json:"since"`
}

// SetMode remembers the mode RigShift is in (so the next start resumes it)
// and appends the change to the event log, in one commit.
func (s *Store) SetMode(mode, reason string) error {
	now := s.now()
	data, err := json.Marshal(modeRecord{Mode: mode, Reason: reason, Since: now})
	if err != nil {
		return fmt.Errorf("saving mode %q: %w", mode, err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		meta, err := s.bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		if err := meta.Put(keyMode, data); err != nil {
			return err
		}
		return s.appendEvent(tx, Event{Time: now, Kind: EventKindMode, Message: mode, Reason: reason})
	})
	if err != nil {
		return fmt.Errorf("saving mode %q: %w", mode, err)
	}
	return nil
}

// Mode returns the last mode set, or "" when none was ever set.
func (s *Store) Mode() (string, error) {
	var rec modeRecord
	err := s.view(func(tx *bolt.Tx) error {
		meta, err := s.bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		if data := meta.Get(keyMode); data != nil {
			return s.decode(data, &rec, "the saved mode")
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("reading the saved mode: %w", err)
	}
	return rec.Mode, nil
}
