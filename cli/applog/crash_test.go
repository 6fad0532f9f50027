package applog

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The test binary re-runs itself as a RigShift that crashes, chosen by
// this variable: "goroutine" panics in another goroutine, "main" in the
// goroutine that deferred Recover.
const crashEnv = "APPLOG_TEST_CRASH"

func TestMain(m *testing.M) {
	if how := os.Getenv(crashEnv); how != "" {
		crash(how, os.Getenv("APPLOG_TEST_DIR"))
	}
	os.Exit(m.Run())
}

func crash(how, dir string) {
	l, err := Open(Options{Dir: dir})
	if err != nil {
		panic(err)
	}
	defer l.Recover()
	if how == "goroutine" {
		done := make(chan struct{})
		go func() { defer close(done); panic("sampler exploded") }()
		<-done
	}
	panic("window exploded")
}

func runCrash(t *testing.T, how, dir string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+how, "APPLOG_TEST_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the crashing child exited 0:\n%s", out)
	}
}

func TestCrashIsReportedOnceOnTheNextStart(t *testing.T) {
	dir := t.TempDir()
	runCrash(t, "goroutine", dir)
	var stderr bytes.Buffer
	l, err := Open(Options{Dir: dir, Stderr: &stderr})
	if err != nil {
		t.Fatal(err)
	}
	path, ok := LastCrash()
	if !ok || filepath.Dir(path) != dir {
		t.Fatalf("LastCrash() = %q, %v", path, ok)
	}
	report, _ := os.ReadFile(path)
	if !strings.Contains(string(report), "panic: sampler exploded") || !strings.Contains(string(report), "goroutine ") {
		t.Errorf("crash report lacks the panic and its stack:\n%s", report)
	}
	if !strings.Contains(stderr.String(), path) {
		t.Errorf("stderr does not say where the report is: %q", stderr.String())
	}
	_ = l.Close()
	if log, _ := os.ReadFile(l.Path()); !strings.Contains(string(log), path) {
		t.Errorf("the log does not name the report:\n%s", log)
	}
	l, _ = Open(Options{Dir: dir})
	_ = l.Close()
	if path, ok := LastCrash(); ok {
		t.Errorf("the same crash was reported again: %s", path)
	}
}

func TestRecoverWritesTheStackToTheLog(t *testing.T) {
	dir := t.TempDir()
	runCrash(t, "main", dir)
	log, _ := os.ReadFile(filepath.Join(dir, FileName))
	for _, want := range []string{"level=ERROR", `panic="window exploded"`, "applog.crash("} {
		if !strings.Contains(string(log), want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}
