package store

import (
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// verifyAfterCrash opens the file the killed child left, checks its pages,
// that every job state change reported committed (in any run so far) is
// there, and that telemetry lost no more than the flush window. It returns
// the telemetry loss of this run.
func verifyAfterCrash(t *testing.T, path string, rep crashReport, all map[string]int) time.Duration {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open after kill: %v", err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatalf("Check after kill: %v", err)
	}
	for id, n := range all {
		verifyJob(t, s, id, n)
	}
	if rep.lastAdded.IsZero() {
		return 0
	}
	var worst time.Duration
	for _, gpu := range crashGPUs {
		worst = max(worst, verifyTelemetry(t, s, gpu, rep))
	}
	return worst
}

// verifyTelemetry checks that every committed flush survived and that the
// samples lost are only those of the last flush window: the interval, plus
// the slowest flush of the run (a busy disk; a flush still in flight counts
// until the last sample), plus the longest pause the child's sampling loop
// saw (a busy machine starves the flush timer as much), plus a little slack.
func verifyTelemetry(t *testing.T, s *Store, gpu string, rep crashReport) time.Duration {
	newest := newestRaw(t, s, gpu)
	if newest.Before(rep.flushed.Truncate(time.Millisecond)) { // stored to the millisecond
		t.Errorf("%s: newest stored sample %v is older than one reported committed (%v)", gpu, newest, rep.flushed)
	}
	loss := rep.lastAdded.Sub(maxTime(newest, rep.opened))
	slowest := rep.slowest
	if !rep.pending.IsZero() {
		slowest = max(slowest, rep.lastAdded.Sub(rep.pending))
	}
	if limit := crashFlush + slowest + rep.maxGap + crashSchedSlack; loss > limit {
		t.Errorf("%s: lost %v of telemetry; the flush window allows %v (%v + %v slowest flush + %v paused + %v slack)",
			gpu, loss, limit, crashFlush, slowest, rep.maxGap, crashSchedSlack)
	}
	return loss
}

// verifyJob checks job id has reached at least state n, with its history.
func verifyJob(t *testing.T, s *Store, id string, n int) {
	j, err := s.GetJob(id)
	if err != nil {
		t.Errorf("job %s, reported committed, is missing: %v", id, err)
		return
	}
	if got := slices.Index(crashStates, j.State); got < n {
		t.Errorf("job %s is %q, but %q was reported committed", id, j.State, crashStates[n])
	}
	events, err := s.JobEvents(id)
	if err != nil || len(events) < n+1 {
		t.Errorf("job %s has %d history entries (%v), want at least %d", id, len(events), err, n+1)
		return
	}
	for i := 0; i <= n; i++ {
		if events[i].State != crashStates[i] {
			t.Errorf("job %s history[%d] = %q, want %q", id, i, events[i].State, crashStates[i])
		}
	}
}

// newestRaw finds the time of the newest raw sample of gpu.
func newestRaw(t *testing.T, s *Store, gpu string) time.Time {
	var newest time.Time
	err := s.view(func(tx *bolt.Tx) error {
		return s.readRaw(tx, gpu, time.Unix(0, 0), time.Now().Add(time.Hour), func(ts time.Time, _ []byte) error {
			newest = ts
			return nil
		})
	})
	if err != nil {
		t.Fatalf("reading telemetry of %s: %v", gpu, err)
	}
	return newest
}
