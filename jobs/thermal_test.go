//go:build linux

package jobs

import (
	"errors"
	"syscall"
	"testing"
	"time"
)

// heat reports temp for gpu every 5 ms until cond holds.
func heat(t *testing.T, sup *Supervisor, gpu string, temp float64, what string, cond func() bool) {
	t.Helper()
	waitFor(t, what, 5*time.Second, func() bool {
		sup.ObserveGPU(gpu, temp, false)
		return cond()
	})
}

func TestThermalPausesTraining(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig(t))
	w := fakeWorkload(Training, "trainer", "FAKE_STEPS=100000", "FAKE_STEP_DELAY=5ms")
	w.GPUs = []string{"GPU-aaaa"}
	hd := h.start(w)
	pid := waitState(t, hd, Running, 5*time.Second).PID
	h.sup.ObserveGPU("GPU-bbbb", 99, false) // not its GPU
	h.sup.ObserveGPU("GPU-aaaa", 90, false)
	time.Sleep(20 * time.Millisecond) // hot, but not for HotFor yet
	if hd.Status().State != Running {
		t.Fatal("held before HotFor")
	}
	heat(t, h.sup, "GPU-aaaa", 90, "pause", func() bool { return hd.Status().State == Paused })
	hold := h.event(w.ID, EventThermalHold, time.Second)
	waitFor(t, "SIGSTOP", 2*time.Second, func() bool { return procState(pid) == 'T' })
	st := hd.Status()
	if hold.GPU != "GPU-aaaa" || hold.TempC != 90 || st.HotGPU != "GPU-aaaa" || st.PID != pid || st.PausedSince.IsZero() {
		t.Fatalf("hold %v status %+v", hold, st)
	}
	h.sup.ObserveGPU("GPU-aaaa", 75, false) // below the limit, above resume
	time.Sleep(30 * time.Millisecond)
	if hd.Status().State != Paused {
		t.Fatal("resumed above the resume temperature")
	}
	h.sup.ObserveGPU("GPU-aaaa", 60, false)
	if resume := h.event(w.ID, EventThermalResume, 2*time.Second); resume.GPU != "GPU-aaaa" {
		t.Errorf("the resume names GPU %q, want the one that cooled", resume.GPU)
	}
	st = waitState(t, hd, Running, 2*time.Second)
	waitFor(t, "SIGCONT", 2*time.Second, func() bool { s := procState(pid); return s == 'S' || s == 'R' })
	if st.PID != pid || st.PausedFor < 20*time.Millisecond || !st.PausedSince.IsZero() || st.HotGPU != "" {
		t.Fatalf("after resume %+v", st)
	}
	step := hd.Status().Progress.Step
	waitFor(t, "progress after resume", 5*time.Second, func() bool { return hd.Status().Progress.Step > step })
}

func TestThermalStopsAndRestartsMiner(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig(t))
	w := minerWorkload(t, "gminer")
	w.GPUs = []string{"GPU-aaaa"}
	hd := h.start(w)
	pid := waitState(t, hd, Running, 5*time.Second).PID
	heat(t, h.sup, "GPU-aaaa", 88, "thermal stop", func() bool { return hd.Status().State == Paused })
	exit := h.event(w.ID, EventExit, time.Second)
	st := hd.Status()
	if exit.Exit.Reason != StopThermal || st.PID != 0 || !gone(pid) || st.LastExit.String() != "stopped by thermal guard" {
		t.Fatalf("exit %v status %+v", exit.Exit, st)
	}
	h.sup.ObserveGPU("GPU-aaaa", 69, false)
	if resume := h.event(w.ID, EventThermalResume, 2*time.Second); resume.GPU != "GPU-aaaa" {
		t.Errorf("the resume names GPU %q, want the one that cooled", resume.GPU)
	}
	st = waitState(t, hd, Running, 5*time.Second)
	if st.PID == 0 || st.PID == pid || st.Restarts != 0 || st.PausedFor <= 0 {
		t.Fatalf("after cooling %+v", st)
	}
}

func TestGPULostStopsOnlyItsWorkloads(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig(t))
	wa, wb := fakeWorkload(Mining, "sleeper"), fakeWorkload(Training, "sleeper")
	wa.GPUs, wb.GPUs = []string{"GPU-aaaa"}, []string{"GPU-bbbb"}
	ha, hb := h.start(wa), h.start(wb)
	waitState(t, ha, Running, 5*time.Second)
	waitState(t, hb, Running, 5*time.Second)
	h.sup.ObserveGPU("GPU-aaaa", 0, true)
	lost := h.event(wa.ID, EventGPULost, 5*time.Second)
	<-ha.Done()
	if st := ha.Status(); st.State != Stopped || st.Reason != StopGPULost || lost.GPU != "GPU-aaaa" {
		t.Fatalf("lost GPU's workload: %+v", st)
	}
	time.Sleep(50 * time.Millisecond)
	if st := hb.Status(); st.State != Running {
		t.Fatalf("other GPU's workload %v", st.State)
	}
	if _, err := h.sup.Start(Workload{ID: "again", Kind: Mining, Path: "/bin/true", GPUs: []string{"GPU-aaaa"}}); !errors.Is(err, ErrGPULost) {
		t.Fatalf("start on lost GPU: %v", err)
	}
}

func TestGPULostWhilePaused(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig(t))
	w := fakeWorkload(Training, "sleeper")
	w.GPUs = []string{"GPU-aaaa"}
	hd := h.start(w)
	waitState(t, hd, Running, 5*time.Second)
	heat(t, h.sup, "GPU-aaaa", 95, "pause", func() bool { return hd.Status().State == Paused })
	h.sup.ObserveGPU("GPU-aaaa", 0, true)
	<-hd.Done()
	if st := hd.Status(); st.State != Stopped || st.Reason != StopGPULost || st.PausedFor <= 0 {
		t.Fatalf("status %+v", st)
	}
}

// TestThermalPausesEscapedDescendants: a thermal hold must stop the
// workers torchrun starts in sessions of their own, or they go on heating
// the GPU while the job shows Paused (and is not billed).
func TestThermalPausesEscapedDescendants(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig(t))
	w := fakeWorkload(Training, "forker", "FAKE_SETSID=1")
	w.GPUs = []string{"GPU-aaaa"}
	hd := h.start(w)
	gc := grandchild(t, hd)
	t.Cleanup(func() { syscall.Kill(gc, syscall.SIGKILL) })
	waitFor(t, "grandchild running", 5*time.Second, func() bool { return tailHas(hd, "ready") })
	heat(t, h.sup, "GPU-aaaa", 90, "pause", func() bool { return hd.Status().State == Paused })
	waitFor(t, "SIGSTOP of the escaped worker", 2*time.Second, func() bool { return procState(gc) == 'T' })
	h.sup.ObserveGPU("GPU-aaaa", 60, false)
	waitState(t, hd, Running, 2*time.Second)
	waitFor(t, "SIGCONT of the escaped worker", 2*time.Second, func() bool { s := procState(gc); return s == 'S' || s == 'R' })
}

// The owner lowers the limit because a card runs hot: a job that is running
// then is held at the new limit, not only the jobs started after it (a
// training job may run for days).
func TestLoweredLimitHoldsARunningJob(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig(t))
	w := fakeWorkload(Training, "trainer", "FAKE_STEPS=100000", "FAKE_STEP_DELAY=5ms")
	w.GPUs = []string{"GPU-aaaa"}
	hd := h.start(w)
	waitState(t, hd, Running, 5*time.Second)
	h.sup.SetGuards(75, 60, 0)
	heat(t, h.sup, "GPU-aaaa", 80, "pause at the new limit", func() bool { return hd.Status().State == Paused })
	h.sup.ObserveGPU("GPU-aaaa", 65, false) // below the old resume temperature, above the new one
	time.Sleep(30 * time.Millisecond)
	if hd.Status().State != Paused {
		t.Fatal("resumed above the new resume temperature")
	}
}

// A miner whose GPU overheats again and again (a limit near the card's
// temperature under load; seen on an H200: held at 60 °C, cool in 3 s,
// hot again 15 s later) was restarted at every cool-down, a restart a
// real miner pays for in set-up time. The first hold of an hour lasts
// until the GPU cools; each further one at least RepeatHold, doubling.
func TestThermalRepeatedTripsHoldAMinerLonger(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.RepeatHold = 400 * time.Millisecond
	h := newHarness(t, cfg)
	w := minerWorkload(t, "gminer")
	w.GPUs = []string{"GPU-aaaa"}
	hd := h.start(w)
	waitState(t, hd, Running, 5*time.Second)
	running := func() bool { return hd.Status().State == Running }
	paused := func() bool { return hd.Status().State == Paused }

	heat(t, h.sup, "GPU-aaaa", 88, "first hold", paused)
	if hold := h.event(w.ID, EventThermalHold, time.Second); hold.Delay != 0 || hold.Attempt != 1 {
		t.Errorf("first hold: at least %v, trip %d; want no minimum, trip 1", hold.Delay, hold.Attempt)
	}
	if st := hd.Status(); !st.HeldUntil.IsZero() {
		t.Errorf("first hold: held until %v, want only until the GPU cools", st.HeldUntil)
	}
	heat(t, h.sup, "GPU-aaaa", 60, "resume after the first hold", running)

	heat(t, h.sup, "GPU-aaaa", 88, "second hold", paused)
	hold := h.event(w.ID, EventThermalHold, time.Second)
	if hold.Delay != cfg.RepeatHold || hold.Attempt != 2 {
		t.Errorf("second hold: at least %v, trip %d; want %v, trip 2", hold.Delay, hold.Attempt, cfg.RepeatHold)
	}
	st := hd.Status()
	since := st.PausedSince
	if want := since.Add(cfg.RepeatHold); !st.HeldUntil.Equal(want) {
		t.Errorf("second hold: held until %v, want %v (the owner is shown when mining comes back)", st.HeldUntil, want)
	}
	heat(t, h.sup, "GPU-aaaa", 60, "resume after the second hold", running)
	if held := time.Since(since); held < cfg.RepeatHold {
		t.Errorf("held %v after its second trip, want at least %v though it was cool at once", held, cfg.RepeatHold)
	}
	if st := hd.Status(); !st.HeldUntil.IsZero() {
		t.Errorf("running again, but still shown held until %v", st.HeldUntil)
	}

	heat(t, h.sup, "GPU-aaaa", 88, "third hold", paused)
	if hold := h.event(w.ID, EventThermalHold, time.Second); hold.Delay != 2*cfg.RepeatHold || hold.Attempt != 3 {
		t.Errorf("third hold: at least %v, trip %d; want %v, trip 3", hold.Delay, hold.Attempt, 2*cfg.RepeatHold)
	}
}
