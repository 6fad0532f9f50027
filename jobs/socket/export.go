package socket

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"

	"github.com/rigshift/rigshift/store"
)

// Exporter writes the store's CSV exports. While RigShift runs it holds
// the database's lock, so the CLI's exports go through the socket.
// *store.Store implements it.
type Exporter interface {
	ExportJobsCSV(w io.Writer) error
	ExportEarningsCSV(w io.Writer) error
	ExportTelemetryCSV(w io.Writer, gpuUUID string, from, to time.Time) error
	TelemetryGPUs() ([]string, error)
	Events(from, to time.Time, limit int) ([]store.Event, error)
}

// MaxEvents is the most events one request returns; fewer come back when
// more would not fit in a reply line (MaxReply): the newest that fit.
const MaxEvents = 10000

// errNoExport is the answer of a RigShift started without an Exporter.
var errNoExport = errors.New("this RigShift does not offer exports over its control socket; quit it and run the export again")

// maxChunk bounds one chunk of an export stream.
const maxChunk = 64 << 10

// export streams one CSV export in chunks, then the reply line.
func (s *Server) export(w io.Writer, req ExportRequest) error {
	run, err := s.exportFunc(req)
	if err != nil {
		return writeReply(w, errorReply(err))
	}
	cw := &chunkWriter{w: w, timeout: s.cfg.WriteTimeout}
	bw := bufio.NewWriterSize(cw, maxChunk)
	err = run(bw)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cw.err != nil {
		return cw.err // the client went away; nobody to tell
	}
	cw.freshDeadline() // the last chunk, or the request, may be long past
	if err != nil {
		return writeReply(w, errorReply(err))
	}
	return writeReply(w, Reply{OK: true})
}

// exportFunc checks the request and picks the export to run.
func (s *Server) exportFunc(req ExportRequest) (func(io.Writer) error, error) {
	ex := s.cfg.Export
	if ex == nil {
		return nil, errNoExport
	}
	switch req.What {
	case ExportJobs:
		return ex.ExportJobsCSV, nil
	case ExportEarnings:
		return ex.ExportEarningsCSV, nil
	case ExportTelemetry:
		if req.GPU == "" || req.From.IsZero() || req.To.IsZero() || req.To.Before(req.From) {
			return nil, errors.New(`bad request: a telemetry export needs "gpu", "from" and "to", with "from" before "to"`)
		}
		return func(w io.Writer) error { return ex.ExportTelemetryCSV(w, req.GPU, req.From, req.To) }, nil
	}
	return nil, fmt.Errorf(`bad request: unknown export %q: choose "jobs", "earnings" or "telemetry"`, req.What)
}

// telemetryGPUs lists the GPUs that have telemetry history.
func (s *Server) telemetryGPUs() Reply {
	if s.cfg.Export == nil {
		return errorReply(errNoExport)
	}
	gpus, err := s.cfg.Export.TelemetryGPUs()
	if err != nil {
		return errorReply(err)
	}
	if gpus == nil {
		gpus = []string{}
	}
	return okReply(gpus)
}

// events reads the event log, newest first.
func (s *Server) events(req Request) Reply {
	if s.cfg.Export == nil {
		return errorReply(errNoExport)
	}
	if req.From.IsZero() || req.To.IsZero() || req.To.Before(req.From) {
		return errorReply(errors.New(`bad request: events need "from" and "to", with "from" before "to"`))
	}
	limit := req.Limit
	if limit <= 0 || limit > MaxEvents {
		limit = MaxEvents
	}
	evs, err := s.cfg.Export.Events(req.From, req.To, limit)
	if err != nil {
		return errorReply(err)
	}
	if evs == nil {
		evs = []store.Event{}
	}
	return fitEvents(evs, MaxReply-1024) // room for the reply's envelope
}

// fitEvents answers with the newest of evs whose JSON takes at most limit
// bytes: a log of long messages (a failed job's last output) could
// otherwise outgrow a reply line.
func fitEvents(evs []store.Event, limit int) Reply {
	rep := okReply(evs)
	for len(rep.Result) > limit && len(evs) > 1 {
		evs = evs[:len(evs)/2] // newest first: the older half goes
		rep = okReply(evs)
	}
	return rep
}

// chunkWriter frames what is written as chunks: the length in decimal on a
// line of its own, then the bytes. Each write gets a fresh deadline, so a
// long export to a reading client is fine and a stalled one is dropped.
type chunkWriter struct {
	w       io.Writer
	timeout time.Duration
	err     error
}

func (cw *chunkWriter) Write(p []byte) (int, error) {
	if cw.err != nil {
		return 0, cw.err
	}
	for n := 0; n < len(p); {
		part := p[n:min(len(p), n+maxChunk)]
		cw.freshDeadline()
		bufs := net.Buffers{[]byte(strconv.Itoa(len(part)) + "\n"), part}
		if _, err := bufs.WriteTo(cw.w); err != nil {
			cw.err = fmt.Errorf("sending the export: %w", err)
			return n, cw.err
		}
		n += len(part)
	}
	return len(p), nil
}

// freshDeadline gives the next write the whole timeout.
func (cw *chunkWriter) freshDeadline() {
	if c, ok := cw.w.(net.Conn); ok {
		c.SetWriteDeadline(time.Now().Add(cw.timeout))
	}
}
