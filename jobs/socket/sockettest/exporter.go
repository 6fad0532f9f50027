package sockettest

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rigshift/rigshift/store"
)

// Exporter is a fake store export: fixed CSV, optionally failing midway.
type Exporter struct {
	Jobs     string        // the jobs CSV
	Earnings string        // the earnings CSV
	GPUs     []string      // GPUs with telemetry
	FailAt   int           // fail after writing this many bytes of a telemetry export; 0: never
	Log      []store.Event // the event log, newest first
	mu       sync.Mutex    // Log, once served
}

// Happen puts ev at the top of the log while it is being served.
func (e *Exporter) Happen(ev store.Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.Log = append([]store.Event{ev}, e.Log...)
}

// Events returns the events of Log within [from, to], at most limit.
func (e *Exporter) Events(from, to time.Time, limit int) ([]store.Event, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []store.Event
	for _, ev := range e.Log {
		if !ev.Time.Before(from) && !ev.Time.After(to) && len(out) < limit {
			out = append(out, ev)
		}
	}
	return out, nil
}

// ExportJobsCSV writes Jobs.
func (e *Exporter) ExportJobsCSV(w io.Writer) error { return write(w, e.Jobs) }

// ExportEarningsCSV writes Earnings.
func (e *Exporter) ExportEarningsCSV(w io.Writer) error { return write(w, e.Earnings) }

// ExportTelemetryCSV writes one row per minute of [from, to] for a known GPU.
func (e *Exporter) ExportTelemetryCSV(w io.Writer, gpu string, from, to time.Time) error {
	if !slices.Contains(e.GPUs, gpu) {
		return fmt.Errorf("no telemetry for GPU %s", gpu)
	}
	var b strings.Builder
	b.WriteString("time,gpu,temp_c\n")
	for t := from; !t.After(to); t = t.Add(time.Minute) {
		fmt.Fprintf(&b, "%s,%s,%d\n", t.UTC().Format(time.RFC3339), gpu, 40+t.Minute()%20)
	}
	s := b.String()
	if e.FailAt > 0 && e.FailAt < len(s) {
		if err := write(w, s[:e.FailAt]); err != nil {
			return err
		}
		return errors.New("the database went away")
	}
	return write(w, s)
}

// TelemetryGPUs returns GPUs.
func (e *Exporter) TelemetryGPUs() ([]string, error) { return e.GPUs, nil }

func write(w io.Writer, s string) error {
	_, err := io.WriteString(w, s)
	return err
}
