package metrics

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// DefaultAddr is the address the README suggests: loopback, and a port no
// well-known exporter uses.
const DefaultAddr = "127.0.0.1:9835"

// ErrPublic is returned by Listen for an address other machines could
// reach when public was not allowed.
var ErrPublic = errors.New("the metrics address is reachable from other machines")

// Server serves /metrics for one collector.
type Server struct {
	ln  net.Listener
	srv *http.Server
}

// Listen binds addr for the collector. Unless public is true, addr must be
// a loopback address ("127.0.0.1:9835", "[::1]:9835", "localhost:9835"):
// the numbers say what the rig earns, and Prometheus has no login.
func Listen(addr string, public bool, c *Collector) (*Server, error) {
	if err := CheckAddr(addr, public); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("cannot serve metrics on %s: %w", addr, err)
	}
	return &Server{ln: ln, srv: &http.Server{Handler: handler(c), ReadHeaderTimeout: 10 * time.Second}}, nil
}

// CheckAddr refuses a host that is not loopback unless public is set. An
// empty host means every interface.
func CheckAddr(addr string, public bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("metrics address %q: want host:port, e.g. %s", addr, DefaultAddr)
	}
	if public || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("%w: %s (use a 127.0.0.1 address, or add --metrics-public to allow it)", ErrPublic, addr)
}

// handler serves the rig's metrics plus the exporter's own process and Go
// runtime figures.
func handler(c *Collector) http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(c, collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "RigShift metrics are at /metrics")
	})
	return mux
}

// Addr is the address being served, with the port chosen when addr asked
// for port 0.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve answers scrapes until Close; it then returns nil.
func (s *Server) Serve() error {
	if err := s.srv.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Close stops serving and closes open connections.
func (s *Server) Close() error { return s.srv.Close() }
