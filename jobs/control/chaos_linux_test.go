package control

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/store"
)

// The chaos test drives a simulated rig through a random mix of what an
// owner and the hardware do: modes, jobs added, cancelled, moved and run
// again, GPUs set aside, lost, hot and cooled, settings changed (the
// mining hours and mining only while the owner is away among them), the
// owner coming and going, the disk filling up or turning read-only and
// healing, the database closed under RigShift, RigShift restarted or
// killed (chaos_store_linux_test.go). Throughout, no GPU has two
// workloads; once things settle, the rig does what its mode and queue
// say; across a restart nothing ended runs again, and a kill loses no job
// and bills none twice; at the end every job is in a consistent state,
// the earnings ledger adds up, and nothing is left running.
// RIGSHIFT_CHAOS_SEED picks the seed (1; "random" for one that
// is printed), RIGSHIFT_CHAOS_STEPS the number of steps (60). The seed
// picks the steps; when each lands is up to the machine, so a seed that
// failed once may need a few runs to fail again.
func TestChaos(t *testing.T) {
	if testing.Short() {
		t.Skip("the chaos test runs real child processes for several seconds")
	}
	seed, steps := uint64(1), 60
	switch env := os.Getenv("RIGSHIFT_CHAOS_SEED"); env {
	case "":
	case "random":
		seed = uint64(time.Now().UnixNano())
	default:
		s, err := strconv.ParseUint(env, 10, 64)
		if err != nil {
			t.Fatalf("RIGSHIFT_CHAOS_SEED=%q: a number, or random", env)
		}
		seed = s
	}
	if n, err := strconv.Atoi(os.Getenv("RIGSHIFT_CHAOS_STEPS")); err == nil && n > 0 {
		steps = n
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("chaos seed %d, %d steps: RIGSHIFT_CHAOS_SEED=%d RIGSHIFT_CHAOS_STEPS=%d go test -run TestChaos ./jobs/control",
				seed, steps, seed, steps)
		}
	})
	goroutines, _ := liveGoroutines()
	ch := newChaos(t, seed)
	ch.play(steps)
	ch.drain()
	ch.finish()
	ch.checkLedger()
	checkNoLeaks(t, goroutines)
	t.Logf("%d steps, %d jobs on %d GPUs", len(ch.log), len(ch.jobs), ch.gpus)
	if testing.Verbose() {
		t.Logf("steps:\n  %s", strings.Join(ch.log, "\n  "))
	}
}

// chaosJob is what the test knows of a job it added.
type chaosJob struct {
	exit      int  // the trainer's exit code
	forever   bool // it runs until stopped (or its longest run)
	limited   bool // it has a longest run
	failOnCut bool // its policy fails it when interrupted
	cancelled bool // the owner's cancel was taken
}

type chaos struct {
	t      *testing.T
	rng    *rand.Rand
	dir    string
	gpus   int
	r      *testRig
	hot    *hotGPUs
	jobs   map[string]*chaosJob
	log    []string // the steps played, for a failure's message
	checks chan struct{}
	wg     sync.WaitGroup
	broken atomic.Value // the first invariant the background check saw broken

	presence *fakePresence              // the owner at the computer (idle 0) or away
	fault    string                     // how the database refuses writes now, "" when it takes them
	kept     map[string]store.JobRecord // the jobs on disk when it failed
	refused  error                      // the write refused last before it failed
}

func newChaos(t *testing.T, seed uint64) *chaos {
	rng := rand.New(rand.NewPCG(seed, 7))
	ch := &chaos{t: t, rng: rng, dir: t.TempDir(), gpus: 3 + rng.IntN(2), jobs: map[string]*chaosJob{},
		presence: &fakePresence{}}
	ch.start()
	ch.r.configureMiner()
	return ch
}

// hotGPUs makes the telemetry read some GPUs at 95 °C, as a card whose
// fan failed would.
type hotGPUs struct {
	mu  sync.Mutex
	hot map[int]bool
}

func (h *hotGPUs) toggle(i int) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.hot[i] = !h.hot[i]
	return h.hot[i]
}

func (h *hotGPUs) heat(snap *hardware.Snapshot) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := range snap.GPUs {
		if g := &snap.GPUs[i]; h.hot[i] && g.State == hardware.GPUOK {
			g.TempC = 95
			g.Valid |= hardware.MetricTemp
		}
	}
}

// start opens the store in dir and runs a controller on a fresh simulated
// rig (a GPU lost before comes back, as after a reboot), its telemetry
// passed through the heat; a background check watches the invariants.
func (ch *chaos) start() {
	ch.open()
	ch.run()
}

// open opens the store in dir and a controller on it, which restores what
// the store has; run starts it.
func (ch *chaos) open() {
	ch.r = newTestRigWith(ch.t, ch.gpus, ch.dir, func(o *Options) {
		o.Presence, o.PresencePoll = ch.presence, 50*time.Millisecond
	})
	ch.fault = ""
}

func (ch *chaos) run() {
	r := ch.r
	hot := &hotGPUs{hot: map[int]bool{}}
	ch.hot = hot
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	sampler := hardware.NewSampler(r.sim, nil, hardware.SamplerOptions{Interval: 50 * time.Millisecond})
	samples, unsubscribe := sampler.Subscribe()
	feed := make(chan hardware.Snapshot)
	go sampler.Run(ctx)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case snap := <-samples:
				hot.heat(&snap)
				select {
				case feed <- snap:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	go func() { r.stopped <- r.c.Run(ctx, feed); unsubscribe() }()
	ch.t.Cleanup(r.stop) // a test that failed halfway stops it too
	ch.checks = make(chan struct{})
	ch.wg.Add(1)
	go ch.watch(r, ch.checks)
}

func (ch *chaos) watch(r *testRig, stop chan struct{}) {
	defer ch.wg.Done()
	for {
		select {
		case <-stop:
			return
		case <-time.After(3 * time.Millisecond):
		}
		msg := r.checkInvariants()
		if msg == "" {
			msg = jobsConsistent(r.c)
		}
		if msg != "" && ch.broken.Load() == nil {
			ch.broken.Store(msg)
		}
	}
}

// jobsConsistent says how a job's state disagrees with the queue and the
// workloads, "" when none does: a job holds GPUs while it is starting,
// running or paused, waits in the queue while queued, and has ended
// otherwise.
func jobsConsistent(c *Controller) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	for id, j := range c.jobs {
		v := j.view
		w, queued := c.work[id], c.position(id) >= 0
		switch {
		case v.State.Active() && (w == nil || queued):
			return fmt.Sprintf("job %s is %s, with workload %v, in the queue %v", id, v.State, w != nil, queued)
		case v.State == JobQueued && (w != nil || !queued):
			return fmt.Sprintf("job %s is queued, with a workload %v, in the queue %v", id, w != nil, queued)
		case v.State.Final() && (w != nil || queued || v.Ended.IsZero()):
			return fmt.Sprintf("job %s is %s, with a workload %v, in the queue %v, ended %v", id, v.State, w != nil, queued, v.Ended)
		case !v.State.Final() && !v.State.Active() && v.State != JobQueued:
			return fmt.Sprintf("job %s is %s between two steps", id, v.State)
		}
	}
	for id, w := range c.work {
		if j := c.jobs[w.jobID]; w.kind == renting && (j == nil || !j.view.State.Active()) {
			return fmt.Sprintf("workload %s runs for a job that is not running", id)
		}
	}
	return ""
}

// stop ends the rig (RigShift quits) and closes its store; a store that
// refuses writes (or was closed) does not flush its telemetry on closing.
func (ch *chaos) stop() {
	close(ch.checks)
	ch.wg.Wait()
	ch.r.stop()
	if err := ch.r.store.Close(); err != nil && ch.fault == "" {
		ch.t.Fatal(err)
	}
	ch.checkBroken()
}

func (ch *chaos) checkBroken() {
	if msg, _ := ch.broken.Load().(string); msg != "" {
		ch.fatalf("invariant broken: %s", msg)
	}
}

func (ch *chaos) fatalf(format string, args ...any) {
	ch.t.Helper()
	steps := ch.log[max(0, len(ch.log)-25):]
	ch.t.Fatalf("%s\nlast steps:\n  %s", fmt.Sprintf(format, args...), strings.Join(steps, "\n  "))
}

func (ch *chaos) note(format string, args ...any) {
	ch.log = append(ch.log, fmt.Sprintf("%3d ", len(ch.log))+fmt.Sprintf(format, args...))
}

// play runs steps random steps, letting the rig settle and checking it
// every tenth.
func (ch *chaos) play(steps int) {
	actions := []struct {
		weight int
		do     func()
	}{
		{3, ch.setMode}, {4, ch.addJob}, {2, ch.cancelJob}, {1, ch.moveJob}, {1, ch.runAgain},
		{2, ch.toggleAside}, {1, ch.loseGPU}, {2, ch.toggleHeat}, {2, ch.changeSettings},
		{1, ch.restart}, {2, ch.wait}, {2, ch.storage}, {1, ch.kill}, {1, ch.comeAndGo},
	}
	total := 0
	for _, a := range actions {
		total += a.weight
	}
	for i := range steps {
		n := ch.rng.IntN(total)
		for _, a := range actions {
			if n -= a.weight; n < 0 {
				a.do()
				break
			}
		}
		time.Sleep(time.Duration(ch.rng.IntN(80)) * time.Millisecond)
		ch.checkBroken()
		if i%10 == 9 {
			ch.settle()
		}
	}
}

func (ch *chaos) setMode() {
	m := Modes()[ch.rng.IntN(4)]
	ch.note("mode %s", m)
	if err := ch.r.c.SetMode(m); err != nil {
		if ch.fault == "" || m == Idle { // one that the disk would not keep is refused, but Idle never is
			ch.fatalf("SetMode(%s): %v", m, err)
		}
		ch.note("  refused: %v", err)
	}
}

func (ch *chaos) addJob() {
	cj := &chaosJob{}
	steps, gpus := 5+ch.rng.IntN(30), 1+ch.rng.IntN(2)
	switch k := ch.rng.IntN(10); {
	case k < 2:
		cj.exit = 1 + ch.rng.IntN(3)
	case k < 5:
		cj.forever, steps = true, 100000
	}
	spec := trainerJob(fmt.Sprint("client", len(ch.jobs)), gpus, steps, cj.exit)
	spec.PricePerGPUHour = float64(ch.rng.IntN(300)) / 100
	if cj.forever && ch.rng.IntN(3) == 0 {
		cj.limited, spec.MaxRuntime = true, time.Duration(300+ch.rng.IntN(1200))*time.Millisecond
	}
	if ch.rng.IntN(5) == 0 {
		cj.failOnCut, spec.OnInterrupt = true, FailJob
	}
	if ch.rng.IntN(5) == 0 { // these GPUs, not any
		all := ch.r.sim.GPUs()
		for _, i := range ch.rng.Perm(ch.gpus)[:gpus] {
			spec.GPUs = append(spec.GPUs, all[i].UUID)
		}
	}
	j, err := ch.r.c.AddJob(spec)
	ch.note("add %d-GPU job (%d steps, exit %d, max %s, policy %q): %s %v", gpus, steps, cj.exit, spec.MaxRuntime, spec.OnInterrupt, j.ID, err)
	if err == nil {
		ch.jobs[j.ID] = cj
	}
}

// someJob picks one of the jobs added, or "" when there is none.
func (ch *chaos) someJob() string {
	if len(ch.jobs) == 0 {
		return ""
	}
	ids := slices.Sorted(func(yield func(string) bool) {
		for id := range ch.jobs {
			if !yield(id) {
				return
			}
		}
	})
	return ids[ch.rng.IntN(len(ids))]
}

func (ch *chaos) cancelJob() {
	id := ch.someJob()
	if id == "" {
		return
	}
	err := ch.r.c.CancelJob(id)
	ch.note("cancel %s: %v", id, err)
	if err == nil {
		ch.jobs[id].cancelled = true
	}
}

func (ch *chaos) moveJob() {
	id := ch.someJob()
	if id == "" {
		return
	}
	to := ch.rng.IntN(4)
	ch.note("move %s to %d: %v", id, to, ch.r.c.MoveJob(id, to))
}

// runAgain queues an ended job's spec again, as the Jobs screen's "Run again".
func (ch *chaos) runAgain() {
	id := ch.someJob()
	if id == "" {
		return
	}
	old, err := ch.r.c.Job(id)
	if err != nil {
		ch.fatalf("job %s: %v", id, err)
	}
	if !old.State.Final() {
		return
	}
	j, err := ch.r.c.AddJob(old.Spec)
	ch.note("run %s again: %s %v", id, j.ID, err)
	if err == nil {
		again := *ch.jobs[id]
		again.cancelled = false
		ch.jobs[j.ID] = &again
	}
}

func (ch *chaos) toggleAside() {
	i := ch.rng.IntN(ch.gpus)
	uuid := ch.r.sim.GPUs()[i].UUID
	aside := !ch.r.c.Settings().Aside(uuid)
	ch.note("GPU %d aside=%v: %v", i, aside, ch.r.c.SetGPUAside(uuid, aside))
}

// loseGPU makes a GPU fall off the bus; one at least stays.
func (ch *chaos) loseGPU() {
	i := ch.rng.IntN(ch.gpus)
	lost := 0
	for _, g := range ch.r.c.Status().GPUs {
		if g.Lost {
			lost++
		}
	}
	if lost >= ch.gpus-1 {
		return
	}
	ch.note("GPU %d lost", i)
	_ = ch.r.sim.Lose(i)
}

func (ch *chaos) toggleHeat() {
	i := ch.rng.IntN(ch.gpus)
	ch.note("GPU %d hot=%v", i, ch.hot.toggle(i))
}

func (ch *chaos) changeSettings() {
	s := ch.r.c.Settings()
	switch ch.rng.IntN(6) {
	case 0:
		s.ElectricityPerKWh = float64(ch.rng.IntN(60)) / 100
		ch.note("price %v", s.ElectricityPerKWh)
	case 1:
		s.HostOverheadW = float64(ch.rng.IntN(200))
		ch.note("overhead %v W", s.HostOverheadW)
	case 2:
		if s.MinerConfigured() {
			s.Miner = DefaultSettings().Miner
		} else {
			s.Miner = fakeMinerPreset()
		}
		ch.note("miner on=%v", s.MinerConfigured())
	case 3:
		s.MiningHours = ch.someHours()
		ch.note("mining hours %s", s.MiningHours.Words())
	case 4:
		s.MineWhenAwayFor = time.Duration(ch.rng.IntN(2)) * time.Minute
		ch.note("mine when away for %s", s.MineWhenAwayFor)
	default:
		s.Currency = map[string]string{"USD": "EUR", "EUR": "USD"}[s.Currency]
		ch.note("currency %s", s.Currency)
	}
	if err := ch.r.c.SaveSettings(s); err != nil {
		ch.note("  refused: %v", err)
	}
}

// restart quits RigShift and starts it again on the same data: a GPU
// lost comes back, a hot one has cooled.
func (ch *chaos) restart() {
	ch.note("restart")
	if ch.fault != "" { // its stop is not saved: as good as killed
		ch.restartKilled()
		return
	}
	mode, ended := ch.r.c.Status().Mode, ch.ended()
	ch.stop()
	ch.checkLedger()
	ch.open()
	ch.checkRestored(mode, ended)
	ch.run()
}

// ended are the jobs that have ended, as the rig says.
func (ch *chaos) ended() map[string]Job {
	out := map[string]Job{}
	for _, j := range ch.r.c.Jobs() {
		if j.State.Final() {
			out[j.ID] = j
		}
	}
	return out
}

// checkRestored checks that a RigShift that quit on a disk that takes
// writes comes back in the mode it was in, with every job that had ended
// ended as it did: one found running again would run, and be billed, a
// second time.
func (ch *chaos) checkRestored(mode Mode, ended map[string]Job) {
	if got := ch.r.c.Status().Mode; got != mode {
		ch.fatalf("RigShift quit in %s mode and came back in %s", mode, got)
	}
	for id, was := range ended {
		now, err := ch.r.c.Job(id)
		if err != nil || now.State != was.State || math.Abs(now.Earned-was.Earned) > 1e-9 {
			ch.fatalf("job %s had %s (earned %v) when RigShift quit; after the restart: %s, earned %v (%v)",
				id, was.State, was.Earned, now.State, now.Earned, err)
		}
	}
}

func (ch *chaos) wait() {
	d := time.Duration(100+ch.rng.IntN(400)) * time.Millisecond
	ch.note("wait %s", d)
	time.Sleep(d)
}

// settle waits until nothing is on its way (workloads stopping, starting,
// jobs that should start) and the rig does what its mode says.
func (ch *chaos) settle() {
	ch.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		msg := ch.unsettled()
		if msg == "" {
			return
		}
		if time.Now().After(deadline) {
			ch.fatalf("not settled within 20 s: %s\nstatus %+v", msg, ch.r.c.Status())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// unsettled says what the rig does against its mode and queue, "" when
// nothing.
func (ch *chaos) unsettled() string {
	c := ch.r.c
	if c.Status().Switching {
		return "switching"
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if msg := ch.idleGPU(); msg != "" {
		return msg
	}
	for id, w := range c.work {
		if w.stopping {
			return id + " stopping"
		}
		if w.kind == renting && c.jobs[w.jobID].view.State == JobStarting {
			return id + " starting"
		}
		if msg := ch.misplaced(w); msg != "" {
			return msg
		}
	}
	return ch.queueStuck()
}

// idleGPU names a GPU that should mine and does not. Called with c.mu held.
func (ch *chaos) idleGPU() string {
	c := ch.r.c
	if !c.mayMine() || c.miningHeld(c.now()).cause != notHeld {
		return ""
	}
	for i, s := range c.slots {
		w := c.work[s.owner]
		if w == nil && !s.lost && !c.setAside(i) && s.blocked == "" && !s.minerGaveUp {
			return fmt.Sprintf("GPU %d runs nothing in %s mode", i, c.mode)
		}
	}
	return ""
}

// misplaced says why w should not run, "" when it may. Called with c.mu held.
func (ch *chaos) misplaced(w *workload) string {
	c := ch.r.c
	switch {
	case c.mode == Idle:
		return w.id + " runs in Idle mode"
	case w.kind == renting && !c.mode.RunsJobs():
		return w.id + " runs in " + c.mode.String() + " mode"
	case w.kind == mining && !c.mode.mines():
		return w.id + " mines in " + c.mode.String() + " mode"
	case w.kind == mining && c.miningHeld(c.now()).cause != notHeld && c.miningHeld(c.now()).cause != checking:
		return w.id + " mines while " + c.miningHeld(c.now()).why
	}
	for _, g := range w.gpus {
		if s := c.slots[g]; s.lost || c.setAside(g) {
			return fmt.Sprintf("%s runs on GPU %d, lost %v, aside %v", w.id, g, s.lost, c.setAside(g))
		}
	}
	return ""
}

// queueStuck says which queued job could start and did not, in a mode that
// runs jobs. Called with c.mu held.
func (ch *chaos) queueStuck() string {
	c := ch.r.c
	if _, err := c.store.WriteProblem(); !c.mode.RunsJobs() || err != nil {
		return "" // no job starts that the database would not keep
	}
	free := map[string]bool{}
	for i, s := range c.slots {
		if w := c.work[s.owner]; !s.lost && !c.setAside(i) && s.blocked == "" && (w == nil || w.kind == mining) {
			free[s.info.UUID] = true
		}
	}
	for _, id := range c.queue {
		j := c.jobs[id]
		if c.waitsFor(j) != "" {
			continue
		}
		fits := j.spec.GPUCount <= len(free)
		if len(j.spec.GPUs) > 0 {
			fits = !slices.ContainsFunc(j.spec.GPUs, func(u string) bool { return !free[u] })
		}
		if fits {
			return fmt.Sprintf("%s waits in the queue with GPUs %v free", id, slices.Sorted(maps.Keys(free)))
		}
		return ""
	}
	return ""
}

// drain brings the rig back whole (a restart finds the GPUs lost, nothing
// is hot or set aside), stops the jobs that would run for ever and lets
// the rest run out in Rent mode.
func (ch *chaos) drain() {
	ch.restart()
	ch.note("drain")
	s := ch.r.c.Settings()
	s.GPUsAside = nil
	s.MiningHours, s.MineWhenAwayFor = DailyHours{}, 0
	if err := ch.r.c.SaveSettings(s); err != nil {
		ch.fatalf("using every GPU again: %v", err)
	}
	if err := ch.r.c.SetMode(Rent); err != nil {
		ch.fatalf("%v", err)
	}
	for id, cj := range ch.jobs {
		if cj.forever && !cj.limited && ch.r.c.CancelJob(id) == nil {
			cj.cancelled = true
		}
	}
	// A long run leaves a long queue: it has 30 s after each job that ends.
	deadline, before := time.Now().Add(30*time.Second), len(ch.jobs)
	for {
		ch.checkBroken()
		left := []string{}
		for _, j := range ch.r.c.Jobs() {
			if !j.State.Final() {
				left = append(left, j.ID+" "+string(j.State))
			}
		}
		if len(left) == 0 {
			break
		}
		if len(left) < before {
			deadline, before = time.Now().Add(30*time.Second), len(left)
		}
		if time.Now().After(deadline) {
			ch.fatalf("no job ended for 30 s after the rig was whole again in Rent mode: %v", left)
		}
		time.Sleep(20 * time.Millisecond)
	}
	ch.settle()
	ch.checkJobs()
}

// checkJobs checks how every job ended, as far as what the test did says.
func (ch *chaos) checkJobs() {
	for _, j := range ch.r.c.Jobs() {
		cj := ch.jobs[j.ID]
		if cj == nil {
			ch.fatalf("job %s was never added", j.ID)
		}
		if want := cj.endings(); !slices.Contains(want, j.State) {
			ch.fatalf("job %s ended %s (%s), want one of %v", j.ID, j.State, j.Reason, want)
		}
		if j.Ended.IsZero() || j.Position != -1 || j.Earned < 0 || math.Abs(j.Earned-j.GPUHours*j.Spec.PricePerGPUHour) > 1e-9 {
			ch.fatalf("ended job %s: %+v", j.ID, j)
		}
	}
}

// endings are the states the job may end in: cancelled or not, it may
// have ended by itself first; interrupted, its policy may fail it.
func (cj *chaosJob) endings() []JobState {
	var out []JobState
	switch {
	case cj.cancelled:
		return []JobState{JobCancelled, JobSucceeded, JobFailed, JobTimedOut}
	case cj.limited:
		out = []JobState{JobTimedOut}
	case cj.exit != 0:
		return []JobState{JobFailed}
	default:
		out = []JobState{JobSucceeded}
	}
	if cj.failOnCut {
		out = append(out, JobFailed)
	}
	return out
}

// finish switches to Idle, checks that nothing runs, and quits.
func (ch *chaos) finish() {
	ch.note("idle")
	if err := ch.r.c.SetMode(Idle); err != nil {
		ch.fatalf("%v", err)
	}
	ch.settle()
	c := ch.r.c
	c.mu.Lock()
	running := len(c.work)
	c.mu.Unlock()
	if running > 0 {
		ch.fatalf("%d workloads run in Idle mode", running)
	}
	ch.stop()
}

// checkLedger reads the earnings records after the rig stopped: none ends
// before it starts or costs less than nothing, no two of a GPU overlap,
// and each job's records add up to what it earned.
func (ch *chaos) checkLedger() {
	st, err := store.Open(filepath.Join(ch.dir, "rigshift.db"), store.Options{})
	if err != nil {
		ch.t.Fatal(err)
	}
	defer st.Close()
	ch.checkBooks(st, false)
}

// checkBooks checks the earnings records in st as checkLedger says; with
// running, a job that was running (RigShift was killed) may have earned
// more than its records book yet: they are booked when its run ends.
func (ch *chaos) checkBooks(st *store.Store, running bool) {
	recs, err := st.Earnings(time.Time{}, time.Now().Add(time.Hour))
	if err != nil {
		ch.t.Fatal(err)
	}
	byGPU := map[string][]store.EarningRecord{}
	booked := map[string]float64{}
	for _, r := range recs {
		if r.End.Before(r.Start) || r.EnergyJ < 0 || r.ElectricityCost < 0 || r.Revenue < 0 {
			ch.fatalf("earnings record %+v", r)
		}
		byGPU[r.GPU] = append(byGPU[r.GPU], r)
		booked[r.JobID] += r.Revenue
	}
	for gpu, list := range byGPU {
		slices.SortFunc(list, func(a, b store.EarningRecord) int { return a.Start.Compare(b.Start) })
		last := list[0] // the record that ends last so far
		for _, b := range list[1:] {
			if a := last; b.Start.Before(a.End) {
				ch.fatalf("GPU %s: records overlap by %v:\n  %+v\n  %+v", gpu, a.End.Sub(b.Start), a, b)
			}
			if b.End.After(last.End) {
				last = b
			}
		}
	}
	jobs, err := st.ListJobs()
	if err != nil {
		ch.t.Fatal(err)
	}
	for _, j := range jobs {
		if running && (JobState(j.State).Active() || JobState(j.State) == JobInterrupted) {
			continue
		}
		if math.Abs(booked[j.ID]-j.Earned) > 1e-9 {
			ch.fatalf("job %s (%s) earned %v, its records book %v", j.ID, j.State, j.Earned, booked[j.ID])
		}
	}
}

// checkNoLeaks waits a few seconds for the goroutines to be back to what
// they were before and for no child process to be left.
func checkNoLeaks(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		now, stacks := liveGoroutines()
		kids := childProcesses()
		if now <= before && len(kids) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the rig stopped: %d goroutines (%d before), child processes %v\n%s", now, before, kids, stacks)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// liveGoroutines counts the goroutines but the notice boards' deliverers,
// which live as long as the process (one a controller, and RigShift has
// one), and returns their stacks.
func liveGoroutines() (int, string) {
	var all bytes.Buffer
	_ = pprof.Lookup("goroutine").WriteTo(&all, 2)
	var live []string
	for _, g := range strings.Split(all.String(), "\n\n") {
		if !strings.Contains(g, "noticeBoard).deliverAll") {
			live = append(live, g)
		}
	}
	return len(live), strings.Join(live, "\n\n")
}

// childProcesses lists this process's children, as /proc says.
func childProcesses() []string {
	var out []string
	me := strconv.Itoa(os.Getpid())
	dirs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, path := range dirs {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …: comm may hold spaces, so after the ')'.
		rest := string(data[bytes.LastIndexByte(data, ')')+1:])
		if f := strings.Fields(rest); len(f) > 1 && f[1] == me {
			out = append(out, strings.TrimSpace(string(data[:bytes.IndexByte(data, ')')+1])))
		}
	}
	return out
}
