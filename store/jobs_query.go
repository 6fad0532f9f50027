package store

import (
	"cmp"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

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
