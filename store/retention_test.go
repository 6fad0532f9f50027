package store

import (
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// counts reports raw partitions, 1-minute rows and 1-hour rows of gpu.
func counts(t *testing.T, s *Store, gpu string) (parts, mins, hours int) {
	t.Helper()
	s.view(func(tx *bolt.Tx) error {
		parts = tx.Bucket(bucketRaw).Stats().BucketN - 1
		for res, n := range map[string]*int{string(bucketMinute): &mins, string(bucketHour): &hours} {
			if b := tx.Bucket([]byte(res)).Bucket([]byte(gpu)); b != nil {
				*n = b.Stats().KeyN
			}
		}
		return nil
	})
	return parts / 2, mins, hours // each partition holds one GPU bucket
}

func TestRetentionDropsOldData(t *testing.T) {
	s := openTest(t, Options{RawRetention: 2 * time.Hour, MinuteRetention: 3 * time.Hour, HourRetention: 5 * time.Hour})
	setClock(s, t0.Add(6*time.Hour))
	w := s.Telemetry()
	for i := range 6 * 60 { // a sample a minute for six hours
		w.Add(point(t0.Add(time.Duration(i)*time.Minute), "g0", 1))
	}
	setClock(s, t0) // so the flush writes everything
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if p, m, h := counts(t, s, "g0"); p != 6 || m != 360 || h != 6 {
		t.Fatalf("before pruning: %d partitions, %d minute rows, %d hour rows", p, m, h)
	}
	setClock(s, t0.Add(6*time.Hour))
	if err := s.Prune(); err != nil {
		t.Fatal(err)
	}
	// raw keeps partitions ending after now-2h: hours 4 and 5; minutes from
	// now-3h; hours from now-5h
	if p, m, h := counts(t, s, "g0"); p != 2 || m != 180 || h != 5 {
		t.Errorf("after pruning: %d partitions, %d minute rows, %d hour rows; want 2, 180, 5", p, m, h)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

func TestSamplesOlderThanRetentionAreNotWritten(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0.Add(100*24*time.Hour))
	w := s.Telemetry()
	w.Add(point(t0, "g0", 1)) // 100 days old: only the hour rollup keeps it
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if p, m, h := counts(t, s, "g0"); p != 0 || m != 0 || h != 1 {
		t.Errorf("%d partitions, %d minute rows, %d hour rows; want 0, 0, 1", p, m, h)
	}
}
