package control

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/jobs/miners"
)

// feedRig runs the controller on snapshots the test sends: the first
// GPU's temperature, or a whole sample.
func feedRig(t *testing.T, r *testRig) (send func(tempC int), sendSample func(hardware.GPUSample)) {
	t.Helper()
	feed := make(chan hardware.Snapshot)
	sendSample = func(g hardware.GPUSample) {
		at := g.Time // a sample's own time stands for the snapshot's, where set
		if at.IsZero() {
			at = time.Now()
		}
		feed <- hardware.Snapshot{Time: at, GPUs: []hardware.GPUSample{g}}
		time.Sleep(50 * time.Millisecond)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.c.Run(ctx, feed) }()
	t.Cleanup(func() { cancel(); <-done })
	uuid := r.c.allUUIDs()[0]
	send = func(temp int) {
		sendSample(hardware.GPUSample{UUID: uuid, State: hardware.GPUOK, TempC: temp, Valid: hardware.MetricTemp})
	}
	return send, sendSample
}

// A miner held for heat earns nothing: its API's last hash rate is not
// booked, counted in the money line or shown while it is stopped.
func TestHeldMinerEarnsNothing(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	r.configureMiner()
	send, _ := feedRig(t, r)
	_ = r.c.SetMode(Mine)
	deadline := time.Now().Add(20 * time.Second)
	for r.c.Status().Miner.HashRate == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the miner reported no hash rate")
		}
		send(60)
	}
	for range 10 {
		send(90)
	}
	r.eventually("held", func(s Status) bool { return s.GPUs[0].Hot })
	revenue := func() float64 {
		r.c.mu.Lock()
		defer r.c.mu.Unlock()
		return r.c.work["miner-gpu0"].session.revenue
	}
	before := revenue()
	for range 20 {
		send(90)
	}
	st := r.c.Status()
	if grew := revenue() - before; grew > 0 || st.Rates.MinePerHour > 0 || st.GPUs[0].HashRate > 0 || st.Miner.HashRate > 0 {
		t.Errorf("held miner: revenue grew by %v, %v/h, GPU at %v H/s, miner at %v H/s",
			grew, st.Rates.MinePerHour, st.GPUs[0].HashRate, st.Miner.HashRate)
	}
	if st.Miner.GPUs != 0 { // the tray said "mining on 1 GPU"
		t.Errorf("held miner: the miner counts %d GPUs mining", st.Miner.GPUs)
	}
}

// The cooled-down notice names the GPU that cooled.
func TestCooledNoticeNamesTheGPU(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	send, _ := feedRig(t, r)
	job := r.runningJob(trainerJob("Hot", 1, 100000, 0))
	for range 10 {
		send(90)
	}
	r.eventually("paused", func(Status) bool { return r.jobState(job.ID) == JobPaused })
	for range 5 {
		send(50)
	}
	r.eventually("running again", func(Status) bool { return r.jobState(job.ID) == JobRunning })
	time.Sleep(100 * time.Millisecond)
	if log := eventLog(t, r.store); strings.Contains(log, "GPU -1") || !strings.Contains(log, "GPU 0 cooled down") {
		t.Errorf("event log:\n%s", log)
	}
}

// A temperature read that fails is no news: the thermal guard goes on
// with the last one, instead of taking the GPU for cool at 0 °C.
func TestFailedTemperatureReadIsNotACoolGPU(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	send, sendSample := feedRig(t, r)
	job := r.runningJob(trainerJob("Hot", 1, 100000, 0))
	uuid := r.c.allUUIDs()[0]
	for i := range 12 {
		if i%2 == 1 { // every other read of the temperature fails
			sendSample(hardware.GPUSample{UUID: uuid, State: hardware.GPUOK})
			continue
		}
		send(90)
	}
	r.eventually("paused", func(Status) bool { return r.jobState(job.ID) == JobPaused })
	if st := r.c.Status(); st.GPUs[0].TempC != 90 {
		t.Errorf("status reads %d °C, want the last one read, 90", st.GPUs[0].TempC)
	}
}

// heatNotices is a rig whose GPU 1's miner the test heats and cools on a
// clock it moves.
func heatNotices(t *testing.T) (r *testRig, after func(time.Duration), hot func(tempC float64), cool func()) {
	r = newTestRig(t, 2, t.TempDir())
	now := time.Unix(1_700_000_000, 0)
	r.c.note.now = func() time.Time { return now }
	uuid := r.c.slots[1].info.UUID
	miner := &workload{id: "miner-gpu1", kind: mining, gpus: []int{1}}
	after = func(d time.Duration) { now = now.Add(d) }
	hot = func(tempC float64) {
		r.c.onThermal(miner, jobs.Event{Kind: jobs.EventThermalHold, GPU: uuid, TempC: tempC})
	}
	cool = func() { r.c.onThermal(miner, jobs.Event{Kind: jobs.EventThermalResume, GPU: uuid}) }
	return r, after, hot, cool
}

// GPU 1 pauses for heat and cools three minutes later: the owner was told
// it is held "until it cools", and should hear that it did.
func TestCooledNoticeAnswersTheHeatWarning(t *testing.T) {
	r, after, hot, cool := heatNotices(t)
	hot(84)
	after(3 * time.Minute)
	cool()
	waitNotices(t, r.notes, 2)
	time.Sleep(50 * time.Millisecond)
	if got := r.notes.all(); len(got) != 2 {
		t.Errorf("%d notices shown, want hot and cooled: %+v", len(got), got)
	}
}

// Hot, cooled 11 minutes later, hot again a minute after: the last notice
// the owner saw says "cool again: resumes" while the GPU is held once more.
func TestHotAgainAfterCooledIsShown(t *testing.T) {
	r, after, hot, cool := heatNotices(t)
	hot(84)
	after(11 * time.Minute)
	cool()
	after(time.Minute)
	hot(85)
	waitNotices(t, r.notes, 3)
	time.Sleep(50 * time.Millisecond)
	got := r.notes.all()
	if len(got) != 3 {
		t.Errorf("%d notices shown, want 3; the last one the owner saw: %q", len(got), got[len(got)-1].Title)
	}
}

// energyAt makes a GPU's samples SEC seconds after t0 with an energy
// counter at JOULES.
func energyAt(uuid string, t0 time.Time) func(sec int, joules float64) hardware.GPUSample {
	return func(sec int, joules float64) hardware.GPUSample {
		return hardware.GPUSample{UUID: uuid, State: hardware.GPUOK, Time: t0.Add(time.Duration(sec) * time.Second),
			TempC: 50, EnergyJ: joules, Valid: hardware.MetricTemp | hardware.MetricEnergy}
	}
}

// A GPU that did not answer for three minutes comes back with its energy
// counter three minutes on: that energy is booked to the job holding it
// (a jump over 50 kJ was taken for a counter reset and dropped), while a
// jump no GPU could make in the time is still left out.
func TestEnergyAfterASilentStretchIsBooked(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	_, sendSample := feedRig(t, r)
	job := r.runningJob(trainerJob("Hang", 1, 100000, 0))
	uuid := r.c.allUUIDs()[0]
	at := energyAt(uuid, time.Now())
	sendSample(at(0, 1_000))
	sendSample(at(1, 1_300))
	sendSample(hardware.GPUSample{UUID: uuid, State: hardware.GPUNotResponding, Time: at(2, 0).Time})
	sendSample(at(181, 1_300+180*300))     // 3 minutes at 300 W
	sendSample(at(182, 1_300+180*300+9e6)) // 9 MJ in a second: a counter that restarted elsewhere
	j, _ := r.c.Job(job.ID)
	if want := 300 + 180*300.0; math.Abs(j.EnergyJ-want) > 1 {
		t.Errorf("job energy %v J, want %v J", j.EnergyJ, want)
	}
}

// The NVML backend reads the energy counter every 10 s and carries the
// figure with the power in between; where the power ran low (a bursty
// load read at one instant each second), the counter's read corrects it at
// once: more than a 2 kW card could use in that second, but not in the 10
// s it covers. It is booked, not dropped whole.
func TestEnergyCounterCorrectionIsBooked(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	_, sendSample := feedRig(t, r)
	job := r.runningJob(trainerJob("Bursty", 1, 100000, 0))
	uuid := r.c.allUUIDs()[0]
	at := energyAt(uuid, time.Now())
	sendSample(at(0, 10_000))
	sendSample(at(1, 10_400))
	sendSample(at(2, 10_400+3_000)) // the counter read: 400 W in the second, and 2.6 kJ the carry missed
	j, _ := r.c.Job(job.ID)
	if want := 3_400.0; math.Abs(j.EnergyJ-want) > 1 {
		t.Errorf("job energy %v J, want %v J", j.EnergyJ, want)
	}
}

// A job paused for heat still holds its GPUs and pays their share of the
// host's overhead, as a miner held for heat does.
func TestPausedJobPaysItsHostOverhead(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	c := &Controller{settings: DefaultSettings(), slots: []*slot{{owner: "J-0001"}},
		work: map[string]*workload{"J-0001": {id: "J-0001", kind: renting, gpus: []int{0}, jobID: "J-0001"}},
		jobs: map[string]*job{}}
	j := &job{view: Job{ID: "J-0001", GPUs: []string{"a"}}}
	c.jobs["J-0001"] = j
	j.setRunning(t0)
	c.accountMining(&hardware.Snapshot{Time: t0})
	c.accountMining(&hardware.Snapshot{Time: t0.Add(10 * time.Second)})
	running := j.overheadJ
	j.setPaused(t0.Add(10 * time.Second))
	c.accountMining(&hardware.Snapshot{Time: t0.Add(20 * time.Second)})
	if paused := j.overheadJ - running; running <= 0 || paused < running*0.99 {
		t.Errorf("overhead %v J in 10 s running, %v J in 10 s paused", running, paused)
	}
}

// A miner that crashed and waits to start again earns nothing, also with a
// revenue per GPU and day, and its GPU reads "miner restarting", not
// mining (a daemon's status said mining at 2 USD/h with no miner running).
func TestRestartingMinerEarnsNothing(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	s := r.c.Settings()
	s.Miner = miners.Preset{Miner: miners.Custom, Executable: "/bin/sh", Args: []string{"-c", "exit 7"}}
	s.MiningPerGPUDay = 86400 // 1 a second while mining: easy to see
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	_ = r.c.SetMode(Mine)
	st := r.eventually("the miner restarting", func(s Status) bool { return s.GPUs[0].Work == WorkMinerRestarting })
	if st.Rates.MinePerHour != 0 || st.Miner.GPUs != 0 {
		t.Errorf("restarting: mining pays %v/h on %d GPUs", st.Rates.MinePerHour, st.Miner.GPUs)
	}
	time.Sleep(time.Second)
	r.c.mu.Lock()
	var revenue float64
	if w := r.c.work["miner-gpu0"]; w != nil && w.session != nil {
		revenue = w.session.revenue
	}
	r.c.mu.Unlock()
	if revenue > 0.2 { // it runs for milliseconds between its crashes
		t.Errorf("a miner that keeps crashing earned %v in about a second", revenue)
	}
}

// A job held for heat after its longest run was up is stopped at the next
// heartbeat, not kept holding its GPU until it cools and then run on.
func TestJobHeldForHeatPastItsLongestRunTimesOut(t *testing.T) {
	r := newTestRigWith(t, 1, t.TempDir(), func(o *Options) { o.Heartbeat = time.Hour }) // the test beats
	send, _ := feedRig(t, r)
	spec := trainerJob("Slowpoke", 1, 100000, 0)
	spec.MaxRuntime = time.Second // time to stop its timer first, on a busy machine too
	job := r.runningJob(spec)
	// The heat comes before the loop has handled the limit's timer (it
	// fires at the limit, and the pause can be a moment ahead of it).
	r.c.mu.Lock()
	r.c.jobs[job.ID].disarmLimit()
	r.c.mu.Unlock()
	time.Sleep(1100 * time.Millisecond) // past its longest run
	for range 10 {
		send(90)
	}
	r.eventually("paused", func(Status) bool { return r.jobState(job.ID) == JobPaused })
	r.c.onHeartbeat()
	r.eventually("timed out", func(Status) bool { return r.jobState(job.ID) == JobTimedOut })
	if got, _ := r.c.Job(job.ID); got.Running != spec.MaxRuntime {
		t.Errorf("billed for %v, want its longest run %v", got.Running, spec.MaxRuntime)
	}
}

// A miner held for heat again within the hour stays held a while however
// soon it cools: the notice says so, how often it happened, and what
// would keep the GPU working.
func TestRepeatedHoldNoticeSaysWhy(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	gpu := r.c.allUUIDs()[0]
	r.c.onThermal(&workload{kind: mining}, jobs.Event{Kind: jobs.EventThermalHold, GPU: gpu, TempC: 84, Attempt: 3, Delay: 2 * time.Minute})
	n, ok := r.notes.find(NoticeThermal)
	want := "GPU 0 reached 84 °C, for the 3rd time in an hour: the miner is held until it cools below 70 °C, and for at least 2 min. " +
		"A lower power limit, or more air around it, would keep it working."
	if !ok || n.Body != want {
		t.Errorf("notice %q, want %q", n.Body, want)
	}
}

// A miner held again within the hour shows how long it stays held, cool
// or not: the card would otherwise read "paused (hot)" at 50 °C.
func TestRepeatedHoldShowsWhenMiningResumes(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	r.configureMiner()
	send, _ := feedRig(t, r)
	_ = r.c.SetMode(Mine)
	until := func(what string, temp int, ok func(GPUStatus) bool) GPUStatus {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			if g := r.c.Status().GPUs[0]; ok(g) {
				return g
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: not reached in 20 s: %+v", what, r.c.Status().GPUs[0])
			}
			send(temp)
		}
	}
	mining := func(g GPUStatus) bool { return !g.Hot && g.HashRate > 0 }
	until("mining", 60, mining)
	if g := until("first hold", 90, func(g GPUStatus) bool { return g.Hot }); !g.HeldUntil.IsZero() {
		t.Errorf("first hold: held until %v, want only until the card cools", g.HeldUntil)
	}
	until("mining again", 50, mining)
	g := until("second hold", 90, func(g GPUStatus) bool { return g.Hot })
	if left := time.Until(g.HeldUntil); left <= 0 || left > time.Minute {
		t.Errorf("second hold: held until %v (%v from now), want about a minute from now", g.HeldUntil, left)
	}
	for range 5 { // cool readings, each taken in before the next
		send(50)
	}
	if g := r.c.Status().GPUs[0]; !g.Hot || g.HeldUntil.IsZero() {
		t.Errorf("cooled within the minute: hot %v, held until %v; want still held", g.Hot, g.HeldUntil)
	}
}

// On a simulated rig a workload held for heat leaves its GPU idle, so the
// card cools and the hold can end, as on a real one.
func TestHeldWorkloadIdlesItsSimulatedGPU(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	r.configureMiner()
	send, _ := feedRig(t, r)
	_ = r.c.SetMode(Mine)
	load := func() int {
		var s hardware.GPUSample
		if err := r.sim.Read(0, &s); err != nil {
			t.Fatal(err)
		}
		return s.GPUUtil
	}
	deadline := time.Now().Add(20 * time.Second)
	for r.c.Status().Miner.HashRate == 0 || load() < 50 {
		if time.Now().After(deadline) {
			t.Fatalf("the miner did not load the GPU: %d %%", load())
		}
		send(60)
	}
	for !r.c.Status().GPUs[0].Hot {
		if time.Now().After(deadline) {
			t.Fatal("the miner was not held at 90 °C")
		}
		send(90)
	}
	for load() > 10 {
		if time.Now().After(deadline) {
			t.Fatalf("held, the GPU is still at %d %% load", load())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
