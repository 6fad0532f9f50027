package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// PutSettings saves v (any JSON-encodable value) as RigShift's settings.
func (s *Store) PutSettings(v any) error {
	if err := s.putMeta(keySettings, v); err != nil {
		return fmt.Errorf("saving settings: %w", err)
	}
	return nil
}

// putMeta saves v as JSON under key in the meta bucket.
func (s *Store) putMeta(key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		meta, err := s.bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put(key, data)
	})
}

// GetSettings decodes the saved settings into v. When nothing was saved yet
// it leaves v as it is (so defaults set beforehand stay) and returns nil.
func (s *Store) GetSettings(v any) error {
	var data []byte
	err := s.view(func(tx *bolt.Tx) error {
		meta, err := s.bucket(tx, bucketMeta)
		if err == nil {
			data = append(data, meta.Get(keySettings)...)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("reading settings: %w", err)
	}
	if data == nil {
		return nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("reading settings: %w", err)
	}
	return nil
}
