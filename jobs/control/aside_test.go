package control

import (
	"errors"
	"strings"
	"testing"

	"github.com/rigshift/rigshift/store"
)

// A GPU set aside stops mining at once and mines no more; used again, it
// mines. The other GPU mines throughout, and the event log says both.
func TestGPUSetAsideStopsMiningOnItAlone(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	r.configureMiner()
	_ = r.c.SetMode(Mine)
	r.eventually("both GPUs mine", func(s Status) bool { return countWork(s, "mining") == 2 })
	gpu1 := r.c.Status().GPUs[1]

	if err := r.c.SetGPUAside(gpu1.UUID, true); err != nil {
		t.Fatal(err)
	}
	st := r.eventually("GPU 1 set aside, GPU 0 still mining", func(s Status) bool {
		return s.GPUs[1].Work == WorkSetAside && s.GPUs[0].Work == "mining" && !s.Switching
	})
	if !st.GPUs[1].Aside || st.GPUs[0].Aside {
		t.Errorf("set aside flags: GPU 0 %v, GPU 1 %v", st.GPUs[0].Aside, st.GPUs[1].Aside)
	}
	if !r.c.Settings().Aside(gpu1.UUID) {
		t.Error("the settings do not keep GPU 1 aside")
	}

	if err := r.c.SetGPUAside(gpu1.UUID, false); err != nil {
		t.Fatal(err)
	}
	r.eventually("GPU 1 mines again", func(s Status) bool { return countWork(s, "mining") == 2 && !s.GPUs[1].Aside })
	log := eventLog(t, r.store)
	for _, want := range []string{"GPU 1 (NVIDIA", "set aside by you", "back in use"} {
		if !strings.Contains(log, want) {
			t.Errorf("the event log lacks %q:\n%s", want, log)
		}
	}
	if strings.Count(log, "settings Changed") != 1 { // the miner's set-up, once
		t.Errorf("setting a GPU aside was logged as a settings change too:\n%s", log)
	}
}

// A rental job on a GPU the owner sets aside is stopped and goes back to
// the queue, saying why; it runs again on a GPU still in use.
func TestJobOnAGPUSetAsideIsRequeuedAndMoves(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	job := r.runningJob(trainerJob("Acme", 1, 100000, 0))
	running, _ := r.c.Job(job.ID)
	first := running.GPUs[0]

	if err := r.c.SetGPUAside(first, true); err != nil {
		t.Fatal(err)
	}
	r.eventually("the job runs again on the other GPU", func(Status) bool {
		j, _ := r.c.Job(job.ID)
		return j.State == JobRunning && len(j.GPUs) == 1 && j.GPUs[0] != first
	})
	events, err := r.store.JobEvents(job.ID)
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, e := range events {
		reasons = append(reasons, e.Message+" / "+e.Reason)
	}
	if !strings.Contains(strings.Join(reasons, "\n"), "you set GPU ") {
		t.Errorf("the job's events do not say the owner set its GPU aside:\n%s", strings.Join(reasons, "\n"))
	}
	if n, ok := r.notes.find(NoticeJobFailed); !ok || !strings.Contains(n.Body, "because you set GPU") {
		t.Errorf("the interruption notice: %+v (found %v)", n, ok)
	}
}

// A job that needs more GPUs than are left out of those set aside waits,
// says why in words that do not speak of a reboot, and holds back nobody;
// it runs once the GPU is used again.
func TestJobWaitsForAGPUSetAside(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	uuid1 := r.c.Status().GPUs[1].UUID
	if err := r.c.SetGPUAside(uuid1, true); err != nil {
		t.Fatal(err)
	}
	_ = r.c.SetMode(Rent)
	big, err := r.c.AddJob(trainerJob("Big", 2, 100000, 0))
	if err != nil {
		t.Fatalf("a job needing a GPU set aside is refused: %v", err)
	}
	named := trainerJob("Named", 0, 100000, 0)
	named.GPUs = []string{uuid1}
	nj, err := r.c.AddJob(named)
	if err != nil {
		t.Fatalf("a job naming a GPU set aside is refused: %v", err)
	}
	small, _ := r.c.AddJob(trainerJob("Small", 1, 100000, 0))
	r.eventually("the small job runs on GPU 0 past the waiting ones", func(Status) bool { return r.jobState(small.ID) == JobRunning })

	bj, _ := r.c.Job(big.ID)
	if !bj.WaitsForAside || bj.Blocked != "it needs 2 GPUs; with GPU 1 set aside the rig has 1 for it" {
		t.Errorf("the big job waits: %q (for aside: %v)", bj.Blocked, bj.WaitsForAside)
	}
	named2, _ := r.c.Job(nj.ID)
	if !named2.WaitsForAside || !strings.Contains(named2.Blocked, "GPU 1, which it names, is set aside") {
		t.Errorf("the named job waits: %q (for aside: %v)", named2.Blocked, named2.WaitsForAside)
	}
	if st := r.c.Status(); st.GPUs[1].Work != WorkSetAside {
		t.Errorf("GPU 1 works %q while set aside", st.GPUs[1].Work)
	}

	if err := r.c.CancelJob(small.ID); err != nil {
		t.Fatal(err)
	}
	if err := r.c.SetGPUAside(uuid1, false); err != nil {
		t.Fatal(err)
	}
	r.eventually("the big job runs once GPU 1 is back in use", func(Status) bool { return r.jobState(big.ID) == JobRunning })
}

func TestSetAsideAnUnknownGPUIsRefused(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	err := r.c.SetGPUAside("GPU-nope", true)
	if err == nil || !strings.Contains(err.Error(), "no GPU GPU-nope on this rig") {
		t.Errorf("SetGPUAside(unknown) = %v", err)
	}
	if log := eventLog(t, r.store); log != "" {
		t.Errorf("a refused call logged: %s", log)
	}
}

// Setting a GPU aside is the owner's "try again" for that GPU's miner
// only: a miner that gave up on another GPU stays given up.
func TestOnlyAsideChangedLeavesOtherSettingsAlone(t *testing.T) {
	s := DefaultSettings()
	t2 := s
	t2.GPUsAside = []string{"GPU-1"}
	if !onlyAsideChanged(s, t2) {
		t.Error("a change of the GPUs set aside alone is not seen as such")
	}
	t2.HostOverheadW++
	if onlyAsideChanged(s, t2) {
		t.Error("a change of the overhead is seen as a change of the GPUs set aside alone")
	}
	bad := DefaultSettings()
	bad.GPUsAside = []string{""}
	if msg := FieldErrors(bad.Validate())["gpus-aside"]; msg == "" {
		t.Errorf("an empty UUID set aside is accepted: %v", bad.Validate())
	}
}

// With every GPU set aside nothing waits for the mining hours: the
// dashboard must not say "mining starts at 22:00", nor the event log
// "mining starts" when the hours begin. A GPU used again waits for them.
func TestEveryGPUSetAsideHoldsNoMining(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	r.configureMiner()
	r.setHours(hoursAround(false))
	_ = r.c.SetMode(Mine)
	r.eventually("mining held", func(st Status) bool { return st.MiningHeld != "" })
	gpus := r.c.Status().GPUs
	for _, g := range gpus {
		if err := r.c.SetGPUAside(g.UUID, true); err != nil {
			t.Fatal(err)
		}
	}
	if st := r.c.Status(); st.MiningHeld != "" || st.MiningWaits != "" {
		t.Errorf("every GPU set aside, mining still waits: %q (%q)", st.MiningHeld, st.MiningWaits)
	}
	r.setHours(hoursAround(true))
	r.setHours(hoursAround(false))
	if err := r.c.SetGPUAside(gpus[1].UUID, false); err != nil {
		t.Fatal(err)
	}
	r.eventually("mining waits again for GPU 1", func(st Status) bool { return strings.HasPrefix(st.MiningHeld, "outside the mining hours") })
	if freed := r.eventsOf(store.EventKindMiningFreed); len(freed) != 0 {
		t.Errorf("with every GPU set aside, the event log says mining goes on: %q", freed)
	}
}

// A GPU newly set aside through the settings (`rigshift settings set
// gpus-aside=…`) must be on the rig, as `rigshift gpu aside` wants: a UUID
// mistyped was saved with "Saved." while the GPU it was meant for went on
// mining. One already listed, out of the rig for now, stays listed.
func TestSettingsSetAsideAnUnknownGPUIsRefused(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	s := r.c.Settings()
	s.GPUsAside = []string{"GPU-nope"}
	err := r.c.SaveSettings(s)
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "gpus-aside" || !strings.Contains(fe.Msg, "GPU-nope") {
		t.Fatalf("SaveSettings(an unknown GPU aside) = %v", err)
	}
	if len(r.c.Settings().GPUsAside) != 0 {
		t.Errorf("saved anyway: %v", r.c.Settings().GPUsAside)
	}

	// Listed before (the card was taken out since): other changes still save.
	r.c.mu.Lock()
	r.c.settings.GPUsAside = []string{"GPU-taken-out"}
	r.c.mu.Unlock()
	s = r.c.Settings()
	s.ElectricityPerKWh = 0.3
	if err := r.c.SaveSettings(s); err != nil {
		t.Errorf("a save with a former GPU still aside: %v", err)
	}
}
