package store

import (
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func TestSecondProcessGetsErrLockedQuickly(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	cmd, stdin, out := child(t, "hold", path)
	if !out.Scan() || out.Text() != "ready" {
		t.Fatalf("the holding child did not open the store: %q", out.Text())
	}
	if !InUse(path) {
		t.Error("InUse = false while another process holds the database")
	}
	start := time.Now()
	_, err := Open(path, Options{})
	elapsed := time.Since(start)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Open while another process holds it = %v, want ErrLocked", err)
	}
	if want := "RigShift is already running (database " + path + " is locked)"; err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
	if elapsed > 2*time.Second {
		t.Errorf("ErrLocked took %v, want under 2 s", elapsed)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("holding child: %v", err)
	}
	if InUse(path) {
		t.Error("InUse = true once the other process closed the database")
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open after the other process closed: %v", err)
	}
	s.Close()
}
