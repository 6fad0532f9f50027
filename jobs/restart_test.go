//go:build linux

package jobs

import (
	"context"
	"testing"
	"time"
)

// TestCrashLoopGoesFatal: a miner that dies at once is restarted with
// doubling backoff, then given up after MaxRestarts.
func TestCrashLoopGoesFatal(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	h := newHarness(t, cfg)
	w := fakeWorkload(Mining, "crash", "FAKE_EXIT_CODE=1")
	hd := h.start(w)
	var delays []time.Duration
	for range cfg.MaxRestarts {
		ev := h.event(w.ID, EventRestart, 10*time.Second)
		delays = append(delays, ev.Delay)
		// The restart says why, so that the event log can tell a crash from a stall.
		if ev.Exit == nil || ev.Exit.Outcome != Failed || ev.Exit.Code != 1 {
			t.Fatalf("restart %v carries exit %v, want the crash's (code 1)", ev, ev.Exit)
		}
	}
	fatal := h.event(w.ID, EventFatal, 10*time.Second)
	<-hd.Done()
	want := []time.Duration{20 * time.Millisecond, 40 * time.Millisecond, 80 * time.Millisecond}
	for i := range want {
		if delays[i] != want[i] {
			t.Fatalf("backoff delays %v, want %v", delays, want)
		}
	}
	st := hd.Status()
	if st.State != Fatal || st.Restarts != 3 || fatal.Exit == nil || fatal.Exit.Outcome != Failed || fatal.Exit.Code != 1 {
		t.Fatalf("status %+v, fatal %v", st, fatal)
	}
	if n := h.count(w.ID, EventExit); n != 4 {
		t.Fatalf("%d exits, want 4 (start + 3 restarts)", n)
	}
	if !tailHas(hd, "CUDA error: out of memory") || !tailHas(hd, "RigShift gave up on the miner after 3 restarts; its last process exited with code 1") {
		t.Errorf("tail:\n%v", hd.Tail())
	}
}

func TestBackoffDelay(t *testing.T) {
	s, m := 5*time.Second, 5*time.Minute
	want := []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second, 40 * time.Second, 80 * time.Second, 160 * time.Second, 5 * time.Minute, 5 * time.Minute}
	for n, w := range want {
		if got := backoffDelay(s, m, n); got != w {
			t.Errorf("backoffDelay(%d) = %v, want %v", n, got, w)
		}
	}
	if got := backoffDelay(s, m, 1000); got != m {
		t.Errorf("backoffDelay(1000) = %v", got)
	}
}

// TestStalledMinerRestarted: a miner whose API reports 0 H/s (xmrig's
// real answer while it has no hashrate yet: all nulls) for StallAfter is
// restarted by the watchdog.
func TestStalledMinerRestarted(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.StallAfter = 300 * time.Millisecond
	h := newHarness(t, cfg)
	w := minerWorkload(t, "xmrig", "FAKE_FIXTURE=miners/testdata/xmrig_startup.json")
	hd := h.start(w)
	firstPID := waitState(t, hd, Running, 5*time.Second).PID
	h.event(w.ID, EventStalled, 10*time.Second)
	exit := h.event(w.ID, EventExit, 5*time.Second)
	if exit.Exit.Outcome != StoppedBy || exit.Exit.Reason != StopWatchdog {
		t.Fatalf("exit %v", exit.Exit)
	}
	if restart := h.event(w.ID, EventRestart, 5*time.Second); restart.Exit == nil || restart.Exit.Reason != StopWatchdog {
		t.Fatalf("restart carries exit %v, want the watchdog's stop", restart.Exit)
	}
	st := waitState(t, hd, Running, 5*time.Second)
	if st.PID == firstPID || st.Restarts != 1 || st.StatsAt.IsZero() || st.Stats.Total != 0 {
		t.Fatalf("status %+v", st)
	}
}

// TestHealthyMinerNotRestarted: with hashrate above 0 the watchdog keeps
// still past StallAfter.
func TestHealthyMinerNotRestarted(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.StallAfter = 200 * time.Millisecond
	h := newHarness(t, cfg)
	w := minerWorkload(t, "t-rex")
	hd := h.start(w)
	pid := waitState(t, hd, Running, 5*time.Second).PID
	time.Sleep(600 * time.Millisecond)
	if st := hd.Status(); st.State != Running || st.PID != pid || h.count(w.ID, EventStalled) != 0 {
		t.Fatalf("healthy miner touched: %+v", st)
	}
}

// TestMinerExitsBeforeAPI: the miner dies before it ever answers; the
// reader's errors are recorded, the crash restarts it, and a stop during
// the backoff is final.
func TestMinerExitsBeforeAPI(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.BackoffStart, cfg.BackoffMax = 400*time.Millisecond, 400*time.Millisecond
	h := newHarness(t, cfg)
	w := minerWorkload(t, "lolminer", "FAKE_API_DELAY=10s", "FAKE_EXIT_AFTER=150ms", "FAKE_EXIT_CODE=42")
	hd := h.start(w)
	exit := h.event(w.ID, EventExit, 10*time.Second)
	if exit.Exit.Outcome != Failed || exit.Exit.Code != 42 {
		t.Fatalf("exit %v", exit.Exit)
	}
	h.event(w.ID, EventRestart, 5*time.Second)
	st := hd.Status()
	if st.State != Backoff || st.StatsErr == "" || !st.StatsAt.IsZero() {
		t.Fatalf("status %+v", st)
	}
	if err := hd.Stop(context.Background(), StopModeSwitch); err != nil {
		t.Fatal(err)
	}
	time.Sleep(600 * time.Millisecond) // past the backoff: nothing may start
	st = hd.Status()
	if st.State != Stopped || st.Reason != StopModeSwitch || st.PID != 0 || h.count(w.ID, EventExit) != 1 {
		t.Fatalf("after stop in backoff: %+v", st)
	}
}
