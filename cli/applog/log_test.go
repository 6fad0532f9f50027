package applog

import (
	"bytes"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestOpenWritesAtTheLevel(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	l, err := Open(Options{Dir: dir, Level: slog.LevelWarn, Stderr: &stderr})
	if err != nil {
		t.Fatal(err)
	}
	l.Logger.Info("quiet")
	l.Logger.Warn("GPU hot", "gpu", 1)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, FileName))
	for name, out := range map[string]string{"file": string(b), "stderr": stderr.String()} {
		if !strings.Contains(out, `msg="GPU hot" gpu=1`) || strings.Contains(out, "quiet") {
			t.Errorf("%s holds %q; want the warning and not the info record", name, out)
		}
	}
	if l.Path() != filepath.Join(dir, FileName) {
		t.Errorf("Path() = %s", l.Path())
	}
}

func TestOpenOrStderrFallsBack(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	_ = os.WriteFile(blocker, nil, 0o600)
	var stderr bytes.Buffer
	l := OpenOrStderr(Options{Dir: filepath.Join(blocker, "logs"), Stderr: &stderr})
	l.Logger.Info("still logging")
	if err := l.Close(); err != nil {
		t.Error(err)
	}
	out := stderr.String()
	if !strings.Contains(out, "cannot write its log file") || !strings.Contains(out, `msg="still logging"`) || l.Path() != "" {
		t.Errorf("stderr %q, path %q", out, l.Path())
	}
}

// A log folder that cannot be made is said in words: the daemon's first
// line read "RigShift cannot write its log file (cannot create the log
// directory: mkdir /home/rig/.local/state: permission denied)", Go's mkdir
// and a folder that was not the one RigShift wanted.
func TestALogFolderThatCannotBeMadeIsSaidInWords(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	_ = os.WriteFile(blocker, nil, 0o600)
	var stderr bytes.Buffer
	l := OpenOrStderr(Options{Dir: filepath.Join(blocker, "logs"), Stderr: &stderr})
	l.Close()
	want := "RigShift cannot write its log file: cannot make its folder " + filepath.Join(blocker, "logs") + ": " + blocker +
		" is a file, not a folder; logging to the terminal only.\n"
	if got, _, _ := strings.Cut(stderr.String(), "time="); got != want {
		t.Errorf("stderr:\n got %q\nwant %q", got, want)
	}
	denied := &fs.PathError{Op: "mkdir", Path: "/home/rig/.local/state", Err: syscall.EACCES}
	want = "cannot make its folder /home/rig/.local/state/rigshift: permission denied in /home/rig/.local; check its owner and permissions (ls -ld /home/rig/.local), or set XDG_STATE_HOME to a folder of yours"
	if got := mkdirProblem("/home/rig/.local/state/rigshift", denied).Error(); got != want {
		t.Errorf("permission denied:\n got %s\nwant %s", got, want)
	}
}
