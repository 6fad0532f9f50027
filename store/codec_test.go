package store

import (
	"bytes"
	"math"
	"testing"
)

func TestQuantizeRoundTrip(t *testing.T) {
	nan := float32(math.NaN())
	tests := []struct {
		m    Metric
		in   float32
		want float32 // NaN: not measured
	}{
		{MetricTemp, 63.456, 63.46},
		{MetricTemp, -5, 0},
		{MetricTemp, 1e9, 655.34},
		{MetricPower, 312.34, 312.3},
		{MetricSMClock, 1980.4, 1980},
		{MetricVRAMUsed, 139.7, 139.7},
		{MetricFan, nan, nan},
		{MetricFan, float32(math.Inf(1)), nan},
	}
	for _, tt := range tests {
		got := dequantize(tt.m, quantize(tt.m, tt.in))
		if math.IsNaN(float64(tt.want)) != math.IsNaN(float64(got)) ||
			(!math.IsNaN(float64(got)) && math.Abs(float64(got-tt.want)) > 1e-3) {
			t.Errorf("%s %v stored as %v, want %v", tt.m, tt.in, got, tt.want)
		}
	}
}

func TestMergeChunkKeepsTimeOrder(t *testing.T) {
	rec := func(ms uint16) []byte { return appendRaw(nil, rawRecord{ms: ms, v: values{ms}}) }
	cat := func(bs ...[]byte) []byte { return bytes.Join(bs, nil) }
	tests := []struct {
		name          string
		old, add, out []byte
	}{
		{"empty", nil, rec(5), rec(5)},
		{"append", rec(1), cat(rec(2), rec(3)), cat(rec(1), rec(2), rec(3))},
		{"late samples", cat(rec(1), rec(5)), cat(rec(3), rec(7)), cat(rec(1), rec(3), rec(5), rec(7))},
	}
	for _, tt := range tests {
		if got := mergeChunk(tt.old, tt.add); !bytes.Equal(got, tt.out) {
			t.Errorf("%s: mergeChunk = %x, want %x", tt.name, got, tt.out)
		}
	}
}

func TestDamagedTelemetryValuesAreRejected(t *testing.T) {
	good := appendRaw(nil, rawRecord{ms: 100})
	bad := map[string][]byte{
		"empty":            {},
		"short":            good[:len(good)-1],
		"offset too large": appendRaw(nil, rawRecord{ms: 60_000}),
	}
	for name, chunk := range bad {
		if checkChunk(chunk) == nil {
			t.Errorf("%s chunk accepted", name)
		}
	}
	if checkChunk(good) != nil {
		t.Error("a good chunk was rejected")
	}
	if _, err := decodeRow(make([]byte, rowSize-1)); err == nil {
		t.Error("a short rollup row was accepted")
	}
}

// FuzzDecode feeds arbitrary bytes to the decoders: they must reject or
// decode, never panic.
func FuzzDecode(f *testing.F) {
	f.Add(appendRaw(nil, rawRecord{ms: 1, v: values{1, 2, 3}}))
	f.Add(row{count: 3}.encode())
	f.Add(row{count: 3, n: [metricCount]uint16{1}}.encode())
	f.Fuzz(func(t *testing.T, b []byte) {
		if checkChunk(b) == nil {
			for i := range len(b) / rawRecordSize {
				rawAt(b, i)
			}
			mergeChunk(b, b)
		}
		if r, err := decodeRow(b); err == nil {
			var a agg
			a.addRow(r)
			a.row()
		}
	})
}
