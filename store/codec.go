package store

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// Raw samples are stored per GPU and minute as a chunk of fixed-size
// records: a big-endian uint16 millisecond offset into the minute, then one
// uint16 per metric. Rollup rows are a uint16 sample count, then min, avg
// and max (uint16 each) per metric. Fixed sizes make damage easy to spot:
// a value of the wrong length is reported, never read past.
const (
	rawRecordSize = 2 + 2*int(metricCount)
	rowSize       = 2 + 6*int(metricCount)
	msPerMinute   = 60_000
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
	count         uint16 // samples rolled up (saturates)
	min, avg, max values
}

// encode returns the row's stored form.
func (r row) encode() []byte {
	b := make([]byte, 0, rowSize)
	b = be.AppendUint16(b, r.count)
	for m := range metricCount {
		b = be.AppendUint16(b, r.min[m])
		b = be.AppendUint16(b, r.avg[m])
		b = be.AppendUint16(b, r.max[m])
	}
	return b
}

// decodeRow reads a stored rollup row.
func decodeRow(b []byte) (row, error) {
	if len(b) != rowSize {
		return row{}, fmt.Errorf("telemetry rollup has %d bytes, want %d", len(b), rowSize)
	}
	r := row{count: be.Uint16(b)}
	for m := range metricCount {
		o := 2 + 6*int(m)
		r.min[m], r.avg[m], r.max[m] = be.Uint16(b[o:]), be.Uint16(b[o+2:]), be.Uint16(b[o+4:])
	}
	return r, nil
}
