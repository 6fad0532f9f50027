package store

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// exportWindow bounds how much one read transaction of an export covers,
// so that an export never holds the database long.
var exportWindow = map[string]int64{"raw": 3600, "1m": 86400, "1h": 30 * 86400}

// ExportTelemetryCSV writes the telemetry of gpu over [from, to] as CSV,
// at the finest resolution still kept for each part of the range: 1-hour
// rows, then 1-minute rows, then raw samples, without overlap. Columns:
// time, gpu, resolution, samples, then min, avg and max of every metric
// (equal for raw samples; empty when not measured), then the GPU's index
// and name as remembered (empty when not): last, so that the columns
// before keep their places.
func (s *Store) ExportTelemetryCSV(w io.Writer, gpu string, from, to time.Time) error {
	b1, b2, err := s.exportBounds(gpu)
	if err != nil {
		return fmt.Errorf("exporting telemetry of GPU %s: %w", gpu, err)
	}
	who, err := s.gpuColumns(gpu)
	if err != nil {
		return fmt.Errorf("exporting telemetry of GPU %s: %w", gpu, err)
	}
	cw := csv.NewWriter(w)
	cw.Write(telemetryHeader())
	fromSec, toSec := from.Unix(), to.Unix()
	parts := []struct {
		res    resolution
		lo, hi int64 // row starts, inclusive
	}{
		{s.resolutions()[2], floorTo(fromSec, 3600), min(b1-1, toSec)},
		{s.resolutions()[1], max(floorTo(fromSec, 60), b1), min(b2-1, toSec)},
		{s.resolutions()[0], max(fromSec, b2), toSec},
	}
	for _, p := range parts {
		if err := s.exportPart(cw, gpu, who, p.res, p.lo, p.hi, from, to); err != nil {
			return fmt.Errorf("exporting telemetry of GPU %s: %w", gpu, err)
		}
	}
	return flushCSV(cw, "telemetry")
}

// gpuColumns are the gpu_index and gpu_name of a GPU, empty for one the
// store does not remember.
func (s *Store) gpuColumns(gpu string) ([]string, error) {
	var known map[string]GPURecord
	err := s.view(func(tx *bolt.Tx) (err error) {
		known, err = s.rememberedGPUs(tx)
		return err
	})
	g, ok := known[gpu]
	if err != nil || !ok {
		return []string{"", ""}, err
	}
	return []string{strconv.Itoa(g.Index), csvText(g.Name)}, nil
}

// exportBounds finds where 1-minute rows (b1) and raw samples (b2) begin
// for gpu, rounded down to whole hours and minutes (MaxInt64 when absent).
// Rounding down gives the finer rows the hour or minute they start in: on
// a fresh database that is all of the data, where rounding up would show a
// single hourly row. At a retention boundary it can drop the few coarser
// samples of that one hour or minute that the finer rows no longer hold.
func (s *Store) exportBounds(gpu string) (b1, b2 int64, err error) {
	first1m, firstRaw := int64(math.MaxInt64), int64(math.MaxInt64)
	err = s.view(func(tx *bolt.Tx) error {
		err := s.readRows(tx, bucketMinute, gpu, 0, math.MaxInt64, func(start int64, _ []byte) error {
			first1m = start
			return errStop
		})
		if err != nil {
			return err
		}
		return s.readRaw(tx, gpu, time.Unix(0, 0), farFuture, func(t time.Time, _ []byte) error {
			firstRaw = t.Unix()
			return errStop
		})
	})
	floor := func(sec, step int64) int64 {
		if sec == math.MaxInt64 {
			return sec
		}
		return floorTo(sec, step)
	}
	b2 = floor(firstRaw, 60)
	if first1m == math.MaxInt64 {
		first1m = b2
	}
	b1 = floor(first1m, 3600)
	return b1, max(b1, b2), err
}

// exportPart writes the rows of one resolution with starts in [lo, hi],
// one short read transaction per window.
func (s *Store) exportPart(cw *csv.Writer, gpu string, who []string, res resolution, lo, hi int64, from, to time.Time) error {
	win := exportWindow[res.name]
	for start := lo; start <= hi; start += win {
		end := min(start+win-1, hi)
		var recs [][]string
		err := s.view(func(tx *bolt.Tx) error {
			if res.bucket == nil {
				a, b := maxTime(from, time.Unix(start, 0)), minTime(to, time.Unix(end, 999_999_999))
				return s.readRaw(tx, gpu, a, b, func(t time.Time, rec []byte) error {
					recs = append(recs, telemetryRecord(t, gpu, who, res.name, 1, recordValues(rec), recordValues(rec), recordValues(rec)))
					return nil
				})
			}
			return s.readRows(tx, res.bucket, gpu, start, end, func(sec int64, r []byte) error {
				row, err := decodeRow(r)
				recs = append(recs, telemetryRecord(time.Unix(sec, 0), gpu, who, res.name, row.count, row.min, row.avg, row.max))
				return err
			})
		})
		if err != nil {
			return err
		}
		if err := cw.WriteAll(recs); err != nil {
			return err
		}
	}
	return nil
}

// telemetryHeader names the telemetry CSV columns.
func telemetryHeader() []string {
	h := []string{"time", "gpu", "resolution", "samples"}
	for m := range metricCount {
		c := metricInfo[m].column
		h = append(h, c+"_min", c+"_avg", c+"_max")
	}
	return append(h, "gpu_index", "gpu_name")
}

// telemetryRecord is one CSV row; who is its gpu_index and gpu_name.
func telemetryRecord(t time.Time, gpu string, who []string, res string, n uint16, lo, avg, hi values) []string {
	rec := []string{csvTime(t), gpu, res, strconv.Itoa(int(n))}
	for m := range metricCount {
		for _, q := range []uint16{lo[m], avg[m], hi[m]} {
			if q == noValue {
				rec = append(rec, "")
			} else {
				rec = append(rec, strconv.FormatFloat(float64(dequantize(m, q)), 'f', -1, 32))
			}
		}
	}
	return append(rec, who...)
}
