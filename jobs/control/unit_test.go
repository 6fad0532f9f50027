package control

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/jobs/logs"
	"github.com/rigshift/rigshift/jobs/miners"
	"github.com/rigshift/rigshift/store"
)

// Billing counts running time only: a thermal pause costs the client
// nothing.
func TestBillingExcludesPauses(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	j := &job{spec: JobSpec{GPUCount: 2, PricePerGPUHour: 0.50}, view: Job{GPUs: []string{"a", "b"}}}
	j.setRunning(t0)
	j.setPaused(t0.Add(30 * time.Minute))
	j.setRunning(t0.Add(50 * time.Minute))
	j.stopClock(t0.Add(80 * time.Minute))
	if j.view.Running != time.Hour || j.view.Paused != 20*time.Minute {
		t.Fatalf("running %v paused %v, want 1h and 20m", j.view.Running, j.view.Paused)
	}
	if j.view.GPUHours != 2 || j.view.Earned != 1.0 {
		t.Errorf("%v GPU-hours earned %v, want 2 and 1.00", j.view.GPUHours, j.view.Earned)
	}
}

func TestNoticeRateLimitsAndSwitches(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	b := r.c.note
	now := time.Unix(1_700_000_000, 0)
	b.now = func() time.Time { return now }
	hot := Notice{Kind: NoticeThermal, GPU: "GPU-1", Title: "hot"}
	b.send(hot)
	b.send(hot) // within 10 minutes: recorded, not shown
	b.send(Notice{Kind: NoticeThermal, GPU: "GPU-2", Title: "other GPU"})
	now = now.Add(11 * time.Minute)
	b.send(hot)
	for range 3 { // job results are never dropped
		b.send(Notice{Kind: NoticeJobDone, JobID: "J-1", Title: "done"})
	}
	b.setEnabled(Settings{NoticesOff: []NoticeKind{NoticeGPULost}}.NoticeOn)
	b.send(Notice{Kind: NoticeGPULost, GPU: "GPU-3", Title: "lost"})
	waitNotices(t, r.notes, 6)
	time.Sleep(50 * time.Millisecond)
	if got := len(r.notes.all()); got != 6 {
		t.Errorf("%d notices shown, want 6 (2 hot GPU-1, 1 GPU-2, 3 job results, no lost)", got)
	}
	events, _ := r.store.Events(time.Time{}, now.Add(time.Hour), 100)
	if len(events) != 8 {
		t.Errorf("%d notices in the event log, want all 8", len(events))
	}
}

func waitNotices(t *testing.T, r *recorder, n int) {
	deadline := time.Now().Add(5 * time.Second)
	for len(r.all()) < n && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
}

func TestModeSurvivesARestart(t *testing.T) {
	dir := t.TempDir()
	r := newTestRig(t, 2, dir).run()
	_ = r.c.SetMode(Rent)
	r.stop()
	_ = r.store.Close()
	again := newTestRig(t, 2, dir)
	if m := again.c.Status().Mode; m != Rent {
		t.Errorf("restarted in %s mode, want rent", m)
	}
	if got := eventLog(t, again.store); got != "mode rent (restored) | mode rent (user)" {
		t.Errorf("event log, newest first: %s", got)
	}
}

// eventLog is the store's event log, newest first: "kind message (reason)".
func eventLog(t *testing.T, st *store.Store) string {
	t.Helper()
	events, err := st.Events(time.Time{}, time.Now().Add(time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range events {
		line := e.Kind + " "
		if e.Title != "" {
			line += e.Title + ": "
		}
		line += e.Message
		if e.Reason != "" {
			line += " (" + e.Reason + ")"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, " | ")
}

func TestJobTimesOut(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	_ = r.c.SetMode(Rent)
	spec := trainerJob("Slowpoke", 1, 100000, 0)
	spec.MaxRuntime = 300 * time.Millisecond
	job, _ := r.c.AddJob(spec)
	r.eventually("timed out", func(Status) bool { return r.jobState(job.ID) == JobTimedOut })
	got, _ := r.c.Job(job.ID)
	// Billed for its longest run exactly: not for the heartbeat that
	// noticed it late, nor for the seconds its stop took.
	if got.Running != spec.MaxRuntime || !strings.Contains(got.Reason, "longest run") {
		t.Errorf("timed-out job billed for %v, want its longest run %v: %+v", got.Running, spec.MaxRuntime, got)
	}
	if n, ok := r.notes.find(NoticeJobFailed); !ok || !strings.Contains(n.Title, "timed out") {
		t.Errorf("notice %+v", n)
	}
}

// A job that had its longest run when RigShift cut it short (a mode
// switch, a GPU set aside, a quit) before a heartbeat noticed is timed
// out: requeued, it ran a whole longest run again, billed again.
func TestJobCutShortPastItsLongestRunTimesOut(t *testing.T) {
	r := newTestRigWith(t, 1, t.TempDir(), func(o *Options) { o.Heartbeat = time.Hour }).run() // no heartbeat notices
	spec := trainerJob("Slowpoke", 1, 100000, 0)
	spec.MaxRuntime = 300 * time.Millisecond
	job := r.runningJob(spec)
	time.Sleep(400 * time.Millisecond) // past its longest run
	_ = r.c.SetMode(Idle)
	r.eventually("the run over", func(Status) bool { s := r.jobState(job.ID); return s.Final() || s == JobQueued })
	got, _ := r.c.Job(job.ID)
	if got.State != JobTimedOut || got.Running != spec.MaxRuntime || !strings.Contains(got.Reason, "longest run") {
		t.Errorf("a job cut short past its longest run: %s after %v (%q), want timed out after %v",
			got.State, got.Running, got.Reason, spec.MaxRuntime)
	}
}

func TestParseMode(t *testing.T) {
	for in, want := range map[string]Mode{"idle": Idle, "Mine": Mine, " RENT ": Rent, "auto": Auto} {
		if m, err := ParseMode(in); err != nil || m != want {
			t.Errorf("ParseMode(%q) = %v, %v", in, m, err)
		}
	}
	if _, err := ParseMode("turbo"); err == nil || !strings.Contains(err.Error(), "idle, mine, rent or auto") {
		t.Errorf("ParseMode(turbo) error = %v", err)
	}
}

// The GPU field's message counts in words, and a rig without GPUs says so
// rather than "this rig has 0".
func TestValidateWordsTheGPUCount(t *testing.T) {
	rig := []string{"GPU-a", "GPU-b"}
	for _, c := range []struct {
		want int
		rig  []string
		msg  string
	}{
		{3, rig, "the job wants 3 GPUs but this rig has 2"},
		{1, nil, "RigShift sees no GPU on this rig to run it on"},
		{0, rig, "a job needs at least one GPU"},
	} {
		s := JobSpec{Client: "acme", Command: []string{"python"}, GPUCount: c.want}
		if got := FieldErrors(s.Validate(c.rig))["gpus"]; got != c.msg {
			t.Errorf("%d GPUs on a rig of %d: %q, want %q", c.want, len(c.rig), got, c.msg)
		}
	}
	ok := JobSpec{Client: "acme", Command: []string{"python"}, GPUCount: 1}
	if err := ok.Validate(rig[:1]); err != nil {
		t.Errorf("1 GPU on a rig of 1: %v", err)
	}
}

func TestUptimeInWords(t *testing.T) {
	for d, want := range map[time.Duration]string{
		36 * time.Minute: "36 min", 2*time.Hour + 5*time.Minute: "2 h 5 min", 76 * time.Hour: "3 d 4 h", 0: "0 min",
	} {
		if got := Uptime(d); got != want {
			t.Errorf("Uptime(%v) = %q, want %q", d, got, want)
		}
	}
}

// A job that has not run says its progress is unknown, not "0 %, due in
// 0 s"; a stored one comes back with the percentage it reached.
func TestProgressBeforeAndAfterARun(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	job, err := r.c.AddJob(trainerJob("New", 1, 3, 0))
	if err != nil {
		t.Fatal(err)
	}
	if p := job.Progress; p.Percent != -1 || p.ETA != -1 {
		t.Errorf("a new job's progress: %+v, want unknown", p)
	}
	j := r.c.jobs[job.ID]
	j.view.State, j.view.Progress.Percent = JobRunning, 45
	r.c.mu.Lock()
	r.c.interrupt(j, "a test") // its policy: run again from the start
	r.c.mu.Unlock()
	if j.view.State != JobQueued || j.view.Progress.Percent != -1 {
		t.Errorf("requeued: %s at %v %%, want queued with its progress unknown", j.view.State, j.view.Progress.Percent)
	}
	if p := fromRecord(store.JobRecord{ID: "J-1", State: "succeeded", Progress: 45}).view.Progress; p.Percent != 45 {
		t.Errorf("a stored job at 45 %% comes back at %v", p.Percent)
	}
	if p := fromRecord(store.JobRecord{ID: "J-2", State: "queued"}).view.Progress; p.Percent != -1 {
		t.Errorf("a stored job that never reported comes back at %v %%", p.Percent)
	}
}

// What the supervisor reports about a workload is logged and notified in
// the owner's words: "the miner", never its internal id "miner-gpu1".
func TestWorkloadEventsInWords(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir())
	uuid := r.c.slots[1].info.UUID
	miner := &workload{id: "miner-gpu1", kind: mining, gpus: []int{1}}
	job := &workload{id: "J-0007", kind: renting, gpus: []int{0, 1}, jobID: "J-0007"}
	r.c.onRestart(miner, jobs.Event{Delay: 10 * time.Second, Attempt: 2})
	r.c.onRestart(job, jobs.Event{Delay: 1500 * time.Millisecond, Attempt: 1})
	r.c.onThermal(miner, jobs.Event{Kind: jobs.EventThermalHold, GPU: uuid, TempC: 84})
	r.c.onThermal(miner, jobs.Event{Kind: jobs.EventThermalResume, GPU: uuid})
	want := "gpu-cooled GPU 1 cooled down: GPU 1 is cool again: the miner resumes. | " +
		"notice:thermal GPU 1 is too hot: GPU 1 reached 84 °C: the miner is held until it cools below 70 °C. | " +
		"restart Job J-0007 on GPUs 0, 1 stopped and starts again in 2 s (restart 1) | " +
		"restart The miner on GPU 1 stopped and starts again in 10 s (restart 2)"
	if got := eventLog(t, r.store); got != want {
		t.Errorf("event log:\n%s\nwant\n%s", got, want)
	}
	events, _ := r.store.Events(time.Time{}, time.Now().Add(time.Hour), 0)
	if last := events[len(events)-1]; last.GPU != uuid {
		t.Errorf("the miner's restart names GPU %q, want %q", last.GPU, uuid)
	}
	waitNotices(t, r.notes, 1)
	n, ok := r.notes.find(NoticeThermal)
	if !ok || n.Body != "GPU 1 reached 84 °C: the miner is held until it cools below 70 °C." {
		t.Errorf("heat notice %+v", n)
	}
}

// NaN and infinity parse as numbers and pass every "< 0" check; JSON then
// cannot store them. They are refused where they come in.
func TestNotANumberIsRefused(t *testing.T) {
	spec := JobSpec{Client: "acme", Command: []string{"python"}, GPUCount: 1, PricePerGPUHour: math.NaN()}
	if got := FieldErrors(spec.Validate([]string{"GPU-a"}))["price"]; got != "write the price as a number, e.g. 0.45" {
		t.Errorf("NaN price: %q", got)
	}
	spec.PricePerGPUHour = math.Inf(1)
	if FieldErrors(spec.Validate([]string{"GPU-a"}))["price"] == "" {
		t.Error("an infinite price is taken")
	}
	s := DefaultSettings()
	s.ElectricityPerKWh = math.NaN()
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "must be numbers") {
		t.Errorf("NaN electricity: %v", err)
	}
	s = DefaultSettings()
	s.ThermalLimitC = math.Inf(1)
	if err := s.Validate(); err == nil {
		t.Error("an infinite thermal limit is taken")
	}
}

// A save that changes what RigShift does is in the event log, in words;
// one that changes nothing is not.
func TestSettingsChangesAreLogged(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	s := r.c.Settings()
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	s.ThermalLimitC, s.ElectricityPerKWh, s.StartAtLogin = 80, 0.21, true
	s.NoticesOff = []NoticeKind{NoticeModeChange}
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	want := "settings Changed the electricity price (0.15 → 0.21 USD/kWh), pause at 83 → 80 °C, " +
		"the notifications (off: auto moved GPUs between mining and renting)"
	if got := eventLog(t, r.store); got != want {
		t.Errorf("event log:\n%s\nwant\n%s", got, want)
	}
	old := s
	s.NoticesOff = []NoticeKind{NoticeGPULost, NoticeThermal}
	if got, want := settingsChange(old, s), "Changed the notifications (off: a GPU paused for heat, or resumed; a GPU was lost; "+
		"on: auto moved GPUs between mining and renting)"; got != want {
		t.Errorf("notifications switched:\n%q\nwant\n%q", got, want)
	}
	s.NoticesOff = old.NoticesOff
	s.NoticesOff = append([]NoticeKind{NoticeJobDone}, s.NoticesOff...)
	reordered := s
	reordered.NoticesOff = []NoticeKind{NoticeModeChange, NoticeJobDone}
	if got := settingsChange(s, reordered); got != "" {
		t.Errorf("the same switches in another order: %q, want no change", got)
	}
	s.NoticesOff = old.NoticesOff
	s.Miner = miners.Preset{Miner: miners.Custom, Executable: "/bin/sh"}
	if got := settingsChange(old, s); got != "Changed the miner (none → custom)" {
		t.Errorf("a new miner: %q", got)
	}
	old, s.Miner.Args = s, []string{"-c", "sleep 1"}
	if got := settingsChange(old, s); got != "Changed the custom setup" {
		t.Errorf("the same miner, set up again: %q", got)
	}
	old = s
	s.CheapHours, s.CheapPerKWh = DailyHours{From: 22 * 60, Until: 7 * 60}, 0.12
	if got := settingsChange(old, s); got != "Changed the cheaper electricity (none → 0.12 USD/kWh 22:00–07:00)" {
		t.Errorf("a night rate: %q", got)
	}
}

// A job that names one GPU twice is refused: it would run on one card and
// be billed for two.
func TestValidateRefusesAGPUNamedTwice(t *testing.T) {
	s := JobSpec{Client: "acme", Command: []string{"python"}, GPUs: []string{"GPU-a", "GPU-b", "GPU-a"}}
	if got := FieldErrors(s.Validate([]string{"GPU-a", "GPU-b"}))["gpus"]; got != "GPU GPU-a is named twice" {
		t.Errorf("GPU-a twice: %q", got)
	}
	s.GPUs = s.GPUs[:2]
	if err := s.Validate([]string{"GPU-a", "GPU-b"}); err != nil {
		t.Errorf("two different GPUs: %v", err)
	}
}

// A database that refuses writes (here: closed under the controller, as a
// full disk refuses them) shows in the status and is told once.
func TestRefusedWritesAreShownAndToldOnce(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	if st := r.c.Status(); st.StorageProblem != "" {
		t.Fatalf("a healthy store reports %q", st.StorageProblem)
	}
	_ = r.store.Close()
	if err := r.c.SetMode(Rent); err == nil {
		t.Fatal("a mode was switched without being saved")
	}
	st := r.eventually("the refused write shown", func(st Status) bool { return st.StorageProblem != "" })
	if st.StorageSince.IsZero() || !strings.Contains(st.StorageProblem, "database not open") {
		t.Errorf("status says %q since %v", st.StorageProblem, st.StorageSince)
	}
	n, ok := r.notes.find(NoticeStorage)
	if !ok || !strings.Contains(n.Body, "database not open") {
		t.Fatalf("notice = %+v, %v", n, ok)
	}
	if !strings.HasPrefix(n.Body, "Cause: database not open. ") {
		t.Errorf("the notice's body does not begin as a sentence: %q", n.Body)
	}
	_ = r.c.SetMode(Mine)              // refused again: the same run of failures
	time.Sleep(500 * time.Millisecond) // five heartbeats
	told := 0
	for _, n := range r.notes.all() {
		if n.Kind == NoticeStorage {
			told++
		}
	}
	if told != 1 {
		t.Errorf("told %d times, want once", told)
	}
}

// The owner types the client's tokens into the job's environment
// (HF_TOKEN=…, WANDB_API_KEY=…); whatever the job prints of them (a config
// dump, huggingface_hub's login line) is masked in the tail and the log.
// Short values and other variables are not secrets.
func TestTrainingEnvSecretsAreMasked(t *testing.T) {
	hf, wandb := "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567", "3f2a9c1e0b7d4a6f8e5c2b1a0d9e8f7a6b5c4d3e"
	j := &job{spec: JobSpec{Command: []string{"python", "train.py"}, Env: []string{
		"HF_TOKEN=" + hf, "WANDB_API_KEY=" + wandb, "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG",
		"DB_PASS=1", "TOKENIZERS_PARALLELISM=false", "WANDB_PROJECT=llama-finetune", "MONKEY_PATCH=enabled1",
	}}, view: Job{ID: "J-0001"}}
	w, err := (&Controller{}).trainingWorkload(j)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{hf, wandb, "wJalrXUtnFEMI/K7MDENG"}
	if !slices.Equal(w.Secrets, want) {
		t.Fatalf("Secrets = %q, want %q", w.Secrets, want)
	}
	r := logs.NewRedactor(w.Secrets...)
	if out := r.Line("Logging in to the Hub with " + hf); strings.Contains(out, hf) {
		t.Fatalf("the tail would show %q", out)
	}
}

// A miner whose program is gone (an antivirus removed it) never ran: the
// owner is told it could not start and why, not that it "was restarted too
// often" with Go's fork/exec error.
func TestMinerThatCannotStartIsSaidSo(t *testing.T) {
	r := newTestRig(t, 3, t.TempDir()).run()
	exe := r.scriptMiner("#!/bin/sh\nsleep 60\n")
	os.Remove(exe)
	_ = r.c.SetMode(Mine)
	n, ok := r.notes.find(NoticeMinerDown)
	if !ok {
		t.Fatal("no notice")
	}
	if want := "The miner could not be started: there is no program at " + exe; n.Title != "The miner could not start" || !strings.HasPrefix(n.Body, want) {
		t.Errorf("notice %q: %q", n.Title, n.Body)
	}
	// One notification for the rig, one line in the log for each GPU: the
	// program is gone for all of them alike.
	r.eventually("every GPU's failure logged", func(Status) bool {
		return strings.Count(eventLog(t, r.store), "The miner could not be started") == 3
	})
	if n := countNotices(r.notes, NoticeMinerDown); n != 1 {
		t.Errorf("%d notifications for one missing program on three GPUs, want 1", n)
	}
	// The tray and the dashboard say the same, not "after too many
	// restarts", after the word "miner" (not "miner stopped: the miner…").
	st := r.eventually("the miner's problem shown", func(s Status) bool { return s.Miner.Problem != "" })
	if want := "could not be started on GPUs 0, 1, 2"; st.Miner.Problem != want {
		t.Errorf("miner problem %q, want %q", st.Miner.Problem, want)
	}
}

// A card whose UUID NVML could not read is named by a stand-in that CUDA
// rejects: a job on it is shown the card by its PCI bus position instead.
func TestJobOnACardWithoutUUIDIsShownItByPosition(t *testing.T) {
	c := &Controller{slots: []*slot{
		{info: hardware.GPUInfo{Index: 0, UUID: "GPU-unknown-pci-00000000:02:00.0", PCIBusID: "00000000:02:00.0"}},
		{info: hardware.GPUInfo{Index: 1, UUID: "GPU-5d3c2b1a-0000-1111-2222-333344445555", PCIBusID: "00000000:01:00.0"}},
	}}
	j := &job{spec: JobSpec{Command: []string{"python", "train.py"}}, view: Job{ID: "J-0001"}}
	for _, uuid := range []string{c.slots[0].info.UUID, c.slots[1].info.UUID} {
		j.view.GPUs = []string{uuid}
		w, err := c.trainingWorkload(j)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]string{c.slots[0].info.UUID: {"1"}, c.slots[1].info.UUID: nil}[uuid]
		if !slices.Equal(w.CUDADevices, want) || !slices.Equal(w.GPUs, j.view.GPUs) {
			t.Errorf("on %s: CUDADevices %q, GPUs %q; want %q", uuid, w.CUDADevices, w.GPUs, want)
		}
	}
}

// A timed-out job's reason, which its notice and the event log show, says
// its longest run as the owner wrote it ("1h"), not as Go prints a
// duration ("1h0m0s").
func TestTimedOutJobSaysItsLongestRunPlainly(t *testing.T) {
	var later atomic.Int64
	r := newTestRigWith(t, 1, t.TempDir(), func(o *Options) {
		o.Clock = func() time.Time { return time.Now().Add(time.Duration(later.Load())) }
	}).run()
	spec := trainerJob("Slowpoke", 1, 100000, 0)
	spec.MaxRuntime = time.Hour
	job := r.runningJob(spec)
	later.Store(int64(2 * time.Hour))
	r.eventually("timed out", func(Status) bool { return r.jobState(job.ID) == JobTimedOut })
	n, ok := r.notes.find(NoticeJobFailed)
	if !ok || !strings.Contains(n.Body, "ran past its longest run of 1 h.") {
		t.Errorf("notice %q", n.Body)
	}
}

// A restart's wait is said as the window says spans ("5 min 00 s"), not as
// Go prints one ("5m0s"): the longest wait between restarts is 5 minutes.
func TestRestartWaitInWords(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	miner := &workload{id: "miner-gpu0", kind: mining, gpus: []int{0}}
	r.c.onRestart(miner, jobs.Event{Delay: 5 * time.Minute, Attempt: 6})
	if got, want := eventLog(t, r.store), "restart The miner on GPU 0 stopped and starts again in 5 min 00 s (restart 6)"; got != want {
		t.Errorf("event log %q, want %q", got, want)
	}
}

// A restart in the event log says why the miner stopped: a crash (its
// exit code or signal) or a stall (alive, but no hashes), which call for
// different fixes (a wrong pool or overclock, against a dead pool or a
// miner that lost its GPU). "stopped" alone told neither.
func TestRestartSaysWhy(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	miner := &workload{id: "miner-gpu0", kind: mining, gpus: []int{0}}
	r.c.onRestart(miner, jobs.Event{Delay: 5 * time.Second, Attempt: 1, Exit: &jobs.Exit{Outcome: jobs.Failed, Code: 3}})
	r.c.onRestart(miner, jobs.Event{Delay: 10 * time.Second, Attempt: 2, Exit: &jobs.Exit{Outcome: jobs.Signaled, Code: -1, Signal: "SIGSEGV"}})
	r.c.onRestart(miner, jobs.Event{Delay: 20 * time.Second, Attempt: 3, Exit: &jobs.Exit{Outcome: jobs.StoppedBy, Reason: jobs.StopWatchdog}})
	want := "restart The miner on GPU 0 stalled (no hashrate from its stats API for 2 min) and starts again in 20 s (restart 3) | " +
		"restart The miner on GPU 0 crashed (killed by signal SIGSEGV) and starts again in 10 s (restart 2) | " +
		"restart The miner on GPU 0 crashed (exited with code 3) and starts again in 5 s (restart 1)"
	if got := eventLog(t, r.store); got != want {
		t.Errorf("event log:\n%s\nwant\n%s", got, want)
	}
}

// A lost GPU's notice speaks of the rig as it is: work stopped only where
// some ran, and other GPUs working only where there are some, in the
// right number.
func TestGPULostNoticeFitsTheRig(t *testing.T) {
	for _, tc := range []struct {
		gpus    int
		busy    bool
		want    string
		notWant []string
	}{
		{1, false, "GPU 0 (", []string{"other GPU", "Its work stopped"}},
		{2, true, "Its work stopped; the other GPU keeps working.", nil},
		{3, false, "The other GPUs keep working.", []string{"Its work stopped"}},
	} {
		r := newTestRig(t, tc.gpus, t.TempDir())
		r.c.mu.Lock()
		if tc.busy {
			r.c.slots[0].owner = "J-0001"
		}
		r.c.observeGPU(r.c.slots[0], 0, &hardware.GPUSample{State: hardware.GPULost}, time.Now())
		r.c.mu.Unlock()
		n, ok := r.notes.find(NoticeGPULost)
		if !ok || !strings.Contains(n.Body, tc.want) {
			t.Errorf("%d GPUs: notice %q, want %q in it", tc.gpus, n.Body, tc.want)
		}
		for _, w := range tc.notWant {
			if strings.Contains(n.Body, w) {
				t.Errorf("%d GPUs: notice %q says %q", tc.gpus, n.Body, w)
			}
		}
	}
}

// A miner that ends at once (a wrong algorithm, no GPU for it to find) is
// restarted for minutes before RigShift gives up: each restart said only
// "The miner on GPU 0 stopped and starts again in 5 s", and the owner had
// to find the log files to learn why. Each restart, and the notice of
// giving up, says how it ended and its last output.
func TestMinerRestartSaysWhyItStopped(t *testing.T) {
	logs := t.TempDir()
	r := newTestRigWith(t, 1, t.TempDir(), func(o *Options) { o.Supervisor.LogDir = logs }).run()
	r.scriptMiner("#!/bin/sh\necho 'ERROR: unknown algorithm kawpaw' >&2\nexit 3\n")
	_ = r.c.SetMode(Mine)
	r.eventually("the miner restarted", func(Status) bool {
		return strings.Contains(eventLog(t, r.store), "starts again in")
	})
	log := eventLog(t, r.store)
	if !strings.Contains(log, "The miner on GPU 0 crashed (exited with code 3) and starts again in") ||
		!strings.Contains(log, "Last output:\nERROR: unknown algorithm kawpaw") {
		t.Errorf("the restart does not say why the miner stopped:\n%s", log)
	}
	r.eventually("the miner gave up", func(Status) bool {
		return strings.Contains(eventLog(t, r.store), "was restarted too often")
	})
	if n, _ := r.notes.find(NoticeMinerDown); !strings.Contains(n.Body, "Last output:\nERROR: unknown algorithm kawpaw") ||
		!strings.Contains(n.Body, "Check its log in "+filepath.Join(logs, "miner-gpu0")+", then") {
		t.Errorf("giving up does not say the miner's last output and where its log is: %q", n.Body)
	}
}

// A miner that crashes on every card (a wrong pool or algorithm in its
// settings) gives up on each of them within moments: one notification
// for the rig, not one per GPU; the event log keeps a line for each.
func TestMinerGivingUpEverywhereIsToldOnce(t *testing.T) {
	r := newTestRig(t, 3, t.TempDir()).run()
	r.scriptMiner("#!/bin/sh\necho 'pool not found' >&2\nexit 1\n")
	_ = r.c.SetMode(Mine)
	r.eventually("every GPU's miner gave up", func(Status) bool {
		return strings.Count(eventLog(t, r.store), "was restarted too often") == 3
	})
	// "GPU 1" or "GPUs 0, 1, 2": as many as gave up by the heartbeat after
	// the first (TestMinerGivingUpNamesEveryGPU).
	if n, _ := r.notes.find(NoticeMinerDown); !strings.HasPrefix(n.Body, "The miner on GPU") || !strings.Contains(n.Body, "was restarted too often") {
		t.Errorf("notice %q", n.Body)
	}
	// The miner's own last words say why (a wrong pool, a wallet it
	// refuses): the owner reads them in the notice, without its log.
	if n, _ := r.notes.find(NoticeMinerDown); !strings.HasSuffix(n.Body, "\nLast output:\npool not found") {
		t.Errorf("notice %q does not end with the miner's last output", n.Body)
	}
	time.Sleep(3 * r.c.opts.Heartbeat) // the heartbeats after it tell nothing more
	if n := countNotices(r.notes, NoticeMinerDown); n != 1 {
		t.Errorf("%d notifications for one miner crashing on three GPUs, want 1", n)
	}
	// Said after the word "miner" in the tray and the dashboard.
	st := r.eventually("the miner's problem shown", func(s Status) bool { return s.Miner.Problem != "" })
	if want := "gave up on GPUs 0, 1, 2 after too many restarts"; st.Miner.Problem != want {
		t.Errorf("miner problem %q, want %q", st.Miner.Problem, want)
	}
}

// A wrong pool makes the miner give up on every card within moments, one
// card after the other. The one notification must name every card it
// gave up on: it named the first alone ("The miner on GPU 1 was restarted
// too often"), and the owner took the other cards for mining. Each line
// of the event log names its own card.
func TestMinerGivingUpNamesEveryGPU(t *testing.T) {
	r := newTestRig(t, 3, t.TempDir())
	crashed := &jobs.Exit{Outcome: jobs.Failed, Code: 1}
	r.c.mu.Lock()
	for _, g := range []int{1, 0, 2} {
		r.c.onFatal(&workload{id: fmt.Sprintf("miner-gpu%d", g), kind: mining, gpus: []int{g}}, jobs.Event{Kind: jobs.EventFatal, Exit: crashed})
	}
	r.c.mu.Unlock()
	r.c.onHeartbeat() // the notice is gathered until then
	n, ok := r.notes.find(NoticeMinerDown)
	if !ok || !strings.HasPrefix(n.Body, "The miner on GPUs 0, 1, 2 was restarted too often") {
		t.Errorf("notice %q, want it to name GPUs 0, 1, 2", n.Body)
	}
	if got := countNotices(r.notes, NoticeMinerDown); got != 1 {
		t.Errorf("%d notifications, want 1", got)
	}
	log := eventLog(t, r.store)
	for _, g := range []string{"GPU 0 was", "GPU 1 was", "GPU 2 was"} {
		if strings.Count(log, "The miner on "+g) != 1 {
			t.Errorf("event log does not name %q once in a line of its own:\n%s", g, log)
		}
	}
}

// The miner's problem, as the status, the dashboard's banner and the tray
// say it, names every card it stopped on: it named the first alone ("gave
// up on GPU 0"), beside a second card left idle by the same problem.
func TestMinerProblemNamesEveryGPU(t *testing.T) {
	r := newTestRig(t, 3, t.TempDir())
	crashed := &jobs.Exit{Outcome: jobs.Failed, Code: 1}
	r.c.mu.Lock()
	for _, g := range []int{2, 0} {
		r.c.onFatal(&workload{id: fmt.Sprintf("miner-gpu%d", g), kind: mining, gpus: []int{g}}, jobs.Event{Kind: jobs.EventFatal, Exit: crashed})
	}
	r.c.mu.Unlock()
	if got, want := r.c.Status().Miner.Problem, "gave up on GPUs 0, 2 after too many restarts"; got != want {
		t.Errorf("miner problem %q, want %q", got, want)
	}
}

// A typo's huge number (1e308 watts of overhead, a price of 1e300) is
// finite and passes every other check, but the first hour's cost is
// infinite: JSON cannot store it, so the status and every record after it
// fail. Numbers no rig has are refused where they come in.
func TestHugeNumbersAreRefused(t *testing.T) {
	for name, set := range map[string]func(*Settings){
		"overhead":    func(s *Settings) { s.HostOverheadW = 1e308 },
		"price":       func(s *Settings) { s.ElectricityPerKWh = 1e300 },
		"cheap price": func(s *Settings) { s.CheapPerKWh = 1e300 },
		"per MH/s":    func(s *Settings) { s.MiningPerMHsDay = 1e300 },
		"per GPU-day": func(s *Settings) { s.MiningPerGPUDay = 1e300 },
	} {
		s := DefaultSettings()
		set(&s)
		if err := s.Validate(); err == nil {
			t.Errorf("%s: taken", name)
		}
	}
	s := DefaultSettings()
	s.HostOverheadW, s.ElectricityPerKWh, s.MiningPerGPUDay = 2000, 3500, 50000 // a big rig, priced in dong or rials
	if err := s.Validate(); err != nil {
		t.Errorf("real figures refused: %v", err)
	}
}

// A job priced 1e308 a GPU-hour passes as a number, and earns an infinite
// amount within its first hour on two GPUs: the status and its record
// could no longer be written. It is refused as no real price.
func TestHugeJobPriceIsRefused(t *testing.T) {
	spec := JobSpec{Client: "acme", Command: []string{"python"}, GPUCount: 1, PricePerGPUHour: 1e308}
	if err := spec.Validate([]string{"GPU-a"}); err == nil || !strings.Contains(FieldErrors(err)["price"], "typo") {
		t.Errorf("price 1e308: %v", err)
	}
	spec.PricePerGPUHour = 250000 // a GPU-hour in a currency of small units
	if err := spec.Validate([]string{"GPU-a"}); err != nil {
		t.Errorf("a real price refused: %v", err)
	}
}

// `rigshift settings set miner.executable=… miner.pool=… …` on a rig with
// no miner chosen saved a setup of no known miner: every start then failed
// with `setting up : unknown miner ""`, and the status read "Miner: , not
// mining now". The miner to use is asked for instead, by its key.
func TestMinerSetupWithoutAMinerIsRefused(t *testing.T) {
	s := DefaultSettings()
	s.Miner = miners.Preset{Executable: "/bin/sh", Pool: "stratum+tcp://pool.example:4444", Wallet: "RX", Algorithm: "kawpow"}
	err := s.Validate()
	if err == nil {
		t.Fatal("taken")
	}
	fields := FieldErrors(err)
	if got := fields["miner"]; !strings.Contains(got, "which miner /bin/sh is") {
		t.Errorf("miner: %q (all: %v)", got, fields)
	}
	s.Miner = miners.Preset{Miner: "nbminer", Executable: "/bin/sh"}
	if err := s.Validate(); err == nil || FieldErrors(err)["miner"] == "" {
		t.Errorf("an unknown miner: %v", err)
	}
}

// The status lists no running job as an empty list, so a script reading
// `rigshift status --json` finds "running": [], not null.
func TestStatusJSONListsAreNeverNull(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	b, err := json.Marshal(r.c.Status())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"running":[]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("status JSON lacks %s: %s", want, b)
		}
	}
}

// A simulated miner that crashed draws nothing while it waits to be
// started again, as a real one does: the demo rig's card stayed at full
// load, 340 W and 75 °C through every wait of a crash loop (up to 5
// minutes each), booking a working card's electricity and heat.
func TestSimulatedMinerIdlesWhileItWaitsToRestart(t *testing.T) {
	r := newTestRigWith(t, 1, t.TempDir(), func(o *Options) { o.Supervisor.BackoffStart = time.Minute }).run()
	r.scriptMiner("#!/bin/sh\nsleep 0.5\nexit 1\n")
	_ = r.c.SetMode(Mine)
	r.eventually("the miner waits to restart", func(Status) bool {
		return strings.Contains(eventLog(t, r.store), "starts again in 1 min")
	})
	deadline := time.Now().Add(5 * time.Second)
	for {
		var g hardware.GPUSample
		if err := r.sim.Read(0, &g); err != nil {
			t.Fatal(err)
		}
		if g.GPUUtil < 10 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("GPU 0 at %d %% load, %.0f W while its miner waits to restart", g.GPUUtil, g.PowerW)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
