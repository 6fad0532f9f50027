package store

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

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
		if !r.lastAdded().IsZero() {
			r.maxGap = max(r.maxGap, at.Sub(r.lastAdded()))
		}
		r.added = append(r.added, at)
	case len(f) == 2 && f[0] == "B": // a flush took its batch
	case len(f) == 3 && f[0] == "C":
		r.flushed = maxTime(r.flushed, unixNano(t, f[1]))
		r.commits++
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
