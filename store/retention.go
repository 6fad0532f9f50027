package store

import (
	"bytes"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Prune drops telemetry past its retention now. The telemetry writer does
// this by itself once a minute; Prune is for tools and tests.
func (s *Store) Prune() error {
	if err := s.update(func(tx *bolt.Tx) error { return s.prune(tx, s.now()) }); err != nil {
		return fmt.Errorf("dropping old telemetry: %w", err)
	}
	return nil
}

// prune applies every retention at now.
func (s *Store) prune(tx *bolt.Tx, now time.Time) error {
	cut := s.cutoffsAt(now)
	if err := s.pruneRaw(tx, cut.raw); err != nil {
		return err
	}
	if err := s.pruneRows(tx, bucketMinute, cut.minute); err != nil {
		return err
	}
	return s.pruneRows(tx, bucketHour, cut.hour)
}

// pruneRaw deletes whole raw partitions that end at or before cutoff.
func (s *Store) pruneRaw(tx *bolt.Tx, cutoff int64) error {
	raw, err := s.bucket(tx, bucketRaw)
	if err != nil {
		return err
	}
	var old [][]byte
	c := raw.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		start, err := keySec(k)
		if err != nil {
			return corrupt(s.path, err)
		}
		if start+partitionSec > cutoff {
			break
		}
		old = append(old, bytes.Clone(k))
	}
	for _, k := range old {
		if err := raw.DeleteBucket(k); err != nil {
			return fmt.Errorf("dropping raw telemetry partition: %w", err)
		}
	}
	return nil
}

// pruneRows deletes rollup rows that start before cutoff, for every GPU.
func (s *Store) pruneRows(tx *bolt.Tx, res []byte, cutoff int64) error {
	top, err := s.bucket(tx, res)
	if err != nil {
		return err
	}
	limit := secKeyUnix(cutoff)
	return top.ForEachBucket(func(gpu []byte) error {
		b := top.Bucket(gpu)
		c := b.Cursor()
		for k, _ := c.First(); k != nil && bytes.Compare(k, limit) < 0; k, _ = c.First() {
			if err := c.Delete(); err != nil {
				return err
			}
		}
		return nil
	})
}
