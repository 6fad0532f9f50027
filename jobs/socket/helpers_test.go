package socket

import (
	"bufio"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/socket/sockettest"
)

// testServer is a served fake rig on a private runtime directory.
type testServer struct {
	*Server
	api     *sockettest.API
	dataDir string
}

// serve starts a Server for a fake rig of two GPUs; cfg's API and DataDir
// are filled in. It is closed when the test ends.
func serve(t *testing.T, cfg Config) *testServer {
	t.Helper()
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	api := sockettest.NewAPI(2)
	if cfg.API == nil {
		cfg.API = api
	}
	cfg.DataDir = t.TempDir()
	cfg.Logf = t.Logf
	s, err := Listen(cfg)
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { served <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return &testServer{Server: s, api: api, dataDir: cfg.DataDir}
}

// rawConn is a connection that speaks the protocol by hand.
type rawConn struct {
	t *testing.T
	net.Conn
	r *bufio.Reader
}

func (s *testServer) raw(t *testing.T) *rawConn {
	t.Helper()
	c, err := net.Dial("unix", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &rawConn{t: t, Conn: c, r: bufio.NewReader(c)}
}

// send writes line and a newline.
func (c *rawConn) send(line string) {
	c.t.Helper()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write([]byte(line + "\n")); err != nil {
		c.t.Fatal(err)
	}
}

// reply reads one reply line.
func (c *rawConn) reply() Reply {
	c.t.Helper()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	line, err := c.r.ReadBytes('\n')
	if err != nil {
		c.t.Fatalf("reading a reply: %v", err)
	}
	var rep Reply
	if err := json.Unmarshal(line, &rep); err != nil {
		c.t.Fatalf("reply %q is not JSON: %v", line, err)
	}
	return rep
}

func (s *testServer) client(t *testing.T) *Client {
	t.Helper()
	c, err := Dial(s.dataDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// fakeRigShift listens where a RigShift for a new data directory would, on
// a private runtime directory, for tests that play the server's side by
// hand (stuck, hanging up, answering too much). It is closed at the end.
func fakeRigShift(t *testing.T) (dataDir string, ln net.Listener) {
	t.Helper()
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	dataDir = t.TempDir()
	if err := os.MkdirAll(filepath.Dir(SocketPath(dataDir)), 0o700); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", SocketPath(dataDir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return dataDir, ln
}
