package store

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The crash test: a child process writes job state changes and telemetry
// as fast as it can and prints each one after its commit returned; the
// parent SIGKILLs it at random moments and checks what survived.
const (
	crashKills         = 50
	crashFlush         = 50 * time.Millisecond
	crashSchedSlack    = 25 * time.Millisecond
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
		for _, gpu := range crashGPUs {
			w.Add(point(now, gpu, float32(i%90)))
		}
		fmt.Printf("A %d\n", now.UnixNano())
		time.Sleep(crashSampleEvery)
	}
}

// crashReport is what one child said before it was killed.
type crashReport struct {
	opened    time.Time
	lastAdded time.Time
	maxGap    time.Duration  // longest pause between samples: how starved the child was
	flushed   time.Time      // newest sample reported committed
	pending   time.Time      // start of a flush not reported committed
	slowest   time.Duration  // longest flush, begin to commit
	jobs      map[string]int // highest state index committed per job
}

func TestCrashSafetyUnderSIGKILL(t *testing.T) {
	path := t.TempDir() + "/" + FileName
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d", seed)
	all := map[string]int{}
	var worstLoss time.Duration
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
		worstLoss = max(worstLoss, loss)
		if t.Failed() {
			t.Fatalf("run %d (kill after open: %v) failed", i, !early)
		}
	}
	t.Logf("%d kills, %d jobs committed, worst telemetry loss %v (flush every %v)", crashKills, len(all), worstLoss, crashFlush)
}

// runAndKill starts a writer child, kills it 20-150 ms after it opened the
// store (or 0-30 ms after it started, when early), and collects its report.
func runAndKill(t *testing.T, path string, rng *rand.Rand, early bool) crashReport {
	cmd, _, out := child(t, "crash", path)
	lines := make(chan string, 1024)
	go func() {
		for out.Scan() {
			lines <- out.Text()
		}
		close(lines)
	}()
	rep := crashReport{jobs: map[string]int{}}
	if early {
		time.Sleep(time.Duration(rng.IntN(30)) * time.Millisecond)
	} else {
		waitOpened(t, lines, &rep)
		time.Sleep(time.Duration(20+rng.IntN(131)) * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatalf("kill: %v", err)
	}
	for line := range lines {
		rep.parse(t, line)
	}
	cmd.Wait()
	return rep
}

// waitOpened reads lines until the child reports the store open.
func waitOpened(t *testing.T, lines <-chan string, rep *crashReport) {
	timeout := time.After(crashStartDeadline)
	for rep.opened.IsZero() {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatal("the child exited before opening the store")
			}
			rep.parse(t, line)
		case <-timeout:
			t.Fatal("the child did not open the store in time")
		}
	}
}

// parse records one line of the child's report.
func (r *crashReport) parse(t *testing.T, line string) {
	f := strings.Fields(line)
	switch {
	case len(f) == 2 && f[0] == "S":
		r.opened = unixNano(t, f[1])
	case len(f) == 2 && f[0] == "A":
		at := unixNano(t, f[1])
		if !r.lastAdded.IsZero() {
			r.maxGap = max(r.maxGap, at.Sub(r.lastAdded))
		}
		r.lastAdded = at
	case len(f) == 2 && f[0] == "B":
		r.pending = unixNano(t, f[1])
	case len(f) == 3 && f[0] == "C":
		r.flushed = maxTime(r.flushed, unixNano(t, f[1]))
		r.slowest = max(r.slowest, unixNano(t, f[2]).Sub(r.pending))
		r.pending = time.Time{}
	case len(f) == 3 && f[0] == "J":
		n, err := strconv.Atoi(f[2])
		if err != nil {
			t.Fatalf("bad line %q", line)
		}
		r.jobs[f[1]] = max(r.jobs[f[1]], n)
	default:
		t.Fatalf("bad line %q", line)
	}
}

func unixNano(t *testing.T, s string) time.Time {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("bad time %q", s)
	}
	return time.Unix(0, n)
}
