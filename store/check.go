package store

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// Check walks every page of the file and reports damage as ErrCorrupt. It
// reads the whole file: use it for `rigshift db check`, not at every start.
func (s *Store) Check() error {
	var problems []error
	err := s.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			if len(problems) < 10 {
				problems = append(problems, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("checking database: %w", err)
	}
	if len(problems) > 0 {
		return corrupt(s.path, errors.Join(problems...))
	}
	return nil
}

// TelemetryGPUs lists the UUIDs of the GPUs that have telemetry history.
func (s *Store) TelemetryGPUs() ([]string, error) {
	gpus := map[string]bool{}
	collect := func(b *bolt.Bucket) error {
		return b.ForEachBucket(func(k []byte) error {
			gpus[string(k)] = true
			return nil
		})
	}
	err := s.view(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketMinute, bucketHour} {
			b, err := s.bucket(tx, name)
			if err != nil {
				return err
			}
			if err := collect(b); err != nil {
				return err
			}
		}
		raw, err := s.bucket(tx, bucketRaw)
		if err != nil {
			return err
		}
		return raw.ForEachBucket(func(part []byte) error { return collect(raw.Bucket(part)) })
	})
	if err != nil {
		return nil, fmt.Errorf("listing GPUs with telemetry: %w", err)
	}
	return slices.Sorted(maps.Keys(gpus)), nil
}
