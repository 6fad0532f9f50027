package store

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDamagedPagesNeverPanic overwrites one page at a time with garbage and
// runs every read and a write: each must return (an error or not), never
// crash RigShift. bbolt itself panics or faults on such pages; guard turns
// that into ErrCorrupt.
func TestDamagedPagesNeverPanic(t *testing.T) {
	good := sampleDB(t)
	m, err := newestMeta(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	page := int(m.pageSize)
	rng := rand.New(rand.NewPCG(3, 4))
	dir := t.TempDir()
	errs := 0
	for p := 2; p < int(m.pgid); p++ {
		data := bytes.Clone(good)
		for i := p * page; i < (p+1)*page; i++ {
			data[i] = byte(rng.UintN(256))
		}
		path := filepath.Join(dir, FileName)
		os.WriteFile(path, data, 0o600)
		errs += exerciseDamaged(t, path)
	}
	t.Logf("%d pages damaged in turn, %d calls reported an error", int(m.pgid)-2, errs)
}

// exerciseDamaged runs the store's calls on a damaged file and counts errors.
func exerciseDamaged(t *testing.T, path string) int {
	s, err := Open(path, Options{})
	if err != nil {
		return 1
	}
	defer s.Close()
	setClock(s, t0.Add(time.Hour))
	calls := []func() error{
		func() error { _, err := s.ListJobs(); return err },
		func() error { _, err := s.JobEvents("J-0001"); return err },
		func() error { _, err := s.Events(t0, t0.Add(time.Hour), 0); return err },
		func() error { _, err := s.EarningsByDay(t0, t0.Add(time.Hour)); return err },
		func() error { _, err := s.Mode(); return err },
		func() error { _, err := s.Series("g0", MetricTemp, t0, t0.Add(time.Hour), 100); return err },
		func() error { return s.ExportTelemetryCSV(io.Discard, "g0", t0, t0.Add(time.Hour)) },
		func() error { return s.PutJob(JobRecord{ID: "J-0002"}) },
		func() error {
			s.Telemetry().Add(point(t0.Add(time.Hour), "g0", 1))
			return s.Telemetry().Flush()
		},
		s.Check,
	}
	n := 0
	for _, call := range calls {
		if call() != nil {
			n++
		}
	}
	return n
}
