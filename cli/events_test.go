package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/jobs/socket/sockettest"
	"github.com/rigshift/rigshift/store"
)

// eventLog is a night on a rig, newest first, as the controller records it.
func eventLog(now time.Time) []store.Event {
	return []store.Event{
		{Time: now.Add(-time.Minute), Kind: "mode", Message: "rent", Reason: "user"},
		{Time: now.Add(-2 * time.Hour), Kind: "notice:job-failed", JobID: "J-0002", Title: "Job J-0002 failed",
			Message: "bad's job failed: failed with code 3.\nLast output:\nRuntimeError: CUDA out of memory", Reason: "crash"},
		{Time: now.Add(-3 * time.Hour), Kind: "notice:thermal", GPU: gpu1, Title: "GPU 1 is too hot",
			Message: "GPU 1 reached 84 °C: the miner is held until it cools below 70 °C."},
		{Time: now.Add(-4 * time.Hour), Kind: "restart", GPU: gpu0, Message: "The miner stopped and starts again in 10s (restart 1)"},
		{Time: now.Add(-30 * time.Hour), Kind: "mode", Message: "auto", Reason: "restored"},
	}
}

func TestEventsFromRunningRigShift(t *testing.T) {
	dir, _ := serveFake(t, &sockettest.Exporter{Log: eventLog(time.Now())})
	code, out, stderr := runCLI(t, "events", "--data-dir", dir)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != exitOK || len(lines) != 6 {
		t.Fatalf("exit %d, %d lines:\n%s%s", code, len(lines), out, stderr)
	}
	for i, want := range []string{
		"Restart       The miner stopped and starts again in 10s (restart 1) · GPU 0",
		"Too hot       GPU 1 reached 84 °C: the miner is held until it cools below 70 °C.",
		"Job failed    J-0002 · bad's job failed: failed with code 3. · because: crash",
		"Last output:",
		"RuntimeError: CUDA out of memory",
		"Mode          Switched to Rent, by you",
	} {
		if squeeze := func(s string) string { return strings.Join(strings.Fields(s), " ") }; !strings.Contains(squeeze(lines[i]), squeeze(want)) {
			t.Errorf("line %d reads %q, want %q in it", i, lines[i], want)
		}
	}
	// The output under a failed job lines up under its message.
	if at := strings.Index(lines[2], "J-0002"); strings.Index(lines[3], "Last output:") != at+2 {
		t.Errorf("the job's output is not indented under its message:\n%s\n%s", lines[2], lines[3])
	}
	code, out, _ = runCLI(t, "events", "--problems", "--since", "7d", "--limit", "2", "--data-dir", dir)
	if code != exitOK || !strings.HasPrefix(strings.SplitN(out, "\n", 2)[0][17:], "Too hot") || strings.Contains(out, "Restart") ||
		!strings.Contains(out, "Job failed") || strings.Contains(out, "Mode") {
		t.Errorf("the two newest problems of the week: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "events", "--json", "--data-dir", dir)
	var evs []store.Event
	if err := json.Unmarshal([]byte(out), &evs); code != exitOK || err != nil || len(evs) != 4 || evs[3].Message != "rent" {
		t.Errorf("--json: exit %d, %v, %d events", code, err, len(evs))
	}
	if code, out, _ := runCLI(t, "events", "--since", "30s", "--data-dir", dir); code != exitOK || out != "No events in the last 30s.\n" {
		t.Errorf("a quiet half minute: exit %d, %q", code, out)
	}
}

// Without RigShift running, the database is read, and the GPUs are named
// by the indices it remembers.
func TestEventsFromTheDatabase(t *testing.T) {
	dir := privateRuntime(t)
	inStore(t, dir, func(s *store.Store) {
		if err := s.RememberGPUs([]store.GPURecord{{UUID: gpu0, Index: 0}, {UUID: gpu1, Index: 1}}); err != nil {
			t.Fatal(err)
		}
		for _, e := range eventLog(time.Now()) {
			if err := s.AppendEvent(e); err != nil {
				t.Fatal(err)
			}
		}
	})
	code, out, stderr := runCLI(t, "events", "--problems", "--data-dir", dir)
	if code != exitOK || strings.Count(out, "\n") != 5 || !strings.Contains(out, "· GPU 0") || strings.Contains(out, "no longer in the rig") {
		t.Errorf("exit %d:\n%s%s", code, out, stderr)
	}
}

func TestEventsFlags(t *testing.T) {
	dir := privateRuntime(t)
	for _, args := range [][]string{{"--since", "yesterday"}, {"--since", "-2h"}, {"--since", "0d"}, {"--limit", "0"}} {
		code, _, stderr := runCLI(t, append([]string{"events", "--data-dir", dir}, args...)...)
		if code != exitUsage || !strings.Contains(stderr, args[0]) {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
	// No history yet: say so, and how it begins.
	if code, _, stderr := runCLI(t, "events", "--data-dir", dir); code != exitError || !strings.Contains(stderr, "no RigShift history") ||
		!strings.Contains(stderr, "it begins when RigShift first runs there (start it with `rigshift --data-dir "+dir+"` or") {
		t.Errorf("no history: exit %d, %q", code, stderr)
	}
}

// --follow prints what happens after the log, as it happens, each event
// once, in the same columns; until Ctrl-C.
func TestEventsFollow(t *testing.T) {
	ex := &sockettest.Exporter{Log: eventLog(time.Now())[:1]}
	dir, _ := serveFake(t, ex)
	defer func(p time.Duration, u func() (context.Context, context.CancelFunc)) { followPoll, followUntil = p, u }(followPoll, followUntil)
	ctx, stop := context.WithCancel(context.Background())
	followPoll, followUntil = 10*time.Millisecond, func() (context.Context, context.CancelFunc) { return ctx, stop }
	type result struct {
		code        int
		out, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, out, stderr := runCLI(t, "events", "--follow", "--data-dir", dir)
		done <- result{code, out, stderr}
	}()
	time.Sleep(100 * time.Millisecond)
	at := time.Now() // two events of one instant, seen in two reads
	ex.Happen(store.Event{Time: at, Kind: "job-started", JobID: "J-0009", Message: "Job J-0009 for lab started on GPU 1"})
	time.Sleep(100 * time.Millisecond)
	ex.Happen(store.Event{Time: at, Kind: "notice:job-failed", JobID: "J-0009", Message: "lab's job failed: code 1.\nLast output:\noops"})
	time.Sleep(100 * time.Millisecond)
	stop()
	r := <-done
	lines := strings.Split(strings.TrimSuffix(r.out, "\n"), "\n")
	if r.code != exitOK || len(lines) != 5 {
		t.Fatalf("exit %d, %d lines:\n%s%s", r.code, len(lines), r.out, r.stderr)
	}
	for i, want := range []string{"Switched to Rent, by you", "Job J-0009 for lab started", "J-0009 · lab's job failed: code 1.", "Last output:", "oops"} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d: %q, want %q in it", i, lines[i], want)
		}
	}
	if col := strings.Index(lines[0], "Switched"); strings.Index(lines[1], "Job J-0009") != col {
		t.Errorf("the followed lines do not line up:\n%s\n%s", lines[0], lines[1])
	}
	if code, _, stderr := runCLI(t, "events", "--follow", "--json", "--data-dir", dir); code != exitUsage || !strings.Contains(stderr, "leave out --json") {
		t.Errorf("--follow --json: exit %d, %q", code, stderr)
	}
	stopped := privateRuntime(t)
	inStore(t, stopped, func(*store.Store) {})
	if code, _, stderr := runCLI(t, "events", "--follow", "--data-dir", stopped); code != exitError || !strings.Contains(stderr, "RigShift is not running") {
		t.Errorf("--follow while RigShift is stopped: exit %d, %q", code, stderr)
	}
}

// An event is timed when it happens and stored a moment later: one timed
// before an event --follow has printed, but stored after it, is printed
// all the same (it was skipped for good).
func TestEventsFollowPrintsALateStoredEvent(t *testing.T) {
	dir := privateRuntime(t)
	st := holdStore(t, dir)
	srv, err := socket.Listen(socket.Config{DataDir: dir, API: sockettest.NewAPI(2), Export: st, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	sctx, scancel := context.WithCancel(context.Background())
	defer scancel()
	go srv.Serve(sctx)
	defer func(p time.Duration, u func() (context.Context, context.CancelFunc)) { followPoll, followUntil = p, u }(followPoll, followUntil)
	ctx, stop := context.WithCancel(context.Background())
	followPoll, followUntil = 10*time.Millisecond, func() (context.Context, context.CancelFunc) { return ctx, stop }
	done := make(chan string, 1)
	go func() {
		_, out, errs := runCLI(t, "events", "--follow", "--since", "1m", "--data-dir", dir)
		done <- out + errs
	}()
	time.Sleep(100 * time.Millisecond)
	early := time.Now()
	if err := st.AppendEvent(store.Event{Time: early.Add(time.Millisecond), Kind: "mode", Message: "mine", Reason: "user"}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // a read prints it
	if err := st.AppendEvent(store.Event{Time: early, Kind: "restart", Message: "LATE-STORED"}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	stop()
	out := <-done
	if strings.Count(out, "Switched to Mine") != 1 || strings.Count(out, "LATE-STORED") != 1 {
		t.Errorf("each event once, the late one too:\n%s", out)
	}
}

// "Everything, however old": --since 200000d overflowed the duration and
// came back from RigShift as `bad request: events need "from" and "to",
// with "from" before "to"`. So many days reach back to the first event.
func TestEventsSinceManyDays(t *testing.T) {
	dir, _ := serveFake(t, &sockettest.Exporter{Log: eventLog(time.Now())})
	for _, since := range []string{"200000d", "1000000000d", "2562047h"} {
		code, out, stderr := runCLI(t, "events", "--since", since, "--data-dir", dir)
		if code != exitOK || !strings.Contains(out, "Started in Auto") {
			t.Errorf("--since %s: exit %d, %q%s", since, code, out, stderr)
		}
	}
}

// RigShift stopping under --follow (a service restarted) ended it with
// "RigShift stopped (sending the "events" request: write unix
// @->/run/user/…/x.sock: write: broken pipe)": the owner is told in words.
func TestEventsFollowEndsWhenRigShiftStops(t *testing.T) {
	dir := privateRuntime(t)
	s, err := socket.Listen(socket.Config{DataDir: dir, API: sockettest.NewAPI(1), Export: &sockettest.Exporter{}, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	serving, stopServing := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(serving) }()
	defer func(p time.Duration) { followPoll = p }(followPoll)
	followPoll = 10 * time.Millisecond
	done := make(chan struct{})
	var code int
	var stderr string
	go func() {
		defer close(done)
		code, _, stderr = runCLI(t, "events", "--follow", "--data-dir", dir)
	}()
	time.Sleep(100 * time.Millisecond)
	stopServing()
	<-served
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("--follow goes on after RigShift stopped")
	}
	if want := "rigshift: RigShift stopped: there are no more events to follow until it runs again\n"; code != exitError || stderr != want {
		t.Errorf("exit %d, %q; want %q", code, stderr, want)
	}
}

// No events is an empty list in JSON, as `job list --json` writes no
// jobs, not null: `jq '.[]'` and a script's loop over the list failed on
// a quiet day.
func TestEventsJSONWithoutEventsIsAnEmptyList(t *testing.T) {
	dir, _ := serveFake(t, &sockettest.Exporter{Log: eventLog(time.Now())})
	code, out, stderr := runCLI(t, "events", "--json", "--since", "30s", "--data-dir", dir)
	if code != exitOK || strings.TrimSpace(out) != "[]" {
		t.Errorf("a quiet half minute: exit %d, stdout %q, stderr %q; want []", code, out, stderr)
	}
}

// An event from an earlier year (--since 400d) was printed as "Mar 10
// 12:00:00", as if it were this year's: it shows its year, in the column's
// width.
func TestEventsOfAnEarlierYearShowTheYear(t *testing.T) {
	now := time.Now()
	long := time.Date(now.Year()-1, time.March, 10, 12, 0, 0, 0, time.Local)
	log := append(eventLog(now), store.Event{Time: long, Kind: "mode", Message: "mine", Reason: "user"})
	dir, _ := serveFake(t, &sockettest.Exporter{Log: log})
	code, out, stderr := runCLI(t, "events", "--since", "800d", "--data-dir", dir)
	want := fmt.Sprintf("Mar 10 %d      Mode ", now.Year()-1) // as wide as "Dec 05 01:04:37"
	if code != exitOK || !strings.Contains(out, want) {
		t.Errorf("exit %d, want a line beginning %q:\n%s%s", code, want, out, stderr)
	}
	if !strings.Contains(out, now.Add(-time.Minute).Format("Jan 02 15:04:05")) {
		t.Errorf("this year's events lost their time of day:\n%s", out)
	}
}

// --since takes spaces and days with hours, as the other duration flags
// and the window do: "24 h", " 7d" and "2d12h" were refused.
func TestEventsSinceAsTyped(t *testing.T) {
	for in, want := range map[string]time.Duration{"24 h": 24 * time.Hour, " 7d": 7 * 24 * time.Hour,
		"2d12h": 60 * time.Hour, "90m": 90 * time.Minute, "1 d 6 h": 30 * time.Hour} {
		if got, err := parseSince(in); err != nil || got != want {
			t.Errorf("--since %q: %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "d", "-1d", "2d-3h", "yesterday", "0d", "7 days"} {
		if _, err := parseSince(in); err == nil {
			t.Errorf("--since %q taken", in)
		}
	}
}
