package control

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rigshift/rigshift/store"
)

// watchInvariants checks, every few milliseconds until the test ends, that
// no GPU runs two workloads (as the OS sees it and as the controller
// books it).
func (r *testRig) watchInvariants(t *testing.T) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if msg := r.checkInvariants(); msg != "" {
				t.Error(msg)
				return
			}
			time.Sleep(3 * time.Millisecond)
		}
	})
	t.Cleanup(func() { close(stop); wg.Wait() })
}

// settledAuto waits until the rig does in Auto what it should: no GPU that
// could work idles while the miner or a queued job could use it.
func (r *testRig) settledAuto(what string) Status {
	r.t.Helper()
	return r.eventually(what, func(s Status) bool {
		if s.Switching {
			return false
		}
		for _, g := range s.GPUs {
			if g.Work == "idle" || g.Work == "stopping" {
				return false
			}
		}
		return true
	})
}

// checkLedgerOverlaps fails where two earnings records of one GPU overlap.
func checkLedgerOverlaps(t *testing.T, st *store.Store) []store.EarningRecord {
	t.Helper()
	recs, err := st.Earnings(time.Time{}, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	per := map[string][]store.EarningRecord{}
	for _, e := range recs {
		if e.End.Before(e.Start) {
			t.Errorf("record ends before it starts: %+v", e)
		}
		per[e.GPU] = append(per[e.GPU], e)
	}
	for gpu, rs := range per {
		slices.SortFunc(rs, func(a, b store.EarningRecord) int { return a.Start.Compare(b.Start) })
		for i := 1; i < len(rs); i++ {
			a, b := rs[i-1], rs[i]
			if b.Start.Before(a.End) {
				t.Errorf("GPU %s: %s %s–%s overlaps %s %s–%s", gpu[len(gpu)-4:], a.Kind, a.Start.Format("05.000"), a.End.Format("05.000"),
					b.Kind, b.Start.Format("05.000"), b.End.Format("05.000"))
			}
		}
	}
	return recs
}

// On a 4-GPU rig in Auto, a 4-GPU job queued behind a running 1-GPU job
// waits (the miner fills the 3 free GPUs meanwhile), and a 1-GPU job
// behind it does not pass it: once the first ends, the big one gets all
// four, then the small one runs and mining fills the rest.
func TestAutoBigJobBehindASmallOneIsNotStarved(t *testing.T) {
	r := newTestRig(t, 4, t.TempDir()).run()
	r.watchInvariants(t)
	r.configureMiner()
	_ = r.c.SetMode(Auto)
	r.eventually("4 mining", func(s Status) bool { return s.Miner.GPUs == 4 && !s.Switching })
	small, _ := r.c.AddJob(trainerJob("Small", 1, 100000, 0))
	r.eventually("small running, 3 mining", func(s Status) bool {
		return r.jobState(small.ID) == JobRunning && countWork(s, "mining") == 3 && !s.Switching
	})
	big, _ := r.c.AddJob(trainerJob("Big", 4, 30, 0))
	tail, _ := r.c.AddJob(trainerJob("Tail", 1, 30, 0))
	time.Sleep(500 * time.Millisecond)
	st := r.settledAuto("small running, 3 mining, the rest waiting")
	if countWork(st, "mining") != 3 || r.jobState(big.ID) != JobQueued || r.jobState(tail.ID) != JobQueued {
		t.Fatalf("while the small job runs: %+v, big %s, tail %s", st.GPUs, r.jobState(big.ID), r.jobState(tail.ID))
	}
	if err := r.c.CancelJob(small.ID); err != nil {
		t.Fatal(err)
	}
	r.eventually("big running on 4", func(s Status) bool { return r.jobState(big.ID) == JobRunning })
	if s := r.jobState(tail.ID); s != JobQueued {
		t.Errorf("tail is %s while big runs", s)
	}
	waitJobFinal(r, big.ID)
	waitJobFinal(r, tail.ID)
	r.settledAuto("4 mining again")
	r.stop()
	checkLedgerOverlaps(t, r.store)
	for _, id := range []string{big.ID, tail.ID} {
		if j, _ := r.c.Job(id); j.State != JobSucceeded {
			t.Errorf("%s: %s %s", id, j.State, j.Reason)
		}
	}
}

// Two jobs that end together are both billed once, and mining takes both
// GPUs back.
func TestAutoTwoJobsEndingTogether(t *testing.T) {
	r := newTestRig(t, 3, t.TempDir()).run()
	r.watchInvariants(t)
	r.configureMiner()
	_ = r.c.SetMode(Auto)
	r.eventually("3 mining", func(s Status) bool { return s.Miner.GPUs == 3 && !s.Switching })
	_ = r.c.SetMode(Rent)
	r.eventually("none mining", func(s Status) bool { return s.Miner.GPUs == 0 && !s.Switching })
	a, _ := r.c.AddJob(trainerJob("A", 1, 40, 0))
	b, _ := r.c.AddJob(trainerJob("B", 1, 40, 0))
	_ = r.c.SetMode(Auto)
	ja, jb := waitJobFinal(r, a.ID), waitJobFinal(r, b.ID)
	r.settledAuto("3 mining again")
	r.stop()
	recs := checkLedgerOverlaps(t, r.store)
	booked := map[string]float64{}
	n := map[string]int{}
	for _, e := range recs {
		booked[e.JobID] += e.Revenue
		n[e.JobID]++
	}
	for _, j := range []Job{ja, jb} {
		if j.State != JobSucceeded || n[j.ID] != 1 || fmt.Sprintf("%.12f", booked[j.ID]) != fmt.Sprintf("%.12f", j.Earned) {
			t.Errorf("%s %s: earned %v, booked %v in %d records", j.ID, j.State, j.Earned, booked[j.ID], n[j.ID])
		}
	}
}

// A GPU set aside under a running 2-GPU job on a 3-GPU rig in Auto: the
// job goes back to the queue and runs again on the two GPUs left; nothing
// mines, nothing runs on the GPU set aside.
func TestAutoAsideUnderATwoGPUJob(t *testing.T) {
	r := newTestRig(t, 3, t.TempDir()).run()
	r.watchInvariants(t)
	r.configureMiner()
	_ = r.c.SetMode(Auto)
	r.eventually("3 mining", func(s Status) bool { return s.Miner.GPUs == 3 && !s.Switching })
	job, _ := r.c.AddJob(trainerJob("Pair", 2, 100000, 0))
	r.eventually("pair running, 1 mining", func(s Status) bool {
		return r.jobState(job.ID) == JobRunning && countWork(s, "mining") == 1 && !s.Switching
	})
	j, _ := r.c.Job(job.ID)
	if err := r.c.SetGPUAside(j.GPUs[0], true); err != nil {
		t.Fatal(err)
	}
	st := r.eventually("pair running again without the GPU set aside", func(s Status) bool {
		j, _ := r.c.Job(job.ID)
		return j.State == JobRunning && !slices.Contains(j.GPUs, s.GPUs[0].UUID) && !s.Switching
	})
	if countWork(st, "mining") != 0 || st.GPUs[0].Work != WorkSetAside {
		t.Errorf("GPUs after the job moved: %+v", st.GPUs)
	}
	_ = r.c.SetGPUAside(j.GPUs[0], false)
	r.settledAuto("GPU 0 mines again")
	r.stop()
	checkLedgerOverlaps(t, r.store)
}

// Auto → Mine with a job running: the job is stopped and waits in the
// queue; back in Auto it runs again, and each run is booked over its own
// time.
func TestAutoToMineAndBackWithAJob(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	r.watchInvariants(t)
	r.configureMiner()
	_ = r.c.SetMode(Auto)
	job, _ := r.c.AddJob(trainerJob("Acme", 1, 100000, 0))
	r.eventually("job running, 1 mining", func(s Status) bool {
		return r.jobState(job.ID) == JobRunning && countWork(s, "mining") == 1 && !s.Switching
	})
	time.Sleep(300 * time.Millisecond)
	_ = r.c.SetMode(Mine)
	r.eventually("2 mining, job queued", func(s Status) bool {
		return r.jobState(job.ID) == JobQueued && s.Miner.GPUs == 2 && !s.Switching
	})
	time.Sleep(300 * time.Millisecond)
	_ = r.c.SetMode(Auto)
	r.eventually("job running again", func(s Status) bool {
		return r.jobState(job.ID) == JobRunning && countWork(s, "mining") == 1 && !s.Switching
	})
	time.Sleep(300 * time.Millisecond)
	_ = r.c.CancelJob(job.ID)
	end := waitJobFinal(r, job.ID)
	r.settledAuto("2 mining")
	r.stop()
	checkBookedOnce(t, checkLedgerOverlaps(t, r.store), end)
}

// A GPU lost under a running 2-GPU job on a 3-GPU rig in Auto: the job is
// requeued and runs again on the 2 GPUs left; nothing mines.
func TestAutoLostGPUUnderATwoGPUJob(t *testing.T) {
	r := newTestRig(t, 3, t.TempDir()).run()
	r.watchInvariants(t)
	r.configureMiner()
	_ = r.c.SetMode(Auto)
	job, _ := r.c.AddJob(trainerJob("Pair", 2, 100000, 0))
	r.eventually("pair running, 1 mining", func(s Status) bool {
		return r.jobState(job.ID) == JobRunning && countWork(s, "mining") == 1 && !s.Switching
	})
	j, _ := r.c.Job(job.ID)
	lost, _ := r.c.slotByUUID(j.GPUs[1])
	_ = r.sim.Lose(lost)
	r.eventually("pair running again without the lost GPU", func(s Status) bool {
		j, _ := r.c.Job(job.ID)
		return j.State == JobRunning && !slices.Contains(j.GPUs, s.GPUs[lost].UUID) && !s.Switching
	})
	st := r.c.Status()
	if countWork(st, "mining") != 0 || !st.GPUs[lost].Lost {
		t.Errorf("GPUs after the job moved: %+v", st.GPUs)
	}
	_ = r.c.CancelJob(job.ID)
	waitJobFinal(r, job.ID)
	r.stop()
	checkLedgerOverlaps(t, r.store)
}

// Auto hands the GPUs back and forth between the miner and short jobs:
// the host overhead booked adds up to the time that passed (every second
// of it booked once, to mining, renting or idling), and per GPU the
// records leave no gap longer than a few readings.
func TestAutoHandoversBookEverySecondOnce(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir())
	r.overheadCostsOneASecond()
	r.run()
	r.watchInvariants(t)
	from := time.Now()
	r.configureMiner()
	_ = r.c.SetMode(Auto)
	r.eventually("2 mining", func(s Status) bool { return s.Miner.GPUs == 2 && !s.Switching })
	for i, n := range []int{1, 2, 1, 1, 2} {
		j, err := r.c.AddJob(trainerJob(fmt.Sprint("C", i), n, 15, 0))
		if err != nil {
			t.Fatal(err)
		}
		waitJobFinal(r, j.ID)
		r.settledAuto("mining again")
		time.Sleep(200 * time.Millisecond)
	}
	r.stop()
	secs := time.Since(from).Seconds()
	recs := checkLedgerOverlaps(t, r.store)
	var overhead float64
	per := map[string][]store.EarningRecord{}
	for _, e := range recs {
		overhead += e.ElectricityCost - e.EnergyJ/3.6e6
		per[e.GPU] = append(per[e.GPU], e)
	}
	t.Logf("overhead booked %.2f over %.2f s", overhead, secs)
	if overhead < 0.9*secs || overhead > 1.05*secs {
		t.Errorf("overhead booked %.2f over %.2f s, at 1 unit a second", overhead, secs)
	}
	for gpu, rs := range per {
		slices.SortFunc(rs, func(a, b store.EarningRecord) int { return a.Start.Compare(b.Start) })
		for i := 1; i < len(rs); i++ {
			if gap := rs[i].Start.Sub(rs[i-1].End); gap > time.Second {
				t.Errorf("GPU %s: %v unbooked between %s (to %s) and %s (from %s)", gpu[len(gpu)-4:], gap,
					rs[i-1].Kind, rs[i-1].End.Format("05.000"), rs[i].Kind, rs[i].Start.Format("05.000"))
			}
		}
	}
}

// heat sends readings of tempC for GPU 0 until cond holds.
func heat(t *testing.T, r *testRig, send func(int), tempC int, what string, cond func(Status) bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond(r.c.Status()) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 20 s: %+v", what, r.c.Status())
		}
		send(tempC)
	}
}

// A job held for heat when the owner switches Auto → Mine goes back to
// the queue billed for its running time alone; the miner takes its GPU
// (held while hot), and back in Auto the job runs again once it is cool.
func TestAutoToMineWhileAJobIsHeldForHeat(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir())
	r.configureMiner()
	send, _ := feedRig(t, r)
	_ = r.c.SetMode(Auto)
	job, _ := r.c.AddJob(trainerJob("Hot", 1, 100000, 0))
	heat(t, r, send, 50, "running", func(Status) bool { return r.jobState(job.ID) == JobRunning })
	heat(t, r, send, 90, "paused", func(Status) bool { return r.jobState(job.ID) == JobPaused })
	paused, _ := r.c.Job(job.ID)
	time.Sleep(500 * time.Millisecond)
	_ = r.c.SetMode(Mine)
	heat(t, r, send, 90, "requeued, miner on GPU 0", func(s Status) bool {
		return r.jobState(job.ID) == JobQueued && s.GPUs[0].Work == "mining"
	})
	q, _ := r.c.Job(job.ID)
	if q.Running > paused.Running+50*time.Millisecond || q.Paused < 400*time.Millisecond {
		t.Errorf("billed %v running (%v when paused), %v paused", q.Running, paused.Running, q.Paused)
	}
	_ = r.c.SetMode(Auto)
	heat(t, r, send, 40, "running again", func(Status) bool { return r.jobState(job.ID) == JobRunning })
	_ = r.c.CancelJob(job.ID)
	end := waitJobFinal(r, job.ID)
	r.stop()
	checkBookedOnce(t, checkLedgerOverlaps(t, r.store), end)
}

// A 2-GPU job in Auto on a 2-GPU rig whose GPU 0 is held for heat gets
// both GPUs (there are no others) and is held with it: its client pays
// nothing while it is, and it runs once GPU 0 is cool.
func TestAutoTwoGPUJobWithOneHot(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir())
	r.configureMiner()
	send, _ := feedRig(t, r)
	_ = r.c.SetMode(Auto)
	heat(t, r, send, 50, "2 mining", func(s Status) bool { return countWork(s, "mining") == 2 })
	heat(t, r, send, 90, "GPU 0 held", func(s Status) bool { return s.GPUs[0].Hot })
	job, _ := r.c.AddJob(trainerJob("Pair", 2, 100000, 0))
	heat(t, r, send, 90, "the job held on both GPUs", func(s Status) bool {
		return r.jobState(job.ID) == JobPaused && s.GPUs[0].JobID == job.ID && s.GPUs[1].JobID == job.ID
	})
	held, _ := r.c.Job(job.ID)
	for range 10 {
		send(90)
	}
	if still, _ := r.c.Job(job.ID); still.Running != held.Running || still.State != JobPaused {
		t.Errorf("held for heat: %s, billed %v, then %v", still.State, held.Running, still.Running)
	}
	heat(t, r, send, 40, "running", func(Status) bool { return r.jobState(job.ID) == JobRunning })
	_ = r.c.CancelJob(job.ID)
	waitJobFinal(r, job.ID)
	r.stop()
	checkLedgerOverlaps(t, r.store)
}

// A job naming GPU 2 in Auto takes it from the miner alone; a 2-GPU job
// after it gets the other two; as each ends, mining takes its GPUs back.
func TestAutoNamedGPUJob(t *testing.T) {
	r := newTestRig(t, 3, t.TempDir()).run()
	r.watchInvariants(t)
	r.configureMiner()
	_ = r.c.SetMode(Auto)
	r.eventually("3 mining", func(s Status) bool { return s.Miner.GPUs == 3 && !s.Switching })
	uuids := r.c.allUUIDs()
	spec := trainerJob("Named", 0, 100000, 0)
	spec.GPUs = []string{uuids[2]}
	named, err := r.c.AddJob(spec)
	if err != nil {
		t.Fatal(err)
	}
	st := r.eventually("named on GPU 2, 2 mining", func(s Status) bool {
		return r.jobState(named.ID) == JobRunning && countWork(s, "mining") == 2 && !s.Switching
	})
	if st.GPUs[2].JobID != named.ID {
		t.Fatalf("GPUs %+v", st.GPUs)
	}
	pair, _ := r.c.AddJob(trainerJob("Pair", 2, 100000, 0))
	r.eventually("pair on 0 and 1", func(s Status) bool {
		return r.jobState(pair.ID) == JobRunning && s.GPUs[0].JobID == pair.ID && s.GPUs[1].JobID == pair.ID && !s.Switching
	})
	again, _ := r.c.AddJob(spec) // names GPU 2 too: waits for it
	_ = r.c.CancelJob(pair.ID)
	r.eventually("0 and 1 mine while the second named job waits", func(s Status) bool {
		return countWork(s, "mining") == 2 && r.jobState(again.ID) == JobQueued && !s.Switching
	})
	_ = r.c.CancelJob(named.ID)
	r.eventually("the second named job on GPU 2", func(s Status) bool {
		return r.jobState(again.ID) == JobRunning && s.GPUs[2].JobID == again.ID && countWork(s, "mining") == 2 && !s.Switching
	})
	_ = r.c.CancelJob(again.ID)
	r.settledAuto("3 mining")
	r.stop()
	checkLedgerOverlaps(t, r.store)
}

// Moved up in Auto, the last job runs next; the one it passed waits for
// it, and the miner fills nothing while a job holds the only GPU.
func TestAutoMovedJobRunsNext(t *testing.T) {
	r := newTestRig(t, 1, t.TempDir()).run()
	r.watchInvariants(t)
	r.configureMiner()
	_ = r.c.SetMode(Auto)
	a, _ := r.c.AddJob(trainerJob("A", 1, 100000, 0))
	b, _ := r.c.AddJob(trainerJob("B", 1, 100000, 0))
	c, _ := r.c.AddJob(trainerJob("C", 1, 100000, 0))
	r.eventually("A running", func(Status) bool { return r.jobState(a.ID) == JobRunning })
	if err := r.c.MoveJob(c.ID, 0); err != nil {
		t.Fatal(err)
	}
	if jc, _ := r.c.Job(c.ID); jc.Position != 0 {
		t.Fatalf("C at %d", jc.Position)
	}
	_ = r.c.CancelJob(a.ID)
	r.eventually("C running, B waiting", func(s Status) bool {
		return r.jobState(c.ID) == JobRunning && r.jobState(b.ID) == JobQueued && !s.Switching
	})
	_ = r.c.CancelJob(c.ID)
	r.eventually("B running", func(Status) bool { return r.jobState(b.ID) == JobRunning })
	_ = r.c.CancelJob(b.ID)
	r.settledAuto("mining")
	r.stop()
	checkLedgerOverlaps(t, r.store)
}

// In Rent mode a job that names a GPU another job holds waits for it, and
// holds back only that GPU: the job behind it, for any one GPU, sat in the
// queue while GPU 0 earned nothing, though it could never have delayed
// the named job. It runs on GPU 0; the named job still gets GPU 1 first.
func TestRentNamedJobHoldsBackOnlyItsGPU(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	r.watchInvariants(t)
	_ = r.c.SetMode(Rent)
	uuids := r.c.allUUIDs()
	onOne := trainerJob("First", 0, 100000, 0)
	onOne.GPUs = []string{uuids[1]}
	first, err := r.c.AddJob(onOne)
	if err != nil {
		t.Fatal(err)
	}
	r.eventually("the first job on GPU 1", func(s Status) bool { return r.jobState(first.ID) == JobRunning })
	onOne.Client = "Second"
	second, _ := r.c.AddJob(onOne)
	anyOne, _ := r.c.AddJob(trainerJob("Any", 1, 100000, 0))
	r.eventually("the job behind runs on GPU 0 while the second waits for GPU 1", func(s Status) bool {
		return r.jobState(anyOne.ID) == JobRunning && s.GPUs[0].JobID == anyOne.ID && r.jobState(second.ID) == JobQueued
	})
	third, _ := r.c.AddJob(trainerJob("Third", 1, 100000, 0))
	_ = r.c.CancelJob(first.ID)
	r.eventually("the second job on GPU 1, not the one behind it", func(s Status) bool {
		return r.jobState(second.ID) == JobRunning && s.GPUs[1].JobID == second.ID
	})
	if st := r.jobState(third.ID); st != JobQueued {
		t.Errorf("the third job is %s, want queued: no GPU is free", st)
	}
	for _, id := range []string{second.ID, anyOne.ID, third.ID} {
		_ = r.c.CancelJob(id)
	}
	r.stop()
	checkLedgerOverlaps(t, r.store)
}

// checkBookedOnce checks that what the ledger books for job is what it
// earned: every second of it once, none twice.
func checkBookedOnce(t *testing.T, recs []store.EarningRecord, job Job) {
	t.Helper()
	var booked float64
	for _, e := range recs {
		if e.JobID == job.ID {
			booked += e.Revenue
		}
	}
	if fmt.Sprintf("%.12f", booked) != fmt.Sprintf("%.12f", job.Earned) {
		t.Errorf("%s earned %v, booked %v", job.ID, job.Earned, booked)
	}
}
