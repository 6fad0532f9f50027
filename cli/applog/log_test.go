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
