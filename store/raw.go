package store

import (
	"time"

	bolt "go.etcd.io/bbolt"
)

// rawChunk is the new samples of one GPU for one minute.
type rawChunk struct {
	minute int64 // Unix seconds
	data   []byte
}

// putChunks merges new raw samples into their minute chunks.
func (s *Store) putChunks(tx *bolt.Tx, gpu string, chunks []rawChunk) error {
	var b *bolt.Bucket
	part := int64(-1)
	for _, c := range chunks {
		if p := floorTo(c.minute, partitionSec); p != part || b == nil {
			var err error
			if b, err = s.rawBucket(tx, p, gpu); err != nil {
				return err
			}
			part = p
		}
		key := secKeyUnix(c.minute)
		old := b.Get(key)
		if old != nil && checkChunk(old) != nil {
			// A damaged chunk of the minute being written is replaced:
			// refusing it would fail every flush, and lose every GPU's
			// samples, until the minute ends. Its own samples were
			// unreadable already.
			old = nil
		}
		if err := b.Put(key, mergeChunk(old, c.data)); err != nil {
			return err
		}
	}
	return nil
}

// rawBucket opens (creating) telemetry_raw/<partition>/<gpu>.
func (s *Store) rawBucket(tx *bolt.Tx, partition int64, gpu string) (*bolt.Bucket, error) {
	raw, err := s.bucket(tx, bucketRaw)
	if err != nil {
		return nil, err
	}
	p, err := raw.CreateBucketIfNotExists(secKeyUnix(partition))
	if err != nil {
		return nil, err
	}
	b, err := p.CreateBucketIfNotExists([]byte(gpu))
	if err == nil {
		b.FillPercent = 1 // keys arrive in order: pack pages full
	}
	return b, err
}

// readRaw calls fn for each raw sample of gpu with from <= t <= to, in time
// order, passing the sample's record (see rawRecordSize). Returning errStop
// from fn ends the read early without an error.
func (s *Store) readRaw(tx *bolt.Tx, gpu string, from, to time.Time, fn func(t time.Time, rec []byte) error) error {
	raw, err := s.bucket(tx, bucketRaw)
	if err != nil {
		return err
	}
	fromMin, toSec := floorTo(from.Unix(), 60), to.Unix()
	c := raw.Cursor()
	for pk, _ := c.Seek(secKeyUnix(floorTo(fromMin, partitionSec))); pk != nil; pk, _ = c.Next() {
		part, err := keySec(pk)
		if err != nil {
			return corrupt(s.path, err)
		}
		if part > toSec {
			break
		}
		pb := raw.Bucket(pk)
		if pb == nil || pb.Bucket([]byte(gpu)) == nil {
			continue
		}
		if err := s.readChunks(pb.Bucket([]byte(gpu)), fromMin, from, to, fn); err != nil {
			return stopOK(err)
		}
	}
	return nil
}

// readChunks walks one partition's minute chunks from fromMin on.
func (s *Store) readChunks(b *bolt.Bucket, fromMin int64, from, to time.Time, fn func(time.Time, []byte) error) error {
	c := b.Cursor()
	for k, v := c.Seek(secKeyUnix(fromMin)); k != nil; k, v = c.Next() {
		minute, err := keySec(k)
		if err == nil {
			err = checkChunk(v)
		}
		if err != nil {
			return corrupt(s.path, err)
		}
		if minute > to.Unix() {
			return errStop
		}
		for i := 0; i < len(v); i += rawRecordSize {
			t := time.UnixMilli(minute*1000 + int64(be.Uint16(v[i:])))
			if t.Before(from) || t.After(to) {
				continue
			}
			if err := fn(t, v[i:i+rawRecordSize]); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordValue is metric m of a raw record.
func recordValue(rec []byte, m Metric) uint16 { return be.Uint16(rec[2+2*int(m):]) }

// recordValues decodes all metrics of a raw record.
func recordValues(rec []byte) values {
	var v values
	for m := range v {
		v[m] = be.Uint16(rec[2+2*m:])
	}
	return v
}
