package control

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/jobs/jobstest"
	"github.com/rigshift/rigshift/jobs/miners"
	"github.com/rigshift/rigshift/store"
)

// recorder is a Notifier that keeps what it was asked to show.
type recorder struct {
	mu      sync.Mutex
	notices []Notice
}

func (r *recorder) Notify(n Notice) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.notices = append(r.notices, n)
	return nil
}

func (r *recorder) all() []Notice {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Notice(nil), r.notices...)
}

// find waits up to 5 s for a notice of kind: notices are shown off the
// controller's goroutine.
func (r *recorder) find(kind NoticeKind) (Notice, bool) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		for _, n := range r.all() {
			if n.Kind == kind {
				return n, true
			}
		}
		if time.Now().After(deadline) {
			return Notice{}, false
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// testRig is a controller on a simulated rig with a real store, a real
// sampler and real child processes.
type testRig struct {
	t       testing.TB
	c       *Controller
	sim     *hardware.Simulated
	store   *store.Store
	notes   *recorder
	cancel  context.CancelFunc
	stopped chan error
}

func fastSupervisor() jobs.Config {
	return jobs.Config{StopGrace: 3 * time.Second, PollEvery: 100 * time.Millisecond, PollTimeout: time.Second,
		GPUFreePoll: 50 * time.Millisecond, GPUFreeTimeout: 5 * time.Second, BackoffStart: 50 * time.Millisecond,
		StallAfter: 30 * time.Second, HotFor: 200 * time.Millisecond}
}

func newTestRig(t *testing.T, gpus int, dir string) *testRig { return newTestRigTB(t, gpus, dir) }

func newTestRigTB(t testing.TB, gpus int, dir string) *testRig {
	return newTestRigWith(t, gpus, dir, nil)
}

// newTestRigWith is newTestRig with options changed by with (nil: none).
func newTestRigWith(t testing.TB, gpus int, dir string, with func(*Options)) *testRig {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, "rigshift.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sim, err := hardware.NewSimulated(gpus, hardware.SimOptions{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	r := &testRig{t: t, sim: sim, store: st, notes: &recorder{}, stopped: make(chan error, 1)}
	opts := Options{Backend: sim, Store: st, Supervisor: fastSupervisor(), Notifier: r.notes,
		Heartbeat: 100 * time.Millisecond, EarningsEvery: 200 * time.Millisecond}
	if with != nil {
		with(&opts)
	}
	r.c, err = New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// run starts the sampler and the controller; the rig stops at cleanup.
func (r *testRig) run() *testRig {
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	sampler := hardware.NewSampler(r.sim, nil, hardware.SamplerOptions{Interval: 50 * time.Millisecond})
	feed, unsubscribe := sampler.Subscribe()
	go sampler.Run(ctx)
	go func() { r.stopped <- r.c.Run(ctx, feed); unsubscribe() }()
	r.t.Cleanup(r.stop)
	return r
}

func (r *testRig) stop() {
	if r.cancel == nil {
		return
	}
	r.cancel()
	r.cancel = nil
	select {
	case <-r.stopped:
	case <-time.After(time.Minute):
		r.t.Error("the controller did not stop within a minute")
	}
}

func fakeMinerPreset() miners.Preset {
	return miners.Preset{Miner: miners.Custom, Executable: os.Args[0], Args: jobstest.MinerArgs("{port}"),
		StatsURL: "http://127.0.0.1:{port}/2/summary", StatsFormat: miners.FormatXMRig, Algorithm: "rx/0"}
}

func (r *testRig) configureMiner() {
	s := r.c.Settings()
	s.Miner = fakeMinerPreset()
	s.MiningPerMHsDay = 0.02
	if err := r.c.SaveSettings(s); err != nil {
		r.t.Fatal(err)
	}
}

// scriptMiner sets up a custom miner that runs the shell script body,
// and returns the script's path.
func (r *testRig) scriptMiner(body string) string {
	exe := filepath.Join(r.t.TempDir(), "miner.sh")
	if err := os.WriteFile(exe, []byte(body), 0o755); err != nil {
		r.t.Fatal(err)
	}
	s := r.c.Settings()
	s.Miner = miners.Preset{Miner: miners.Custom, Executable: exe}
	if err := r.c.SaveSettings(s); err != nil {
		r.t.Fatal(err)
	}
	return exe
}

func trainerJob(client string, gpus int, steps int, exit int) JobSpec {
	return JobSpec{Client: client, GPUCount: gpus, PricePerGPUHour: 0.40,
		Command: append([]string{os.Args[0]}, jobstest.TrainerArgs(steps, 20*time.Millisecond, exit)...)}
}

// eventually waits up to 20 s for cond, failing with what.
func (r *testRig) eventually(what string, cond func(Status) bool) Status {
	r.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		st := r.c.Status()
		if cond(st) {
			return st
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("%s: not within 20 s; status %+v", what, st)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (r *testRig) jobState(id string) JobState {
	j, err := r.c.Job(id)
	if err != nil {
		r.t.Fatal(err)
	}
	return j.State
}

func countWork(st Status, prefix string) int {
	n := 0
	for _, g := range st.GPUs {
		if len(g.Work) >= len(prefix) && g.Work[:len(prefix)] == prefix {
			n++
		}
	}
	return n
}

// overheadCostsOneASecond makes the host overhead cost one unit of money a
// second (3.6 MW at 1 a kWh), so that what is booked reads as seconds.
func (r *testRig) overheadCostsOneASecond() Settings {
	s := r.c.Settings()
	s.HostOverheadW, s.ElectricityPerKWh = 3.6e6, 1
	if err := r.c.SaveSettings(s); err != nil {
		r.t.Fatal(err)
	}
	return s
}

// jobOnBothGPUs runs a long job on both GPUs of a two-GPU rig, in Rent.
func (r *testRig) jobOnBothGPUs() Job {
	_ = r.c.SetMode(Rent)
	big, _ := r.c.AddJob(trainerJob("Big", 2, 400, 0))
	r.eventually("big running", func(Status) bool { return r.jobState(big.ID) == JobRunning })
	return big
}

// runningJob switches to Rent, adds spec and waits until it runs: the
// opening of most billing tests.
func (r *testRig) runningJob(spec JobSpec) Job {
	r.t.Helper()
	_ = r.c.SetMode(Rent)
	job, err := r.c.AddJob(spec)
	if err != nil {
		r.t.Fatal(err)
	}
	r.eventually("running", func(s Status) bool { return len(s.Running) == 1 && s.Running[0].State == JobRunning })
	return job
}

// ranOrRuns reports whether the job runs, or has run to success.
func (r *testRig) ranOrRuns(id string) bool {
	st := r.jobState(id)
	return st == JobRunning || st == JobSucceeded
}
