package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/jobs/socket/sockettest"
	"github.com/rigshift/rigshift/store"
)

// Launched a second time, the app shows the running one's window and
// exits; where the running one is a daemon, the owner reads why neither
// could open a window. No window is opened by the test: the database is
// held, so this launch never gets as far as its own.
func TestSecondLaunchShowsTheRunningWindow(t *testing.T) {
	dir := privateRuntime(t)
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	db, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv, err := socket.Listen(socket.Config{DataDir: dir, API: sockettest.NewAPI(1), Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx) }()
	defer func() { cancel(); <-served }()

	code, _, stderr := runCLI(t, "window", "--simulate", "1", "--data-dir", dir)
	if code != exitError || !strings.Contains(stderr, "RigShift is already running") || !strings.Contains(stderr, "has no window") {
		t.Errorf("with a daemon running: exit %d, %q", code, stderr)
	}
	shown := make(chan struct{}, 1)
	srv.SetWindow(func() error { shown <- struct{}{}; return nil })
	code, out, stderr := runCLI(t, "window", "--simulate", "1", "--data-dir", dir)
	if code != exitOK || !strings.Contains(out, "its window is shown") {
		t.Fatalf("with a window running: exit %d, out %q, stderr %q", code, out, stderr)
	}
	select {
	case <-shown:
	default:
		t.Error("the running window was not asked to show itself")
	}
}
