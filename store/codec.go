package store

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// Raw samples are stored per GPU and minute as a chunk of fixed-size
// records: a big-endian uint16 millisecond offset into the minute, then one
// uint16 per metric. Rollup rows are a uint16 sample count, then min, avg
// and max (uint16 each) per metric. When some metric was measured in only
// part of the samples (a failed read), the row goes on with one uint16 per
// metric: how many samples measured it (schema 2); without them, each
// metric was measured in all of the samples or in none, which is also how
// every schema 1 row reads. Fixed sizes make damage easy to spot: a value
// of the wrong length is reported, never read past.
const (
	rawRecordSize  = 2 + 2*int(metricCount)
	rowSize        = 2 + 6*int(metricCount)
	rowSizeCounted = rowSize + 2*int(metricCount)
	msPerMinute    = 60_000
)

var be = binary.BigEndian

// rawRecord is one raw sample inside its minute.
type rawRecord struct {
	ms uint16 // offset into the minute
	v  values
}

// appendRaw encodes r onto a chunk.
func appendRaw(chunk []byte, r rawRecord) []byte {
	chunk = be.AppendUint16(chunk, r.ms)
	for _, q := range r.v {
		chunk = be.AppendUint16(chunk, q)
	}
	return chunk
}

// checkChunk verifies a chunk read from disk before it is decoded.
func checkChunk(chunk []byte) error {
	if len(chunk) == 0 || len(chunk)%rawRecordSize != 0 {
		return fmt.Errorf("raw telemetry chunk has %d bytes, not a multiple of %d", len(chunk), rawRecordSize)
	}
	for i := 0; i < len(chunk); i += rawRecordSize {
		if ms := be.Uint16(chunk[i:]); ms >= msPerMinute {
			return fmt.Errorf("raw telemetry sample at %d ms into its minute", ms)
		}
	}
	return nil
}

// rawAt decodes record i of a checked chunk.
func rawAt(chunk []byte, i int) rawRecord {
	b := chunk[i*rawRecordSize:]
	r := rawRecord{ms: be.Uint16(b)}
	for m := range r.v {
		r.v[m] = be.Uint16(b[2+2*m:])
	}
	return r
}

// mergeChunk adds new records to a stored chunk, keeping time order. The
// common case, samples newer than the stored ones, is a plain append.
func mergeChunk(old, add []byte) []byte {
	if len(old) == 0 {
		return add
	}
	if be.Uint16(add) >= be.Uint16(old[len(old)-rawRecordSize:]) {
		return append(slices.Clip(old), add...)
	}
	var recs []rawRecord
	for _, c := range [][]byte{old, add} {
		for i := range len(c) / rawRecordSize {
			recs = append(recs, rawAt(c, i))
		}
	}
	slices.SortStableFunc(recs, func(a, b rawRecord) int { return int(a.ms) - int(b.ms) })
	out := make([]byte, 0, len(recs)*rawRecordSize)
	for _, r := range recs {
		out = appendRaw(out, r)
	}
	return out
}

// row is a rollup of the samples of one GPU over one minute or hour.
type row struct {
	count         uint16              // samples rolled up (saturates)
	n             [metricCount]uint16 // samples that measured each metric (saturates)
	min, avg, max values
}

// encode returns the row's stored form, with the per-metric counts only
// when they say more than count does.
func (r row) encode() []byte {
	b := make([]byte, 0, rowSizeCounted)
	b = be.AppendUint16(b, r.count)
	for m := range metricCount {
		b = be.AppendUint16(b, r.min[m])
		b = be.AppendUint16(b, r.avg[m])
		b = be.AppendUint16(b, r.max[m])
	}
	if r.partial() {
		for _, n := range r.n {
			b = be.AppendUint16(b, n)
		}
	}
	return b
}

// partial reports whether some metric was measured in only part of the
// row's samples.
func (r row) partial() bool {
	for _, n := range r.n {
		if n != 0 && n != r.count {
			return true
		}
	}
	return false
}

// checkRowSize verifies a rollup row read from disk before it is decoded.
func checkRowSize(b []byte) error {
	if len(b) != rowSize && len(b) != rowSizeCounted {
		return fmt.Errorf("telemetry rollup has %d bytes, want %d or %d", len(b), rowSize, rowSizeCounted)
	}
	return nil
}

// decodeRow reads a stored rollup row.
func decodeRow(b []byte) (row, error) {
	if err := checkRowSize(b); err != nil {
		return row{}, err
	}
	r := row{count: be.Uint16(b)}
	for m := range metricCount {
		o := 2 + 6*int(m)
		r.min[m], r.avg[m], r.max[m] = be.Uint16(b[o:]), be.Uint16(b[o+2:]), be.Uint16(b[o+4:])
		switch {
		case len(b) == rowSizeCounted:
			r.n[m] = be.Uint16(b[rowSize+2*int(m):])
		case r.avg[m] != noValue:
			r.n[m] = r.count
		}
	}
	return r, nil
}
