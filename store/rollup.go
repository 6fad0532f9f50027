package store

import bolt "go.etcd.io/bbolt"

// putRows merges rollup intervals into telemetry_1m or telemetry_1h. An
// interval this process wrote before merges with its exact sums in open;
// any other with its stored row, whose average is rounded.
func (s *Store) putRows(tx *bolt.Tx, res []byte, gpu string, aggs []agg, open, staged openRollups) error {
	if len(aggs) == 0 {
		return nil
	}
	top, err := s.bucket(tx, res)
	if err != nil {
		return err
	}
	b, err := top.CreateBucketIfNotExists([]byte(gpu))
	if err != nil {
		return err
	}
	b.FillPercent = 1
	k := rollupKey{res: string(res), gpu: gpu}
	for i := range aggs {
		key := secKeyUnix(aggs[i].start)
		if prev, ok := open[k]; ok && prev.start == aggs[i].start {
			aggs[i].merge(prev)
		} else if r, err := decodeRow(b.Get(key)); err == nil {
			aggs[i].addRow(r)
		} // else nothing stored, or a damaged row, which is replaced as a raw chunk is
		if err := b.Put(key, aggs[i].row().encode()); err != nil {
			return err
		}
		staged[k] = aggs[i] // in time order: the latest interval stays
	}
	return nil
}

// openRollups holds, per resolution and GPU, the exact sums of the latest
// interval written. Merging a flush (every 5 s) into an interval's stored
// row would round its average again each time: late in an hour a flush
// moves the average by less than the rounding, and the hour's average
// stood where its first minutes left it.
type openRollups map[rollupKey]agg

type rollupKey struct{ res, gpu string }

// update takes the intervals a committed flush wrote.
func (o openRollups) update(staged openRollups) {
	for k, a := range staged {
		o[k] = a
	}
}

// readRows calls fn for each rollup row of gpu in res (telemetry_1m or
// telemetry_1h) that starts in [fromSec, toSec], in time order. Returning
// errStop from fn ends the read early without an error.
func (s *Store) readRows(tx *bolt.Tx, res []byte, gpu string, fromSec, toSec int64, fn func(start int64, r []byte) error) error {
	top, err := s.bucket(tx, res)
	if err != nil {
		return err
	}
	b := top.Bucket([]byte(gpu))
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for k, v := c.Seek(secKeyUnix(fromSec)); k != nil; k, v = c.Next() {
		start, err := keySec(k)
		if err == nil {
			err = checkRowSize(v)
		}
		if err != nil {
			return corrupt(s.path, err)
		}
		if start > toSec {
			return nil
		}
		if err := fn(start, v); err != nil {
			return stopOK(err)
		}
	}
	return nil
}

// rowMetric reads metric m of a checked row: the samples that measured
// it, min, avg, max.
func rowMetric(r []byte, m Metric) (n, lo, avg, hi uint16) {
	o := 2 + 6*int(m)
	n = be.Uint16(r)
	if len(r) == rowSizeCounted {
		n = be.Uint16(r[rowSize+2*int(m):])
	}
	return n, be.Uint16(r[o:]), be.Uint16(r[o+2:]), be.Uint16(r[o+4:])
}
