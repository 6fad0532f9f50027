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

// sixHours is a store holding a sample a minute of GPU g0 for the six
// hours from t0, whose clocks read t0+6h and, as real time since it was
// opened, zero.
func sixHours(t *testing.T) (*Store, *TelemetryWriter) {
	t.Helper()
	s := openTest(t, Options{})
	setClocks(s, t0.Add(6*time.Hour), 0)
	w := s.Telemetry()
	for i := range 6 * 60 {
		w.Add(point(t0.Add(time.Duration(i)*time.Minute), "g0", 1))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if p, m, h := counts(t, s, "g0"); p != 6 || m != 360 || h != 6 {
		t.Fatalf("before the jump: %d partitions, %d minute rows, %d hour rows", p, m, h)
	}
	return s, w
}

// The system clock set a year ahead by mistake, then set right: the
// pruning at the year-ahead time dropped every raw sample and every
// minute row (older than 48 h and 90 days by that clock) though they were
// minutes old; only the hour rows were left. Nothing young goes now,
// while the clock is wrong or after it is set right.
func TestAClockSetAheadDropsNoYoungTelemetry(t *testing.T) {
	s, w := sixHours(t)
	ahead := t0.Add(6*time.Hour + 365*24*time.Hour)
	setClocks(s, ahead.Add(time.Minute), time.Minute)
	w.Add(point(ahead, "g0", 1)) // a sample stamped by the wrong clock
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := s.Prune(); err != nil {
		t.Fatal(err)
	}
	if p, m, h := counts(t, s, "g0"); p != 7 || m != 361 || h != 7 {
		t.Errorf("with the clock a year ahead: %d partitions, %d minute rows, %d hour rows; want 7, 361, 7", p, m, h)
	}
	setClocks(s, t0.Add(6*time.Hour+5*time.Minute), 5*time.Minute) // set right
	if err := s.Prune(); err != nil {
		t.Fatal(err)
	}
	if p, m, h := counts(t, s, "g0"); p != 7 || m != 361 || h != 7 {
		t.Errorf("with the clock set right: %d partitions, %d minute rows, %d hour rows; want 7, 361, 7", p, m, h)
	}
}

// A clock that stays ahead is believed once the data it would drop is
// that old in real time too: two days after the jump the raw samples from
// before it go, which by then are past their 48 h; the minute rows stay.
func TestAClockLeftAheadPrunesAsRealTimePasses(t *testing.T) {
	s, _ := sixHours(t)
	ahead := t0.Add(6*time.Hour + 365*24*time.Hour)
	setClocks(s, ahead, time.Minute)
	if err := s.Prune(); err != nil {
		t.Fatal(err)
	}
	setClocks(s, ahead.Add(49*time.Hour), 49*time.Hour+time.Minute)
	if err := s.Prune(); err != nil {
		t.Fatal(err)
	}
	if p, m, h := counts(t, s, "g0"); p != 0 || m != 360 || h != 6 {
		t.Errorf("two days on: %d partitions, %d minute rows, %d hour rows; want 0, 360, 6", p, m, h)
	}
}

// Without a jump the clocks move together and retention drops what it
// always did.
func TestRetentionFollowsASteadyClock(t *testing.T) {
	s, _ := sixHours(t)
	setClocks(s, t0.Add(56*time.Hour), 50*time.Hour)
	if err := s.Prune(); err != nil {
		t.Fatal(err)
	}
	// raw keeps partitions ending after t0+8h: none of the six
	if p, m, h := counts(t, s, "g0"); p != 0 || m != 360 || h != 6 {
		t.Errorf("%d partitions, %d minute rows, %d hour rows; want 0, 360, 6", p, m, h)
	}
}

// A clock that flaps (a failing battery, two time daemons at odds) is
// remembered in a bounded list that still holds its lowest offset.
func TestClockStepsStayBounded(t *testing.T) {
	var c clockSteps
	for i := range 1000 {
		off := time.Duration(i%2) * time.Hour
		if i == 500 {
			off = -time.Hour
		}
		c.note(time.Duration(i)*time.Minute, off, 90*24*time.Hour)
	}
	if n := len(c.steps); n > maxClockSteps {
		t.Errorf("%d steps remembered", n)
	}
	if low := c.lowest(0); low != -time.Hour {
		t.Errorf("lowest offset %v, want -1h", low)
	}
}
