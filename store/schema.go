package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Top-level buckets and keys in the meta bucket.
var (
	bucketMeta        = []byte("meta")
	bucketJobs        = []byte("jobs")
	bucketJobEvents   = []byte("job_events")
	bucketEvents      = []byte("events")
	bucketEarnings    = []byte("earnings")
	bucketEarningIDs  = []byte("earnings_ids")
	bucketRaw         = []byte("telemetry_raw")
	bucketMinute      = []byte("telemetry_1m")
	bucketHour        = []byte("telemetry_1h")
	keySchema         = []byte("schema")
	keyMode           = []byte("mode")
	keySettings       = []byte("settings")
	keyEarningMaxSpan = []byte("earnings_max_span")
)

// migrations[i] upgrades a file from schema version i to i+1. Version 0 is a
// new, empty file. The schema version is len(migrations).
var migrations = []func(tx *bolt.Tx) error{
	createBucketsV1,
	countedRowsV2,
}

// createBucketsV1 lays out schema version 1.
func createBucketsV1(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketJobs, bucketJobEvents, bucketEvents,
		bucketEarnings, bucketEarningIDs, bucketRaw, bucketMinute, bucketHour} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("creating bucket %s: %w", name, err)
		}
	}
	return nil
}

// countedRowsV2 changes nothing stored. From schema 2 a rollup row may
// carry per-metric sample counts (see codec.go), which a RigShift that
// knows only schema 1 would take for damage: the version makes it refuse
// the file as newer instead. Schema 1 rows read as they are.
func countedRowsV2(*bolt.Tx) error { return nil }

// schemaVersion reads the file's schema version; 0 when it has none yet.
func (s *Store) schemaVersion() (int, error) {
	var v int
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketMeta)
		if b == nil {
			return foreignBuckets(tx, s.path) // new and empty, or another program's file
		}
		raw := b.Get(keySchema)
		if len(raw) != 4 {
			return corruptf(s.path, "schema version has %d bytes, want 4", len(raw))
		}
		v = int(binary.BigEndian.Uint32(raw))
		return nil
	})
	return v, err
}

// knownSchema is the file's schema version, refusing a newer RigShift's.
func (s *Store) knownSchema() (int, error) {
	v, err := s.schemaVersion()
	if err == nil && v > len(migrations) {
		err = &Error{Kind: ErrSchemaTooNew, Path: s.path,
			Err: fmt.Errorf("schema version %d, this RigShift knows up to %d", v, len(migrations))}
	}
	return v, err
}

// readableSchema refuses, for a read-only open, a file from a newer
// RigShift and one that holds no history yet (schema 0: a first start cut
// short before it laid out the file).
func (s *Store) readableSchema() error {
	v, err := s.knownSchema()
	switch {
	case err != nil:
		return err
	case v == 0:
		return noHistory(s.path)
	case v < oldestReadAsIs:
		return fmt.Errorf("database %s is of an old RigShift (schema %d) that only RigShift itself can read, once it has upgraded it: start RigShift once", s.path, v)
	}
	return nil
}

// foreignBuckets refuses a bbolt file without RigShift's meta bucket that
// holds anything: it belongs to another program, and is left as it is.
func foreignBuckets(tx *bolt.Tx, path string) error {
	return tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		return corrupt(path, fmt.Errorf("%w: it holds a bucket %q", errForeignFile, name))
	})
}

// oldestReadAsIs is the oldest schema a read-only open reads as it is,
// without upgrading it: schema 1, as countedRowsV2 changes nothing stored
// and the reads take schema 1's rows. A migration that changes what is
// stored must raise it, or have the reads convert the older shape in
// memory; a read-only open never writes the file.
const oldestReadAsIs = 1

// migrate refuses files from a newer RigShift without touching them, and
// brings older ones up to date in a single transaction.
func (s *Store) migrate() error {
	v, err := s.knownSchema()
	if err != nil {
		return err
	}
	target := len(migrations)
	if v == target {
		return nil
	}
	err = s.update(func(tx *bolt.Tx) error {
		for i := v; i < target; i++ {
			if err := migrations[i](tx); err != nil {
				return fmt.Errorf("schema %d to %d: %w", i, i+1, err)
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, binary.BigEndian.AppendUint32(nil, uint32(target)))
	})
	if err != nil {
		return fmt.Errorf("upgrading database %s: %w", s.path, err)
	}
	return nil
}
