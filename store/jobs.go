package store

import (
	"encoding/json"
	"errors"
	"fmt"
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
	OverheadJ       float64           `json:"overhead_j,omitempty"`  // its share of the host overhead, for its electricity
	RunFrom         time.Time         `json:"run_from,omitzero"`     // when its current run began, for its earnings record
	PricedJ         float64           `json:"priced_j,omitempty"`    // energy and overhead priced at an earlier kWh price
	PricedCost      float64           `json:"priced_cost,omitempty"` // what PricedJ cost then
	Earned          float64           `json:"earned"`
	ExitCode        int               `json:"exit_code"`
	Reason          string            `json:"reason,omitempty"` // why it stopped
	// CancelAsked: the owner cancelled the job while it ran, and its
	// process was being stopped; a RigShift killed meanwhile ends it as
	// cancelled at the next start, instead of running it again.
	CancelAsked bool `json:"cancel_asked,omitempty"`
	// TimedOut: the job had its longest run and was being stopped; a
	// RigShift killed meanwhile ends it as timed out at the next start.
	TimedOut bool `json:"timed_out,omitempty"`
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

// PutJobs saves several jobs in one commit: the queue's order after a job
// leaves or moves, without a disk sync per job.
func (s *Store) PutJobs(jobs []JobRecord) error {
	data := make([][]byte, len(jobs))
	for i, j := range jobs {
		if j.ID == "" {
			return errors.New("saving jobs: a job has no ID")
		}
		var err error
		if data[i], err = json.Marshal(j); err != nil {
			return fmt.Errorf("saving job %s: %w", j.ID, err)
		}
	}
	err := s.update(func(tx *bolt.Tx) error {
		b, err := s.bucket(tx, bucketJobs)
		if err != nil {
			return err
		}
		for i, j := range jobs {
			if err := b.Put([]byte(j.ID), data[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("saving %d jobs: %w", len(jobs), err)
	}
	return nil
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
