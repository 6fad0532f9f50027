package store

import (
	"os"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestFileSizePerGPUYear measures the file one GPU needs at steady state
// with default retention: a year of 1-hour rows, 90 days of 1-minute rows
// and 48 hours of raw samples, then four more days of 1 Hz samples fed
// through the real writer path (a flush every 5 simulated minutes, pruning
// as it goes), so the file also carries the free pages that deleting old
// data leaves behind. The aim is under 25 MB.
func TestFileSizePerGPUYear(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a year of history")
	}
	const aimMB = 25
	start := fixtureEnd.Add(-4 * 24 * time.Hour)
	path := t.TempDir() + "/" + FileName
	if err := buildHistory(path, 1, start, 365*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.db.NoSync = true // size, not durability, is measured here
	w := s.Telemetry()
	gpu := benchGPUNames()[0]
	for at := start; at.Before(fixtureEnd); {
		for range 300 {
			p := NewTelemetryPoint(at, gpu)
			for m := range metricCount {
				p.SetValue(m, synthetic(m, at))
			}
			w.Add(p)
			at = at.Add(time.Second)
		}
		setClock(s, at)
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	used := pagesMB(t, s)
	s.Close()
	size := fileMB(t, path)
	if _, err := Compact(path); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	live := pagesMB(t, s)
	s.Close()
	t.Logf("one GPU at steady state: file %.1f MB (bbolt grows it in steps), pages up to the high-water mark %.1f MB, "+
		"of which live data %.1f MB; aim %d MB", size, used, live, aimMB)
	if size > aimMB {
		t.Errorf("file is %.1f MB per GPU, over the %d MB aim", size, aimMB)
	}
}

// fileMB is the size of a file in megabytes (10^6 bytes).
func fileMB(t *testing.T, path string) float64 {
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return float64(info.Size()) / 1e6
}

// pagesMB is the size of the file up to bbolt's high-water mark, in
// megabytes: data plus free pages, without the unused tail.
func pagesMB(t *testing.T, s *Store) float64 {
	var hwm int64
	if err := s.view(func(tx *bolt.Tx) error { hwm = tx.Size(); return nil }); err != nil {
		t.Fatal(err)
	}
	return float64(hwm) / 1e6
}
