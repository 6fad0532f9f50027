package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/store"
)

// exportSource is where an export comes from: the running RigShift, over
// its socket, or the database itself when RigShift is not running.
type exportSource interface {
	Export(w io.Writer, req socket.ExportRequest) error
	TelemetryGPUs() ([]string, error)
	// RigGPUs is the running rig's GPUs by index; nil when RigShift is
	// not running (an index then means nothing).
	RigGPUs() ([]control.GPUStatus, error)
	// GPUIndex is the index of each GPU the rig has or had: the running
	// rig's, or the ones the database remembers.
	GPUIndex() (map[string]int, error)
	Events(from, to time.Time, limit int) ([]store.Event, error)
	Close() error
}

// exportLockTimeout is how long an export waits for the database's lock
// when RigShift seems not to run (it may be starting or stopping).
var exportLockTimeout = 2 * time.Second

// openExportSource asks the running RigShift, or opens the database.
func openExportSource(df dataFlags) (exportSource, error) {
	c, s, err := dialOrOpen(df, false)
	switch {
	case errors.Is(err, errNoDatabase):
		path, _ := df.dbPath()
		dir := filepath.Dir(path)
		none := fmt.Errorf("there is no RigShift history in %s yet (no %s): it begins when RigShift first runs there (%s)",
			dir, store.FileName, howToStart(dir))
		return nil, hintSimulated(dir, none)
	case err != nil:
		return nil, err
	case c != nil:
		// A RigShift that hangs is told within the usual call timeout, as
		// status tells it; only one that answers gets the long one.
		if _, err := c.Status(); err != nil {
			c.Close()
			return nil, err
		}
		c.Timeout = 5 * time.Minute // a long export from a busy database
		return socketSource{c}, nil
	}
	return storeSource{s}, nil
}

// errNoDatabase is dialOrOpen's answer for a data directory with no
// database, when it may not make one.
var errNoDatabase = errors.New("no database")

// dialOrOpen connects to the RigShift that owns the data directory or,
// when none runs, opens its database itself: the commands that read or
// write the history work either way. One of the two comes back; with
// create false, a database that is not there is errNoDatabase.
//
// create false is for the commands that only read: the database is opened
// read-only, as it is. Opened to write, a history an older RigShift wrote
// is upgraded, and the owner who only looked (events, settings, an
// export) could not go back to that version.
func dialOrOpen(df dataFlags, create bool) (*socket.Client, *store.Store, error) {
	c, err := df.dial()
	if !errors.Is(err, socket.ErrNotRunning) {
		return c, nil, err
	}
	path, err := df.dbPath()
	if err != nil {
		return nil, nil, err
	}
	s, err := store.Open(path, store.Options{LockTimeout: exportLockTimeout, ReadOnly: !create})
	if errors.Is(err, fs.ErrNotExist) && !create {
		return nil, nil, errNoDatabase
	}
	return nil, s, explainLocked(filepath.Dir(path), err)
}

// openRunningSource asks the running RigShift only.
func openRunningSource(df dataFlags) (exportSource, error) {
	c, err := df.dial()
	if err != nil {
		return nil, err
	}
	return socketSource{c}, nil
}

// socketSource exports through the running RigShift.
type socketSource struct{ c *socket.Client }

func (s socketSource) Export(w io.Writer, req socket.ExportRequest) error { return s.c.Export(w, req) }
func (s socketSource) TelemetryGPUs() ([]string, error)                   { return s.c.TelemetryGPUs() }
func (s socketSource) Close() error                                       { return s.c.Close() }

func (s socketSource) RigGPUs() ([]control.GPUStatus, error) {
	st, err := s.c.Status()
	return st.GPUs, err
}

func (s socketSource) Events(from, to time.Time, limit int) ([]store.Event, error) {
	return s.c.Events(from, to, limit)
}

func (s socketSource) GPUIndex() (map[string]int, error) {
	gpus, err := s.RigGPUs()
	index := map[string]int{}
	for _, g := range gpus {
		index[g.UUID] = g.Index
	}
	return index, err
}

// storeSource exports from the database while RigShift is not running.
type storeSource struct{ s *store.Store }

var _ socket.Exporter = (*store.Store)(nil)

func (s storeSource) TelemetryGPUs() ([]string, error)      { return s.s.TelemetryGPUs() }
func (s storeSource) RigGPUs() ([]control.GPUStatus, error) { return nil, nil }
func (s storeSource) Close() error                          { return s.s.Close() }

func (s storeSource) Events(from, to time.Time, limit int) ([]store.Event, error) {
	return s.s.Events(from, to, limit)
}

func (s storeSource) GPUIndex() (map[string]int, error) {
	known, err := s.s.KnownGPUs()
	index := map[string]int{}
	for _, g := range known {
		if g.Index >= 0 { // -1: seen only in telemetry, its index unknown
			index[g.UUID] = g.Index
		}
	}
	return index, err
}

func (s storeSource) Export(w io.Writer, req socket.ExportRequest) error {
	switch req.What {
	case socket.ExportJobs:
		return s.s.ExportJobsCSV(w)
	case socket.ExportEarnings:
		return s.s.ExportEarningsCSV(w)
	}
	return s.s.ExportTelemetryCSV(w, req.GPU, req.From, req.To)
}

// resolveGPU turns --gpu into a UUID with telemetry history: an index of
// the running rig, a UUID, or a unique start of one ("GPU-3f2a").
func resolveGPU(src exportSource, arg string) (string, error) {
	if n, err := strconv.Atoi(arg); err == nil {
		return gpuOfIndex(src, n)
	}
	known, err := src.TelemetryGPUs()
	if err != nil {
		return "", err
	}
	var matches []string
	for _, g := range known {
		if g == arg {
			return g, nil
		}
		if strings.HasPrefix(strings.ToLower(g), strings.ToLower(arg)) {
			matches = append(matches, g)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return "", fmt.Errorf("no telemetry history for GPU %q; %s", arg, withHistory(known))
	}
	return "", usageError{msg: fmt.Sprintf("--gpu %q matches %d GPUs (%s): give more of the UUID", arg, len(matches), strings.Join(matches, ", "))}
}

// gpuOfIndex finds the running rig's GPU n.
func gpuOfIndex(src exportSource, n int) (string, error) {
	gpus, err := src.RigGPUs()
	if err != nil {
		return "", err
	}
	if gpus == nil {
		known, _ := src.TelemetryGPUs()
		return "", usageError{msg: fmt.Sprintf("--gpu %d: GPU indices are known only while RigShift runs; give the GPU's UUID (%s)", n, withHistory(known))}
	}
	for _, g := range gpus {
		if g.Index == n {
			return g.UUID, nil
		}
	}
	return "", usageError{msg: fmt.Sprintf("--gpu %d: this rig has no GPU %d (it has %s)", n, n, control.Plural(len(gpus), "GPU"))}
}

// withHistory names the GPUs that have history.
func withHistory(known []string) string {
	if len(known) == 0 {
		return "there is no telemetry history yet"
	}
	return "GPUs with history: " + strings.Join(known, ", ")
}
