package store

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// openTest opens a store in a fresh temporary directory, closed at cleanup.
func openTest(t testing.TB, opts Options) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), FileName), opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// reopen closes s and opens its file again.
func reopen(t testing.TB, s *Store) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	s2, err := Open(s.Path(), s.opts)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { s2.Close() })
	return s2
}

// setClocks makes the store's wall clock read at when real time since it
// opened is elapsed: a test moves one without the other to set the clock.
func setClocks(s *Store, at time.Time, elapsed time.Duration) {
	setClock(s, at)
	f := func() time.Duration { return elapsed }
	s.realClock.Store(&f)
}

// setClock makes the store's retention clock return at.
func setClock(s *Store, at time.Time) {
	f := func() time.Time { return at }
	s.clock.Store(&f)
}

// fileHash fingerprints a file, to prove it was not changed.
func fileHash(t testing.TB, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return sha256.Sum256(data)
}

// point is a sample with every metric set from base.
func point(t time.Time, gpu string, base float32) TelemetryPoint {
	p := NewTelemetryPoint(t, gpu)
	for m := range metricCount {
		p.SetValue(m, base+float32(m))
	}
	return p
}

// t0 is a fixed, hour-aligned instant for deterministic tests.
var t0 = time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)
