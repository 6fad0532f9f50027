package control

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/jobs/jobstest"
	"github.com/rigshift/rigshift/store"
)

// Auto mines on every GPU; a job pre-empts the miners on the GPUs it needs,
// runs only once their memory is free, finishes with the right bill and a
// notice, and mining comes back; everything is in the store.
func TestAutoModeHandsGPUsToAJobAndBack(t *testing.T) {
	r := newTestRig(t, 4, t.TempDir())
	var mu sync.Mutex
	var startProblems []string
	r.c.beforeStart = func(w jobs.Workload) { // runs with c.mu held: the rig must be free here
		for _, uuid := range w.GPUs {
			i, _ := r.c.slotByUUID(uuid)
			if idx, ok := w.GPUIndex[uuid]; !ok || idx != i { // its log names GPUs so
				mu.Lock()
				startProblems = append(startProblems, fmt.Sprintf("%s names GPU %d as %d (%v)", w.ID, i, idx, ok))
				mu.Unlock()
			}
			procs, _ := r.c.procs.ComputePIDs(uuid)
			if len(procs) > 0 {
				mu.Lock()
				startProblems = append(startProblems, fmt.Sprintf("%s started on GPU %d while PIDs %v hold its memory", w.ID, i, procs))
				mu.Unlock()
			}
		}
	}
	r.run()
	r.configureMiner()
	if err := r.c.SetMode(Auto); err != nil {
		t.Fatal(err)
	}
	r.eventually("mining on all 4 GPUs with a hashrate", func(s Status) bool {
		return s.Miner.GPUs == 4 && s.Miner.HashRate == 4*jobstest.MinerHashRate && !s.Switching
	})

	job, err := r.c.AddJob(trainerJob("Acme AI", 2, 40, 0))
	if err != nil {
		t.Fatal(err)
	}
	st := r.eventually("the job running on 2 GPUs, mining on the other 2", func(s Status) bool {
		return len(s.Running) == 1 && s.Running[0].State == JobRunning && countWork(s, "mining") == 2
	})
	if st.Rates.RentPerHour != 0.80 || st.Rates.MinePerHour <= 0 {
		t.Errorf("money line while renting 2 and mining 2: %+v", st.Rates)
	}
	r.eventually("the job done and mining back on 4 GPUs", func(s Status) bool {
		return len(s.Running) == 0 && s.Miner.GPUs == 4 && !s.Switching
	})
	done, _ := r.c.Job(job.ID)
	if done.State != JobSucceeded || len(done.GPUs) != 2 || done.Progress.Percent != 100 {
		t.Fatalf("job = %+v", done)
	}
	wantEarned := done.Running.Hours() * 2 * 0.40
	if math.Abs(done.Earned-wantEarned) > 1e-9 || done.Earned <= 0 || done.EnergyJ <= 0 {
		t.Errorf("earned %v for %v on 2 GPUs (want %v), energy %v J", done.Earned, done.Running, wantEarned, done.EnergyJ)
	}
	n, ok := r.notes.find(NoticeJobDone)
	if !ok || !strings.Contains(n.Body, "Acme AI") || !strings.Contains(n.Body, "earned "+Money(done.Earned, "USD")) {
		t.Errorf("job-done notice = %+v (found %v)", n, ok)
	}
	mu.Lock()
	for _, p := range startProblems {
		t.Error(p)
	}
	mu.Unlock()
	r.stop()
	checkStoredJob(t, r.store, job.ID, JobSucceeded)
	log := eventLog(t, r.store)
	for _, want := range []string{
		"mode auto (user)",
		"job-started Job " + job.ID + " for Acme AI started: Acme AI's job started on GPUs 0, 1",
		"notice:mode-change Auto: GPUs go to a rental job: Mining stops on GPUs 0, 1 for job",
		"notice:job-done Job " + job.ID + " for Acme AI finished",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the event log lacks %q:\n%s", want, log)
		}
	}
}

func checkStoredJob(t *testing.T, st *store.Store, id string, want JobState) {
	t.Helper()
	rec, err := st.GetJob(id)
	if err != nil || rec.State != string(want) || rec.Earned <= 0 {
		t.Fatalf("stored job %+v, %v", rec, err)
	}
	events, _ := st.JobEvents(id)
	var states []string
	for _, e := range events {
		states = append(states, e.State)
	}
	if got := strings.Join(states, " "); !strings.Contains(got, "queued starting running") || !strings.HasSuffix(got, string(want)) {
		t.Errorf("job events: %s", got)
	}
	earnings, _ := st.Earnings(time.Time{}, time.Now().Add(time.Hour))
	rental, mining := 0, 0
	for _, e := range earnings {
		switch e.Kind {
		case store.KindRental:
			rental++
		case store.KindMining:
			mining++
		}
	}
	if rental != 2 || mining < 4 {
		t.Errorf("earnings records: %d rental (want 2, one per GPU), %d mining", rental, mining)
	}
}

func TestFailedJobNotifiesWithItsLastLines(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	if err := r.c.SetMode(Rent); err != nil {
		t.Fatal(err)
	}
	job, err := r.c.AddJob(trainerJob("Beta Labs", 1, 3, 7))
	if err != nil {
		t.Fatal(err)
	}
	r.eventually("the job failed", func(Status) bool { return r.jobState(job.ID) == JobFailed })
	got, _ := r.c.Job(job.ID)
	if got.ExitCode != 7 || !strings.Contains(got.Reason, "code 7") {
		t.Errorf("failed job = %+v", got)
	}
	n, ok := r.notes.find(NoticeJobFailed)
	if !ok || !strings.Contains(n.Body, "CUDA out of memory") {
		t.Errorf("failure notice %+v lacks the last output", n)
	}
	if want := "Beta Labs's job failed with code 7. "; !strings.HasPrefix(n.Body, want) {
		t.Errorf("failure notice reads %q, want it to begin %q (not 'failed: failed with code 7')", n.Body, want)
	}
}

func TestJobsWaitInFIFOOrderAndCanBeCancelled(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	_ = r.c.SetMode(Rent)
	big, _ := r.c.AddJob(trainerJob("A", 2, 200, 0))
	r.eventually("the first job running", func(Status) bool { return r.jobState(big.ID) == JobRunning })
	second, _ := r.c.AddJob(trainerJob("B", 1, 3, 0))
	third, _ := r.c.AddJob(trainerJob("C", 1, 3, 0))
	if err := r.c.MoveJob(third.ID, 0); err != nil {
		t.Fatal(err)
	}
	if err := r.c.CancelJob(second.ID); err != nil {
		t.Fatal(err)
	}
	if s := r.jobState(second.ID); s != JobCancelled {
		t.Errorf("cancelled queued job is %s", s)
	}
	if err := r.c.CancelJob(big.ID); err != nil {
		t.Fatal(err)
	}
	r.eventually("C runs once A is cancelled", func(Status) bool { return r.jobState(third.ID) != JobQueued })
	a, _ := r.c.Job(big.ID)
	if a.State != JobCancelled || a.Earned <= 0 {
		t.Errorf("cancelled running job = %v, earned %v (it ran, so it is billed)", a.State, a.Earned)
	}
	if err := r.c.CancelJob(big.ID); err == nil {
		t.Error("cancelling a cancelled job succeeded")
	}
}

func TestAddJobValidation(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir())
	_, err := r.c.AddJob(JobSpec{GPUCount: 3, PricePerGPUHour: -1})
	fields := FieldErrors(err)
	for _, f := range []string{"client", "command", "gpus", "price"} {
		if fields[f] == "" {
			t.Errorf("no error for %s in %v", f, err)
		}
	}
	if !strings.Contains(fields["gpus"], "wants 3 GPUs but this rig has 2") {
		t.Errorf("gpus error = %q", fields["gpus"])
	}
	if jobs := r.c.Jobs(); len(jobs) != 0 {
		t.Errorf("an invalid job was kept: %+v", jobs)
	}
}

// A job is priced in the rig's currency: one in another could not be set
// against the electricity, nor summed with the rest of the earnings.
func TestAddJobInTheRigsCurrency(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	spec := trainerJob("acme", 1, 10, 0)
	spec.Currency = "EUR"
	_, err := r.c.AddJob(spec)
	if got := FieldErrors(err)["currency"]; got != "the rig keeps its accounts in USD (Settings): price the job in USD" {
		t.Errorf("a job in EUR on a USD rig: %v", err)
	}
	spec.Currency = "usd"
	j, err := r.c.AddJob(spec)
	if err != nil || j.Currency != "USD" || j.Spec.Currency != "USD" || j.ID != "J-0001" { // the refused one used no number
		t.Errorf("a job in usd: %+v, %v", j, err)
	}
	s := r.c.Settings()
	s.Currency = "dollars"
	if got := FieldErrors(r.c.SaveSettings(s))["currency"]; got == "" {
		t.Error("settings in \"dollars\" were saved")
	}
}

// A lost GPU interrupts only the job on it; the job is requeued and runs
// again on a healthy GPU.
func TestLostGPUInterruptsAndRequeuesTheJob(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	_ = r.c.SetMode(Rent)
	job, _ := r.c.AddJob(trainerJob("Gamma", 1, 150, 0))
	st := r.eventually("job running", func(s Status) bool { return len(s.Running) == 1 && s.Running[0].State == JobRunning })
	first := st.Running[0].GPUs[0]
	i, _ := r.c.slotByUUID(first)
	_ = r.sim.Lose(i)
	r.eventually("the job back on the other GPU", func(s Status) bool {
		return len(s.Running) == 1 && s.Running[0].GPUs[0] != first && s.GPUs[i].Lost
	})
	if _, ok := r.notes.find(NoticeGPULost); !ok {
		t.Error("no GPU-lost notice")
	}
	// Not the owner's doing: the job's own notice says it, whatever a
	// mode switch would gather.
	if n, ok := r.notes.find(NoticeJobFailed); !ok || n.Title != "Job "+job.ID+" for Gamma was interrupted" {
		t.Errorf("job notice %+v", n)
	}
	events, _ := r.store.JobEvents(job.ID)
	found := false
	for _, e := range events {
		found = found || strings.Contains(e.Message, "interrupted: one of its GPUs was lost")
	}
	if !found {
		t.Errorf("no interrupted event among %+v", events)
	}
	// Notified as a failed job (one switch in Settings), logged as what it is.
	if log := eventLog(t, r.store); !strings.Contains(log, "job-requeued Job "+job.ID+" for Gamma was interrupted: ") || strings.Contains(log, "notice:job-failed") {
		t.Errorf("event log:\n%s", log)
	}
	_ = hardware.GPULost
}

// A job whose program or folder is not there is refused when it is added,
// each problem named by its field, rather than failing when its turn comes.
func TestAddJobChecksProgramAndFolder(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	spec := trainerJob("Typo", 1, 3, 0)
	spec.Command[0] = "pytohn3"
	spec.Dir = filepath.Join(t.TempDir(), "missing")
	_, err := r.c.AddJob(spec)
	fields := FieldErrors(err)
	if !strings.Contains(fields["command"], "no program called pytohn3 is on the PATH") ||
		!strings.Contains(fields["dir"], "there is no folder") {
		t.Errorf("refused with %v", err)
	}
	if jobs := r.c.Jobs(); len(jobs) != 0 {
		t.Errorf("a job that cannot start was queued: %+v", jobs)
	}
}

// A job with a typing mistake and a program that is not there is told both
// at once, as the window's Add-job dialog tells them: `rigshift job add`
// without --client said only "--client: say who the job is for", and the
// missing program one try later.
func TestAddJobSaysEveryProblemAtOnce(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	spec := trainerJob("", 1, 3, 0)
	spec.Command[0] = "pytohn3"
	spec.Dir = filepath.Join(t.TempDir(), "missing")
	_, err := r.c.AddJob(spec)
	fields := FieldErrors(err)
	if fields["client"] == "" || !strings.Contains(fields["command"], "no program called pytohn3") || !strings.Contains(fields["dir"], "there is no folder") {
		t.Errorf("refused with %v", fields)
	}
	// The command's own mistake stays the one said for it.
	spec.Command = []string{" "}
	if _, err := r.c.AddJob(spec); FieldErrors(err)["command"] != "the command is empty" {
		t.Errorf("an empty command: %v", err)
	}
}
