package cli

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/socket"
)

// serveStuck listens on a fresh data directory's control socket as a
// RigShift that hangs would (stopped with Ctrl-Z, or deadlocked): it takes
// connections and never answers.
func serveStuck(t *testing.T) (dataDir string) {
	t.Helper()
	dataDir = privateRuntime(t)
	path := socket.SocketPath(dataDir)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var held []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range held {
			c.Close()
		}
	})
	return dataDir
}

// The history's commands give up on a stuck RigShift as soon as status
// does, and say so: they waited the five minutes an export may take
// before its first line, and the owner who asked what went wrong with a
// rig that hangs got nothing for that long.
func TestHistoryCommandsGiveUpOnAStuckRigShift(t *testing.T) {
	for _, args := range [][]string{{"events"}, {"export", "jobs", "--csv"}} {
		t.Run(args[0], func(t *testing.T) {
			dir := serveStuck(t)
			type result struct {
				code   int
				stderr string
			}
			done := make(chan result, 1)
			go func() {
				code, _, stderr := runCLI(t, append(args, "--data-dir", dir)...)
				done <- result{code, stderr}
			}()
			select {
			case r := <-done:
				if r.code != exitError || !strings.Contains(r.stderr, "RigShift did not answer within 10s") {
					t.Errorf("exit %d: %s", r.code, r.stderr)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("still waiting for a RigShift that does not answer after 30 s")
			}
		})
	}
}
