package store

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// The crash test: a child process writes job state changes and telemetry
// as fast as it can and prints each one after its commit returned; the
// parent SIGKILLs it at random moments and checks what survived.
const (
	crashKills         = 50
	crashFlush         = 50 * time.Millisecond
	crashSampleEvery   = time.Millisecond
	crashStartDeadline = 20 * time.Second
)

var crashStates = []string{"queued", "running", "completed"}
var crashGPUs = []string{"GPU-crash-0", "GPU-crash-1"}

// childCrash is the writer side. It prints, each line after the fact:
// "S <ns>" once open, "A <ns>" after adding the samples of that instant,
// "B <ns>" when a telemetry flush takes its batch, "C <ns> <now>" after a
// flush committed samples up to that time, "J <id> <n>" after state n of
// job id was committed.
func childCrash(path string) error {
	s, err := Open(path, Options{FlushInterval: crashFlush})
	if err != nil {
		return err
	}
	s.flushHook = func(stage string, t time.Time) {
		if stage == "begin" {
			fmt.Printf("B %d\n", t.UnixNano())
		} else {
			fmt.Printf("C %d %d\n", t.UnixNano(), time.Now().UnixNano())
		}
	}
	fmt.Printf("S %d\n", time.Now().UnixNano())
	go crashTelemetry(s)
	for {
		id, err := s.NextJobID()
		if err != nil {
			return err
		}
		for n, state := range crashStates {
			j := JobRecord{ID: id, Client: "crash", State: state, Command: []string{"train"}}
			if err := s.PutJob(j, JobEvent{State: state}); err != nil {
				return err
			}
			fmt.Printf("J %s %d\n", id, n)
		}
	}
}

// crashTelemetry adds a sample per GPU every millisecond.
func crashTelemetry(s *Store) {
	w := s.Telemetry()
	for i := 0; ; i++ {
		now := time.Now()
		// One Add for all GPUs, as RigShift records a snapshot: a flush
		// never takes one GPU's sample of a moment without the other's.
		pts := make([]TelemetryPoint, 0, len(crashGPUs))
		for _, gpu := range crashGPUs {
			pts = append(pts, point(now, gpu, float32(i%90)))
		}
		w.Add(pts...)
		fmt.Printf("A %d\n", now.UnixNano())
		time.Sleep(crashSampleEvery)
	}
}

// crashReport is what one child said before it was killed.
type crashReport struct {
	opened  time.Time
	added   []time.Time    // every moment sampled
	maxGap  time.Duration  // longest pause between samples: how starved the child was
	flushed time.Time      // newest sample reported committed
	commits int            // flushes reported committed
	jobs    map[string]int // highest state index committed per job
}

// lastAdded is the newest moment sampled; zero before any.
func (r *crashReport) lastAdded() time.Time {
	if len(r.added) == 0 {
		return time.Time{}
	}
	return r.added[len(r.added)-1]
}

func TestCrashSafetyUnderSIGKILL(t *testing.T) {
	path := t.TempDir() + "/" + FileName
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d", seed)
	all := map[string]int{}
	var worstLoss, worstGap time.Duration
	commits := 0
	for i := range crashKills {
		early := i%10 == 9 // sometimes kill while Open or the first commits run
		rep := runAndKill(t, path, rng, early)
		for id, n := range rep.jobs {
			if _, seen := all[id]; seen && n == 0 {
				t.Fatalf("run %d: job ID %s was handed out twice", i, id)
			}
			all[id] = max(all[id], n)
		}
		loss := verifyAfterCrash(t, path, rep, all)
		worstLoss, worstGap, commits = max(worstLoss, loss), max(worstGap, rep.maxGap), commits+rep.commits
		if t.Failed() {
			t.Fatalf("run %d (kill after open: %v) failed", i, !early)
		}
	}
	// A writer that never flushed would pass every check above. With runs
	// of 20-150 ms, a flush due every 50 ms and the job writes contending
	// for the file, about one flush commits per run here; none in fifty
	// runs is a dead flusher, not a slow machine.
	if commits == 0 {
		t.Errorf("only %d telemetry flushes committed in %d runs", commits, crashKills)
	}
	t.Logf("%d kills, %d jobs and %d telemetry flushes committed, worst telemetry loss %v (flush every %v, the child paused up to %v)",
		crashKills, len(all), commits, worstLoss, crashFlush, worstGap)
}
