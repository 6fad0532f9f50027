package store

import (
	"errors"
	"os"
	"testing"
	"time"
)

func TestCompactShrinksAndKeepsData(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0)
	s.PutJob(JobRecord{ID: "J-0001", State: "done"})
	w := s.Telemetry()
	for i := range 6 * 3600 {
		w.Add(point(t0.Add(time.Duration(i)*time.Second), "g0", float32(i%50)))
	}
	w.Flush()
	setClock(s, t0.Add(56*time.Hour)) // raw older than 48 h goes: most of the file is free pages
	s.Prune()
	path := s.Path()
	s.Close()

	res, err := Compact(path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Before <= 0 || res.After >= res.Before {
		t.Errorf("Compact: %d -> %d bytes, want smaller", res.Before, res.After)
	}
	if info, _ := os.Stat(path); info.Size() != res.After {
		t.Errorf("reported %d bytes after, file has %d", res.After, info.Size())
	}
	if _, err := os.Stat(path + ".compact"); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	setClock(s2, t0.Add(56*time.Hour))
	if _, err := s2.GetJob("J-0001"); err != nil {
		t.Error(err)
	}
	if pts, err := s2.Series("g0", MetricTemp, t0, t0.Add(6*time.Hour), 10); err != nil || len(pts) != 6 {
		t.Errorf("hour rollups after compaction: %d points, %v", len(pts), err)
	}
	if err := s2.Check(); err != nil {
		t.Error(err)
	}
}

func TestCompactRefusesWhileOpenAndLeavesFile(t *testing.T) {
	s := openTest(t, Options{})
	s.PutJob(JobRecord{ID: "J-0001"})
	before := fileHash(t, s.Path())
	start := time.Now()
	_, err := Compact(s.Path())
	if !errors.Is(err, ErrLocked) || time.Since(start) > 2*time.Second {
		t.Errorf("Compact of an open database = %v after %v, want ErrLocked within 2 s", err, time.Since(start))
	}
	if fileHash(t, s.Path()) != before {
		t.Error("the file was changed")
	}
}
