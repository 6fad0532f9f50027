package applog

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
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
