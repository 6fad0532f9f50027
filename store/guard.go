package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// guard runs fn and turns a panic or a memory fault inside bbolt (which is
// how bbolt reacts to damaged pages) into an ErrCorrupt error, so that a bad
// file never crashes RigShift. bbolt rolls the transaction back as the panic
// unwinds, so the store stays usable.
func guard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = corrupt(path, fmt.Errorf("reading the file failed: %v", r))
		}
	}()
	return fn()
}

// view runs fn in a short read transaction.
func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	return guard(s.path, func() error { return s.db.View(fn) })
}

// update runs fn in a write transaction; it returns once the commit is on
// disk.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	err := guard(s.path, func() error {
		if err := s.writeFault(); err != nil {
			return err
		}
		return s.db.Update(fn)
	})
	switch {
	case errors.Is(err, syscall.ENOSPC):
		err = &wordedError{"the disk holding " + s.path + " is full", err}
	case errors.Is(err, syscall.EROFS):
		err = &wordedError{"the data directory of " + s.path + " became read-only", err}
	}
	s.health.note(err, s.now())
	return err
}

// bucket returns a top-level bucket, or ErrCorrupt when it is missing
// (Open creates all of them).
func (s *Store) bucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	b := tx.Bucket(name)
	if b == nil {
		return nil, corruptf(s.path, "bucket %q is missing", name)
	}
	return b, nil
}

// decode unmarshals a JSON record read from disk; bad JSON is damage.
func (s *Store) decode(data []byte, v any, what string) error {
	if err := json.Unmarshal(data, v); err != nil {
		return corrupt(s.path, &wordedError{what + " cannot be read: " + jsonWords(err, "its contents"), err})
	}
	return nil
}
