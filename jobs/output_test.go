//go:build linux

package jobs

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rigshift/rigshift/jobs/logs"
)

// TestOutputFloodStaysBounded: 24 MB of output go through; memory, the
// tail and the log files stay within their caps.
func TestOutputFloodStaysBounded(t *testing.T) {
	cfg := testConfig(t)
	cfg.TailBytes, cfg.LogMaxBytes, cfg.LogBackups = 64<<10, 256<<10, 1
	h := newHarness(t, cfg)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak uint64
	hd := h.start(fakeWorkload(Training, "flood", "FAKE_MB=24"))
	for done := false; !done; {
		select {
		case <-hd.Done():
			done = true
		case <-time.After(20 * time.Millisecond):
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
		}
	}
	if st := hd.Status(); st.LastExit.Outcome != Succeeded {
		t.Fatalf("flood exit %v", st.LastExit)
	}
	if b := hd.r.tail.Bytes(); b > cfg.TailBytes {
		t.Fatalf("tail holds %d bytes, cap %d", b, cfg.TailBytes)
	}
	t.Logf("heap in use: %d MB before, %d MB at peak", before.HeapInuse>>20, peak>>20)
	// Holding the output would take ≥ 24 MB; bounded buffers take a few.
	if peak > before.HeapInuse+12<<20 {
		t.Fatalf("heap grew from %d to %d bytes for 24 MB of output", before.HeapInuse, peak)
	}
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(hd.Status().LogPath), "*.log*"))
	var total int64
	for _, f := range files {
		st, _ := os.Stat(f)
		total += st.Size()
	}
	if len(files) != 2 || total > 2*cfg.LogMaxBytes {
		t.Fatalf("log files %v hold %d bytes, cap %d", files, total, 2*cfg.LogMaxBytes)
	}
}

func TestOutputGarbageMadeSafe(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	h := newHarness(t, cfg)
	hd := h.start(fakeWorkload(Training, "garbage"))
	<-hd.Done()
	tail := hd.Tail()
	var long, after, last bool
	for _, l := range tail {
		if !utf8.ValidString(l) || strings.ContainsAny(l, "\x00\x1b") {
			t.Errorf("unsafe line %q", l)
		}
		if strings.HasPrefix(l, "LLLL") {
			long = strings.HasSuffix(l, logs.TruncatedMark) && len(l) <= cfg.withDefaults().MaxLineBytes+len(logs.TruncatedMark)
		}
		after = after || l == "after the long line"
		last = last || strings.HasPrefix(l, "no newline at the end")
	}
	if !long || !after || !last || !tailHas(hd, "bad \uFFFD\uFFFD bytes \uFFFD( and  nul") || !tailHas(hd, "red ok") {
		t.Fatalf("tail:\n%s", strings.Join(tail, "\n"))
	}
	b, _ := os.ReadFile(hd.Status().LogPath)
	if !utf8.Valid(b) || len(b) > 64<<10 {
		t.Fatalf("log file: valid %v, %d bytes", utf8.Valid(b), len(b))
	}
}

// TestSecretsRedacted: the pool password and API token given to a miner
// appear nowhere: not in the tail, not in the log, not in the status.
func TestSecretsRedacted(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig(t))
	w := minerWorkload(t, "xmrig", "FAKE_PRINT_ARGS=1")
	token := w.Stats.Token
	hd := h.start(w)
	waitFor(t, "stats", 10*time.Second, func() bool { return !hd.Status().StatsAt.IsZero() })
	waitFor(t, "args echoed", 5*time.Second, func() bool { return tailHas(hd, "command line:") })
	if err := hd.Stop(t.Context(), StopUser); err != nil {
		t.Fatal(err)
	}
	log, _ := os.ReadFile(hd.Status().LogPath)
	all := strings.Join(hd.Tail(), "\n") + string(log)
	for _, secret := range []string{"poolsecret9", token} {
		if strings.Contains(all, secret) {
			t.Fatalf("secret %q leaked:\n%s", secret, all)
		}
	}
	if !strings.Contains(all, "--http-access-token=***") || !strings.Contains(all, "password=***") || !strings.Contains(all, "-p ***") {
		t.Fatalf("no masks:\n%s", all)
	}
}

// xmrig's and T-Rex's pool passwords (and xmrig's API token) were on
// their command lines, which every user of the machine reads in
// /proc/PID/cmdline: they are in a config file now, 0600 beside the run's
// log, gone when the run ends.
func TestMinerSecretsInAPrivateFile(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig(t))
	for _, miner := range []string{"xmrig", "t-rex"} {
		t.Run(miner, func(t *testing.T) {
			t.Parallel()
			w := minerWorkload(t, miner, "FAKE_PRINT_ARGS=1")
			hd := h.start(w)
			waitFor(t, "stats", 10*time.Second, func() bool { return !hd.Status().StatsAt.IsZero() })
			cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", hd.Status().PID))
			if err != nil {
				t.Fatal(err)
			}
			for _, secret := range []string{"poolsecret9", w.Stats.Token} {
				if secret != "" && strings.Contains(string(cmdline), secret) {
					t.Errorf("%q on the miner's command line, for every user to read: %q", secret, cmdline)
				}
			}
			if !tailHas(hd, "config file mode 600") {
				t.Errorf("the miner's config file is not private:\n%s", strings.Join(hd.Tail(), "\n"))
			}
			if err := hd.Stop(t.Context(), StopUser); err != nil {
				t.Fatal(err)
			}
			left, _ := filepath.Glob(filepath.Join(filepath.Dir(hd.Status().LogPath), "*.json"))
			if len(left) > 0 {
				t.Errorf("the miner's config file outlived its run: %q", left)
			}
		})
	}
}

// Without its config file xmrig would read a config.json of its own,
// whatever wallet that names: a miner whose file cannot be written does
// not start, and says why.
func TestMinerWithoutItsConfigFileDoesNotStart(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.LogDir = filepath.Join(cfg.LogDir, "a-file")
	if err := os.WriteFile(cfg.LogDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, cfg)
	w := minerWorkload(t, "xmrig")
	hd := h.start(w)
	e := h.event(w.ID, EventFatal, 5*time.Second)
	<-hd.Done()
	if st := hd.Status(); st.State != Fatal || st.LastExit.Outcome != StartFailed || e.Err == nil ||
		!strings.Contains(e.Err.Error(), "cannot write the miner's settings file") {
		t.Fatalf("status %+v event %v", st, e)
	}
}

// The log's first line showed `sh -c "echo a | cat"` as "starting: sh -c
// echo a | cat", which reads as a pipe RigShift never ran: the arguments
// are written back as they would be typed, quoted where a word has blanks
// or shell characters.
func TestStartingLineQuotesTheArguments(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig(t))
	w := fakeWorkload(Training, "crash", "FAKE_EXIT_CODE=0")
	w.Args = []string{"-c", "echo a | cat", "plain"}
	hd := h.start(w)
	<-hd.Done()
	want := "[rigshift] starting: " + os.Args[0] + " -c 'echo a | cat' plain"
	if !tailHas(hd, want) {
		t.Errorf("tail lacks %q:\n%s", want, strings.Join(hd.Tail(), "\n"))
	}
}

// A job that prints without a pause (`yes`, a print in its inner loop)
// kept RigShift reading its output on a whole core, about 2 million lines
// a second here. Output is read at a pace: a second's worth of lines at
// once, then outputLinesPerSecond; past that the job's writes wait, and
// no line is lost.
func TestOutputFloodIsReadAtAPace(t *testing.T) {
	cfg := testConfig(t)
	cfg.LogMaxBytes = 1 << 30
	h := newHarness(t, cfg)
	hd := h.start(Workload{ID: "yes", Kind: Training, Path: "/bin/sh", Args: []string{"-c", "exec yes"}})
	const ran = time.Second
	time.Sleep(ran)
	if err := hd.Stop(t.Context(), StopUser); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(hd.Status().LogPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(string(b), " y\n")
	// A second's worth at once, a second at the pace; the pipe's 64 KiB.
	if limit := 2*outputLinesPerSecond + 64<<10; lines > limit {
		t.Fatalf("%d lines of `yes` read in %v, want at most %d", lines, ran, limit)
	}
	t.Logf("%d lines of `yes` read in %v", lines, ran)
}
