//go:build linux

package jobs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/miners"
)

var rig = []miners.GPU{
	{UUID: "GPU-aaaa", BusID: "00000000:01:00.0"},
	{UUID: "GPU-bbbb", BusID: "00000000:0A:00.0"},
}

// TestMinerPresetsRun starts each preset against the fake miner, which
// finds its API port in the argv the preset built and serves that miner's
// real JSON: the stats must arrive normalised and per GPU.
func TestMinerPresetsRun(t *testing.T) {
	tests := []struct {
		miner miners.Miner
		total float64
		perA  float64
	}{
		{miners.XMRig, 28413370.5, 0},
		{miners.TRex, 45124690, 22512345},
		{miners.LolMiner, 120.5e6, 60.2e6},
		{miners.GMiner, 250e6, 124.5e6},
		{miners.SRBMiner, 45000000.5, 22000000.25},
	}
	h := newHarness(t, testConfig(t))
	for _, tt := range tests {
		t.Run(string(tt.miner), func(t *testing.T) {
			t.Parallel()
			p := miners.Preset{Miner: tt.miner, Executable: os.Args[0], Pool: "stratum+tcp://pool.example:3333",
				Wallet: "wallet", Worker: "rig", Algorithm: "kawpow"}
			w, err := NewMinerWorkload("m-"+string(tt.miner), p, rig, []string{"GPU-aaaa", "GPU-bbbb"})
			if err != nil {
				t.Fatal(err)
			}
			w.Env = append(w.Env, fakeEnv+"=miner")
			hd := h.start(w)
			var st Status
			waitFor(t, "stats", 10*time.Second, func() bool { st = hd.Status(); return !st.StatsAt.IsZero() })
			if st.State != Running || st.PID == 0 || st.Stats.Total != tt.total {
				t.Fatalf("status %+v", st)
			}
			if got := miners.MatchGPUs(st.Stats, rig)["GPU-aaaa"]; got != tt.perA {
				t.Errorf("GPU-aaaa = %v H/s, want %v", got, tt.perA)
			}
			if err := hd.Stop(context.Background(), StopUser); err != nil {
				t.Fatal(err)
			}
			st = hd.Status()
			if st.State != Stopped || st.Reason != StopUser || st.PID != 0 || st.LastExit.Outcome != StoppedBy || st.Restarts != 0 {
				t.Fatalf("after stop: %+v, exit %v", st, st.LastExit)
			}
		})
	}
}

func TestTrainingRunReportsProgress(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.Instance = "/srv/rig"
	h := newHarness(t, cfg)
	w := fakeWorkload(Training, "trainer", "FAKE_STEPS=40")
	w.GPUs = []string{"GPU-aaaa", "GPU-bbbb"}
	hd := h.start(w)
	<-hd.Done()
	st := hd.Status()
	if st.State != Exited || st.LastExit == nil || st.LastExit.Outcome != Succeeded || st.Restarts != 0 {
		t.Fatalf("status %+v exit %v", st, st.LastExit)
	}
	p := st.Progress
	if p.Source != "jsonl" || p.Step != 40 || p.Total != 40 || p.Percent != 100 || !p.Done || p.Message != "model saved" || !p.HasLoss {
		t.Fatalf("progress %+v", p)
	}
	if !tailHas(hd, "CUDA_VISIBLE_DEVICES=GPU-aaaa,GPU-bbbb PYTHONUNBUFFERED=1 RIGSHIFT_INSTANCE=/srv/rig") {
		t.Errorf("GPU selection or RigShift's mark not in the child's environment:\n%s", strings.Join(hd.Tail(), "\n"))
	}
	// 40 redraws; as in a terminal's scrollback, a bar line stays where a
	// line of the other stream (stdout: the environment, the Trainer lines)
	// came between two redraws, and the last one stays. The two pipes are
	// read apart, so where the stdout lines land among the redraws varies.
	bars, between := 0, 0
	for _, l := range hd.Tail() {
		switch {
		case strings.Contains(l, "it/s"):
			bars++
		case bars > 0 && !strings.HasPrefix(l, "[rigshift]"):
			between++
		}
	}
	if bars > between+1 {
		t.Errorf("%d bar lines in the tail; redraws should replace each other:\n%s", bars, strings.Join(hd.Tail(), "\n"))
	}
	if tailHas(hd, "the program ended and left") {
		t.Errorf("a job that waited for its work is said to have left some running:\n%s", strings.Join(hd.Tail(), "\n"))
	}
	log, err := os.ReadFile(st.LogPath)
	if err != nil || !strings.Contains(string(log), "'train_runtime'") || !strings.Contains(string(log), "succeeded") {
		t.Errorf("log file %s: %v\n%s", st.LogPath, err, log)
	}
	h.event(w.ID, EventExit, time.Second)
}

func TestTrainingProgressFromOutputOnly(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{StopGrace: time.Second}) // no LogDir: tail only
	hd := h.start(fakeWorkload(Training, "trainer", "FAKE_STEPS=10", "FAKE_NO_JSONL=1"))
	<-hd.Done()
	st := hd.Status()
	p := st.Progress
	if !p.Done || p.Step != 10 || p.Total != 10 || p.Loss != 1.5 || p.Epoch != 3 || p.Runtime <= 0 {
		t.Fatalf("progress %+v", p)
	}
	if st.LogPath != "" {
		t.Errorf("log path %q without LogDir", st.LogPath)
	}
}

func TestTrainingFailureIsNotRestarted(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig(t))
	w := fakeWorkload(Training, "trainer", "FAKE_STEPS=2", "FAKE_EXIT_CODE=3")
	hd := h.start(w)
	<-hd.Done()
	st := hd.Status()
	if st.State != Exited || st.LastExit.Outcome != Failed || st.LastExit.Code != 3 || st.LastExit.String() != "failed with code 3" {
		t.Fatalf("status %+v exit %v", st, st.LastExit)
	}
	if n := h.count(w.ID, EventRestart); n != 0 {
		t.Fatalf("%d restarts of a training job", n)
	}
}

func TestStartFailureIsFatal(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig(t))
	w := Workload{ID: "missing", Kind: Mining, Path: filepath.Join(t.TempDir(), "no-such-miner")}
	hd := h.start(w)
	e := h.event("missing", EventFatal, 5*time.Second)
	<-hd.Done()
	if st := hd.Status(); st.State != Fatal || st.LastExit.Outcome != StartFailed || e.Err == nil {
		t.Fatalf("status %+v event %v", st, e)
	}
}

func TestStartValidation(t *testing.T) {
	sup := NewSupervisor(testConfig(t))
	for _, w := range []Workload{{}, {ID: "x"}, {ID: "x", Path: "/bin/true", Kind: 9}} {
		if _, err := sup.Start(w); err == nil {
			t.Errorf("Start(%+v) accepted", w)
		}
	}
	w := fakeWorkload(Mining, "sleeper")
	h1, err := sup.Start(w)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sup.Start(w); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("duplicate start: %v", err)
	}
	if got, ok := sup.Handle(w.ID); !ok || got.ID() != w.ID || len(sup.Handles()) != 1 {
		t.Fatal("Handle lookup failed")
	}
	ctx, cancel := contextWithTimeout(10 * time.Second)
	defer cancel()
	if err := sup.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if st := h1.Status(); st.State != Stopped || st.Reason != StopShutdown {
		t.Fatalf("after shutdown %+v", st)
	}
	if _, err := sup.Start(fakeWorkload(Mining, "sleeper")); !errors.Is(err, ErrClosed) {
		t.Fatalf("start after shutdown: %v", err)
	}
}

func TestWorkloadHidesSecrets(t *testing.T) {
	w, err := NewMinerWorkload("x", miners.Preset{Miner: miners.XMRig, Executable: "/opt/xmrig", Pool: "p:1", Wallet: "w", Password: "pw123", APIToken: "tok"}, rig, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(w.Secrets, "pw123") || w.Stats.Token != "tok" {
		t.Fatalf("workload %+v", w)
	}
	h := &Handle{r: newRun(NewSupervisor(Config{}), w)}
	if got := h.Workload(); got.Secrets != nil || got.Stats.Token != "" {
		t.Fatalf("Workload() leaks secrets: %+v", got)
	}
}

// TestSlowSubscriberNeverBlocks: a subscriber that never reads must not
// hold the supervisor up; it loses the oldest events and keeps the newest.
func TestSlowSubscriberNeverBlocks(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig(t))
	stuck := h.sup.Subscribe(2)
	defer stuck.Close()
	w := fakeWorkload(Mining, "crash")
	hd := h.start(w)
	select {
	case <-hd.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("supervisor blocked by a subscriber that does not read")
	}
	if stuck.Dropped() == 0 {
		t.Fatal("nothing dropped")
	}
	var last Event
	for range 2 {
		last = <-stuck.C()
	}
	if last.Kind != EventFatal && !(last.Kind == EventState && last.State == Fatal) {
		t.Fatalf("newest event kept is %v", last)
	}
}

// TestTrainingProgressShowsTheBarDrawnLast: tqdm redraws its bar with a
// leading '\r' and no end of line, so the bar drawn last stays a partial
// line until the next step draws again; a job whose steps take hours must
// still show the step it is on, not the one before.
func TestTrainingProgressShowsTheBarDrawnLast(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Config{StopGrace: time.Second})
	hd := h.start(fakeWorkload(Training, "trainer", "FAKE_STEPS=4", "FAKE_HANG_AFTER=1", "FAKE_NO_JSONL=1"))
	waitFor(t, "step 1 of 4 in the progress", 10*time.Second, func() bool {
		p := hd.Status().Progress
		return p.Source == "tqdm" && p.Step == 1 && p.Total == 4
	})
	if st := hd.Status(); st.State != Running {
		t.Fatalf("state %v, want Running", st.State)
	}
}
