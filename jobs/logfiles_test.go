//go:build linux

package jobs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A miner starts anew at every mode switch, and each run opens its own
// log: only the last LogRuns runs keep their files (they piled up, up to
// 24 MiB a run).
func TestLogFilesOfOldRunsAreRemoved(t *testing.T) {
	cfg := testConfig(t)
	cfg.LogRuns = 3
	h := newHarness(t, cfg)
	w := fakeWorkload(Training, "crash")
	dir := filepath.Join(cfg.LogDir, safeName(w.ID))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("the owner's"), 0o600); err != nil {
		t.Fatal(err)
	}
	var last string
	for range 8 {
		hd := h.start(w)
		<-hd.Done()
		last = hd.Status().LogPath
		time.Sleep(2 * time.Millisecond) // file names have millisecond stamps
	}
	files, _ := os.ReadDir(dir)
	var logs, progress int
	for _, f := range files {
		switch {
		case strings.HasSuffix(f.Name(), ".log"):
			logs++
		case strings.HasSuffix(f.Name(), ".progress.jsonl"):
			progress++
		}
	}
	if logs != 3 || progress != 3 {
		t.Errorf("%d logs and %d progress files for 8 runs, want the last 3 runs' (%v)", logs, progress, files)
	}
	if _, err := os.Stat(last); err != nil {
		t.Errorf("the last run's log is gone: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Errorf("a file that is no run's was removed: %v", err)
	}
}

// A start looks for logs past LogMaxAge, once a day: a finished job's
// folder goes; the starting workload's own is left alone.
func TestStartRemovesLogsPastTheirAge(t *testing.T) {
	cfg := testConfig(t)
	cfg.LogMaxAge = time.Hour
	old := filepath.Join(cfg.LogDir, "J-0001", time.Now().Add(-2*time.Hour).Format(runStampLayout)+".log")
	if err := os.MkdirAll(filepath.Dir(old), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, []byte("done\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, cfg)
	hd := h.start(fakeWorkload(Training, "crash"))
	<-hd.Done()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := os.Stat(filepath.Dir(old)); os.IsNotExist(err) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a job's log past its age is still there 5 s after a start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := os.Stat(hd.Status().LogPath); err != nil {
		t.Errorf("the new run's log: %v", err)
	}
}

// A run whose log folder cannot be made says so in words in its own
// output, which the owner reads in the job's details and 'rigshift job
// logs': it read "[rigshift] no log file: creating log directory: mkdir
// /home/rig/.local/share/rigshift/logs: not a directory" and "[rigshift] no
// progress file: mkdir …: not a directory".
func TestARunWithoutALogFolderSaysWhyInWords(t *testing.T) {
	cfg := testConfig(t)
	if err := os.RemoveAll(cfg.LogDir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg.LogDir, nil, 0o600); err != nil { // a file where the folder goes
		t.Fatal(err)
	}
	h := newHarness(t, cfg)
	hd := h.start(fakeWorkload(Training, "crash"))
	<-hd.Done()
	tail := strings.Join(hd.Tail(), "\n")
	for _, want := range []string{
		"[rigshift] this run's output is not kept in a file: " + cfg.LogDir + " is a file, not a folder",
		"[rigshift] no progress file for RIGSHIFT_PROGRESS: " + cfg.LogDir + " is a file, not a folder",
	} {
		if !strings.Contains(tail, want) {
			t.Errorf("the output lacks %q:\n%s", want, tail)
		}
	}
	if strings.Contains(tail, "mkdir") {
		t.Errorf("Go's words in the output:\n%s", tail)
	}
}
