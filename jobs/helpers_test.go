//go:build linux

package jobs

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/miners"
)

// testConfig has every duration small enough for tests.
func testConfig(t *testing.T) Config {
	return Config{
		LogDir: t.TempDir(), StopGrace: 3 * time.Second,
		BackoffStart: 20 * time.Millisecond, BackoffMax: 80 * time.Millisecond, MaxRestarts: 3, RestartWindow: time.Minute,
		StallAfter: 5 * time.Second, PollEvery: 25 * time.Millisecond, PollTimeout: time.Second,
		HotFor: 50 * time.Millisecond, GPUFreeTimeout: 2 * time.Second, GPUFreePoll: 10 * time.Millisecond,
		ProgressPoll: 10 * time.Millisecond,
	}
}

var nextID atomic.Int64

// fakeWorkload runs the test binary as the fake mode.
func fakeWorkload(kind Kind, mode string, env ...string) Workload {
	return Workload{
		ID: fmt.Sprintf("%s-%d", mode, nextID.Add(1)), Kind: kind, Path: os.Args[0],
		Env: append([]string{fakeEnv + "=" + mode}, env...),
	}
}

// harness is a supervisor with an event log.
type harness struct {
	t    *testing.T
	sup  *Supervisor
	sub  *Subscription
	seen []Event
}

func newHarness(t *testing.T, cfg Config) *harness {
	sup := NewSupervisor(cfg)
	h := &harness{t: t, sup: sup, sub: sup.Subscribe(4096)}
	t.Cleanup(func() {
		ctx, cancel := contextWithTimeout(10 * time.Second)
		defer cancel()
		sup.Shutdown(ctx)
		h.sub.Close()
	})
	return h
}

func (h *harness) start(w Workload) *Handle {
	h.t.Helper()
	hd, err := h.sup.Start(w)
	if err != nil {
		h.t.Fatal(err)
	}
	return hd
}

// event waits for the next event of kind for the workload and returns it;
// events passed on the way are kept in seen.
func (h *harness) event(id string, kind EventKind, within time.Duration) Event {
	h.t.Helper()
	deadline := time.After(within)
	for {
		select {
		case e := <-h.sub.C():
			h.seen = append(h.seen, e)
			if e.Workload == id && e.Kind == kind {
				return e
			}
		case <-deadline:
			h.t.Fatalf("no %s event for %s within %v; seen:\n%s", kind, id, within, h.history())
			return Event{}
		}
	}
}

func (h *harness) history() string {
	var sb strings.Builder
	for _, e := range h.seen {
		sb.WriteString("  " + e.String() + "\n")
	}
	return sb.String()
}

// count returns how many events of kind the workload had so far (after
// draining what is buffered).
func (h *harness) count(id string, kind EventKind) int {
	for {
		select {
		case e := <-h.sub.C():
			h.seen = append(h.seen, e)
			continue
		default:
		}
		break
	}
	n := 0
	for _, e := range h.seen {
		if e.Workload == id && e.Kind == kind {
			n++
		}
	}
	return n
}

func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", within, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func waitState(t *testing.T, h *Handle, s State, within time.Duration) Status {
	t.Helper()
	var st Status
	waitFor(t, fmt.Sprintf("%s to be %s", h.ID(), s), within, func() bool {
		st = h.Status()
		return st.State == s
	})
	return st
}

func tailHas(h *Handle, sub string) bool {
	for _, l := range h.Tail() {
		if strings.Contains(l, sub) {
			return true
		}
	}
	return false
}

// procState returns a process's state letter from /proc, 0 when gone.
func procState(pid int) byte {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 || len(b) < i+3 {
		return 0
	}
	return b[i+2]
}

// gone reports whether pid no longer runs (absent, or a zombie).
func gone(pid int) bool {
	s := procState(pid)
	return s == 0 || s == 'Z' || s == 'X'
}

func contextWithTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}

// minerWorkload builds a preset workload for the fake miner.
func minerWorkload(t *testing.T, miner string, env ...string) Workload {
	t.Helper()
	p := miners.Preset{Miner: miners.Miner(miner), Executable: os.Args[0], Pool: "pool.example:3333",
		Wallet: "wallet", Algorithm: "kawpow", Password: "poolsecret9"}
	w, err := NewMinerWorkload(fmt.Sprintf("%s-%d", miner, nextID.Add(1)), p, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.Env = append(w.Env, fakeEnv+"=miner")
	w.Env = append(w.Env, env...)
	return w
}
