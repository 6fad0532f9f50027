package socket

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/socket/sockettest"
)

func sockettestAPI() control.API { return sockettest.NewAPI(1) }

// staleSocket leaves a socket file nobody listens on, as a killed RigShift
// would.
func staleSocket(t *testing.T, path string) {
	t.Helper()
	if err := prepareDir(filepath.Dir(path)); err != nil {
		t.Fatal(err)
	}
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ln.SetUnlinkOnClose(false)
	ln.Close()
}

func TestStaleSocketIsReplaced(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	dir := t.TempDir()
	staleSocket(t, SocketPath(dir))
	if _, err := Dial(dir); !errors.Is(err, ErrNotRunning) {
		t.Fatalf("Dial to a stale socket: %v, want ErrNotRunning", err)
	}
	s, err := Listen(Config{DataDir: dir, API: sockettestAPI()})
	if err != nil {
		t.Fatalf("Listen over a stale socket: %v", err)
	}
	s.Close()
}

func TestLiveSocketIsKept(t *testing.T) {
	s := serve(t, Config{})
	_, err := Listen(Config{DataDir: s.dataDir, API: sockettestAPI()})
	if !errors.Is(err, ErrAlreadyServing) || !strings.Contains(err.Error(), s.dataDir) {
		t.Fatalf("second Listen: %v", err)
	}
	c := s.raw(t) // the first one still serves
	c.send(`{"op":"status"}`)
	if rep := c.reply(); !rep.OK {
		t.Errorf("first server after a second Listen: %+v", rep)
	}
}

func TestFileInTheWayIsKept(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	dir := t.TempDir()
	path := SocketPath(dir)
	os.MkdirAll(filepath.Dir(path), 0o700)
	os.WriteFile(path, []byte("notes"), 0o600)
	_, err := Listen(Config{DataDir: dir, API: sockettestAPI()})
	if err == nil || !strings.Contains(err.Error(), "not a socket") {
		t.Fatalf("Listen over a file: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "notes" {
		t.Error("the file in the way was changed")
	}
}
