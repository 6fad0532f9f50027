package socket

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
)

// Defaults for the Config fields left zero.
const (
	DefaultIdleTimeout  = 30 * time.Second // a client silent this long is disconnected
	DefaultWriteTimeout = 30 * time.Second // a client that stops reading this long is disconnected
	DefaultMaxConns     = 32               // connections served at once
)

// Config is what a Server serves and how.
type Config struct {
	DataDir string      // the data directory the serving RigShift owns; decides the socket's place
	API     control.API // the controller
	// Export streams CSV exports from the store. Nil means exports are not
	// offered (the CLI then says so). *store.Store implements it.
	Export Exporter
	// Window says this RigShift has a desktop window, offered with
	// SetWindow once it is up: the socket is served a moment before, and
	// a second launch then (a double click in the menu) waits for the
	// window instead of being told there is none.
	Window bool

	IdleTimeout  time.Duration
	WriteTimeout time.Duration
	MaxConns     int
	// Logf reports refused peers and failed accepts; nil means log.Printf.
	Logf func(format string, args ...any)
}

func (c Config) withDefaults() Config {
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = DefaultWriteTimeout
	}
	if c.MaxConns <= 0 {
		c.MaxConns = DefaultMaxConns
	}
	if c.Logf == nil {
		c.Logf = log.Printf
	}
	return c
}

// Server serves a control.API on the data directory's control socket.
type Server struct {
	cfg  Config
	path string
	ln   *net.UnixListener

	mu        sync.Mutex
	window    func() error  // shows the desktop window; nil without one
	windowSet chan struct{} // closed at the first SetWindow
	stopped   chan struct{} // closed by Close
	conns     map[net.Conn]struct{}
	closed    bool
	wg        sync.WaitGroup
}

// Listen creates the socket for cfg.DataDir and starts listening; Serve
// then answers requests. A stale socket left by a RigShift that died is
// removed; a live one means another RigShift serves that data directory,
// and Listen fails with ErrAlreadyServing.
func Listen(cfg Config) (*Server, error) {
	if cfg.API == nil {
		return nil, errors.New("control socket: no controller to serve")
	}
	path := SocketPath(cfg.DataDir)
	ln, err := listen(path, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	return &Server{cfg: cfg.withDefaults(), path: path, ln: ln, conns: map[net.Conn]struct{}{},
		windowSet: make(chan struct{}), stopped: make(chan struct{})}, nil
}

// listen prepares the directory, clears a stale socket and listens 0600.
func listen(path, dataDir string) (*net.UnixListener, error) {
	if err := checkLength(path); err != nil {
		return nil, err
	}
	if err := prepareDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	if err := clearStale(path, dataDir); err != nil {
		return nil, err
	}
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		return nil, fmt.Errorf("cannot open the control socket %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("cannot make the control socket %s private: %w", path, err)
	}
	return ln, nil
}

// Path is the socket's file.
func (s *Server) Path() string { return s.path }

// Serve answers connections until ctx ends or Close is called; it then
// returns nil, after every connection has been closed.
func (s *Server) Serve(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() { s.Close() })
	defer stop()
	backoff := time.Duration(0)
	for {
		c, err := s.ln.AcceptUnix()
		if err != nil {
			if s.isClosed() {
				s.wg.Wait()
				return nil
			}
			backoff = min(max(2*backoff, 10*time.Millisecond), time.Second)
			s.cfg.Logf("control socket: accepting a connection: %v (retrying in %v)", err, backoff)
			time.Sleep(backoff)
			continue
		}
		backoff = 0
		s.start(c)
	}
}

// start serves c on its own goroutine, or turns it away when the server
// is full or closing.
func (s *Server) start(c *net.UnixConn) {
	s.mu.Lock()
	closed, full := s.closed, len(s.conns) >= s.cfg.MaxConns
	if !closed && !full {
		s.conns[c] = struct{}{}
		s.wg.Go(func() { s.serveConn(c) })
	}
	s.mu.Unlock()
	if full && !closed {
		c.SetWriteDeadline(time.Now().Add(time.Second))
		writeReply(c, Reply{Error: "RigShift is busy: too many connections to its control socket; try again"})
	}
	if closed || full {
		c.Close()
	}
}

// done forgets a finished connection.
func (s *Server) done(c net.Conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	c.Close()
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// Close stops listening, removes the socket file, disconnects every client
// and waits for their handlers to return. It is safe to call more than once.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.stopped)
	err := s.ln.Close() // also unlinks the socket file
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	if err != nil {
		return fmt.Errorf("closing the control socket %s: %w", s.path, err)
	}
	return nil
}
