package store

import (
	"errors"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A write the database refuses is reported, with since when, for a minute
// after the latest refusal, even while other kinds of record still save.
func TestWriteProblemIsReportedUntilAMinutePassesWithoutOne(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0)
	if _, err := s.WriteProblem(); err != nil {
		t.Fatalf("a fresh store reports %v", err)
	}
	// The file loses its event log: every event write now fails.
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketEvents) }); err != nil {
		t.Fatal(err)
	}
	appendEvent := func() error { return s.AppendEvent(Event{Kind: EventKindMode, Message: "mine"}) }
	if err := appendEvent(); err == nil {
		t.Fatal("an event saved without its bucket")
	}
	since, err := s.WriteProblem()
	if !errors.Is(err, ErrCorrupt) || !since.Equal(t0) {
		t.Fatalf("WriteProblem = %v, %v; want ErrCorrupt since %v", since, err, t0)
	}

	setClock(s, t0.Add(50*time.Second))
	if err := s.PutSettings(map[string]int{"a": 1}); err != nil {
		t.Fatalf("PutSettings: %v", err)
	}
	if appendEvent() == nil {
		t.Fatal("an event saved without its bucket")
	}
	setClock(s, t0.Add(100*time.Second))
	if since, err := s.WriteProblem(); err == nil || !since.Equal(t0) {
		t.Errorf("50 s after the latest refusal: %v, %v; want the problem since %v", since, err, t0)
	}

	// Repaired: once a minute passes without a refusal, none is reported.
	if err := s.db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket(bucketEvents); return err }); err != nil {
		t.Fatal(err)
	}
	if err := appendEvent(); err != nil {
		t.Fatalf("AppendEvent after the repair: %v", err)
	}
	setClock(s, t0.Add(111*time.Second))
	if since, err := s.WriteProblem(); err != nil {
		t.Errorf("61 s after the latest refusal: %v, %v; want none", since, err)
	}

	// A new refusal starts a new run of failures.
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketEvents) }); err != nil {
		t.Fatal(err)
	}
	_ = appendEvent()
	if since, _ := s.WriteProblem(); !since.Equal(t0.Add(111 * time.Second)) {
		t.Errorf("a new failure is dated %v, want %v", since, t0.Add(111*time.Second))
	}
}
