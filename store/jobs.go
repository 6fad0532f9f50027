package store

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// JobRecord is a rental job as RigShift remembers it. The controller owns
// its meaning (which states exist, what Position means); the store only
// keeps it.
type JobRecord struct {
	ID              string            `json:"id"`
	Client          string            `json:"client"`
	Description     string            `json:"description,omitempty"`
	Command         []string          `json:"command"`
	Env             map[string]string `json:"env,omitempty"`
	Dir             string            `json:"dir,omitempty"`
	GPUCount        int               `json:"gpu_count"`           // GPUs wanted
	GPUUUIDs        []string          `json:"gpu_uuids,omitempty"` // specific GPUs wanted
	RanOn           []string          `json:"ran_on,omitempty"`    // the GPUs it was given
	PricePerGPUHour float64           `json:"price_per_gpu_hour"`
	Currency        string            `json:"currency,omitempty"`
	MaxRuntime      time.Duration     `json:"max_runtime,omitempty"`
	InterruptPolicy string            `json:"interrupt_policy,omitempty"`
	State           string            `json:"state"`
	Position        int               `json:"position"` // place in the queue
	Progress        float64           `json:"progress,omitempty"`
	LogPath         string            `json:"log_path,omitempty"`
	CreatedAt       time.Time         `json:"created_at,omitzero"`
	StartedAt       time.Time         `json:"started_at,omitzero"`
	EndedAt         time.Time         `json:"ended_at,omitzero"`
	LastHeartbeat   time.Time         `json:"last_heartbeat,omitzero"`
	RunningSeconds  float64           `json:"running_seconds"`
	PausedSeconds   float64           `json:"paused_seconds"`
	GPUHours        float64           `json:"gpu_hours"`
	EnergyJ         float64           `json:"energy_j"`
	Earned          float64           `json:"earned"`
	ExitCode        int               `json:"exit_code"`
	Reason          string            `json:"reason,omitempty"` // why it stopped
}

// NextJobID hands out the next short job ID ("J-0001", "J-0002", ...). The
// counter is committed, so an ID is never reused, even after a crash.
func (s *Store) NextJobID() (string, error) {
	var n uint64
	err := s.update(func(tx *bolt.Tx) error {
		b, err := s.bucket(tx, bucketJobs)
		if err == nil {
			n, err = b.NextSequence()
		}
		return err
	})
	if err != nil {
		return "", fmt.Errorf("numbering a new job: %w", err)
	}
	return fmt.Sprintf("J-%04d", n), nil
}

// PutJob saves j and appends events to its history, in one commit that is
// on disk when PutJob returns: act on a state change only after this.
func (s *Store) PutJob(j JobRecord, events ...JobEvent) error {
	if j.ID == "" {
		return errors.New("saving a job: the job has no ID")
	}
	data, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("saving job %s: %w", j.ID, err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		b, err := s.bucket(tx, bucketJobs)
		if err != nil {
			return err
		}
		if err := b.Put([]byte(j.ID), data); err != nil {
			return err
		}
		return s.appendJobEvents(tx, j.ID, events)
	})
	if err != nil {
		return fmt.Errorf("saving job %s: %w", j.ID, err)
	}
	return nil
}

// GetJob returns the job with the given ID, or ErrNotFound.
func (s *Store) GetJob(id string) (JobRecord, error) {
	var j JobRecord
	err := s.view(func(tx *bolt.Tx) error {
		b, err := s.bucket(tx, bucketJobs)
		if err != nil {
			return err
		}
		data := b.Get([]byte(id))
		if data == nil {
			return ErrNotFound
		}
		return s.decode(data, &j, "job "+id)
	})
	if err != nil {
		return JobRecord{}, fmt.Errorf("reading job %s: %w", id, err)
	}
	return j, nil
}

// ListJobs returns every job, oldest first (by CreatedAt, then ID).
func (s *Store) ListJobs() ([]JobRecord, error) {
	var jobs []JobRecord
	err := s.view(func(tx *bolt.Tx) error {
		b, err := s.bucket(tx, bucketJobs)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			var j JobRecord
			err := s.decode(v, &j, "job "+string(k))
			jobs = append(jobs, j)
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("listing jobs: %w", err)
	}
	slices.SortStableFunc(jobs, func(a, b JobRecord) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return jobs, nil
}

// DeleteJob removes a job and its history. Deleting a missing job is not
// an error.
func (s *Store) DeleteJob(id string) error {
	err := s.update(func(tx *bolt.Tx) error {
		jobs, err := s.bucket(tx, bucketJobs)
		if err != nil {
			return err
		}
		if err := jobs.Delete([]byte(id)); err != nil {
			return err
		}
		events, err := s.bucket(tx, bucketJobEvents)
		if err != nil || events.Bucket([]byte(id)) == nil {
			return err
		}
		return events.DeleteBucket([]byte(id))
	})
	if err != nil {
		return fmt.Errorf("deleting job %s: %w", id, err)
	}
	return nil
}

// decode unmarshals a JSON record read from disk; bad JSON is damage.
func (s *Store) decode(data []byte, v any, what string) error {
	if err := json.Unmarshal(data, v); err != nil {
		return corruptf(s.path, "%s cannot be read: %v", what, err)
	}
	return nil
}
