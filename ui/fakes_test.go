package ui

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// fakeController records what the screens ask and answers from fields.
type fakeController struct {
	mu       sync.Mutex
	status   control.Status
	jobs     []control.Job
	settings control.Settings
	modes    []control.Mode
	added    []control.JobSpec
	moved    []string
	canceled []string
	saved    []control.Settings
	aside    []string // "uuid aside" or "uuid in use", as asked
	err      error    // returned by every change
	changed  chan struct{}
	logTail  []string // what JobLogs adds to its two lines
	logErr   error    // returned by JobLogs
}

var _ control.API = (*fakeController)(nil)

func newFakeController() *fakeController {
	return &fakeController{settings: control.DefaultSettings(), changed: make(chan struct{}, 1),
		status: control.Status{Miner: control.MinerStatus{Configured: true}}}
}

func (f *fakeController) Status() control.Status {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.status
}

func (f *fakeController) SetMode(m control.Mode) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.modes = append(f.modes, m)
	if f.err == nil {
		f.status.Mode = m
	}
	return f.err
}

func (f *fakeController) AddJob(s control.JobSpec) (control.Job, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.added = append(f.added, s)
	return control.Job{ID: fmt.Sprintf("J-%04d", len(f.added)), Spec: s, State: control.JobQueued}, f.err
}

func (f *fakeController) Jobs() []control.Job {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.jobs
}

func (f *fakeController) Job(id string) (control.Job, error) { return control.Job{}, errors.New("no") }

func (f *fakeController) CancelJob(id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.canceled = append(f.canceled, id)
	return f.err
}

func (f *fakeController) MoveJob(id string, pos int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.moved = append(f.moved, fmt.Sprintf("%s→%d", id, pos))
	return f.err
}

func (f *fakeController) JobLogs(id string, n int) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.logErr != nil {
		return nil, f.logErr
	}
	return append([]string{"step 1", "step 2 of " + id}, f.logTail...), nil
}

func (f *fakeController) Settings() control.Settings {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.settings
}

func (f *fakeController) SaveSettings(s control.Settings) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saved = append(f.saved, s)
	return f.err
}

func (f *fakeController) SetGPUAside(uuid string, aside bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	word := "in use"
	if aside {
		word = "aside"
	}
	f.aside = append(f.aside, uuid+" "+word)
	return f.err
}

func (f *fakeController) Subscribe() (<-chan struct{}, func()) { return f.changed, func() {} }

// calls reads a recorded slice under the lock.
func calls[T any](f *fakeController, get func() []T) []T {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]T(nil), get()...)
}

// fakeHistory answers from fields and counts the series asked for.
type fakeHistory struct {
	mu     sync.Mutex
	points []Point
	days   []DayEarnings
	events []Event
	known  []hardware.GPUInfo
	silent map[string]bool // GPUs with no points
	asked  []string
	limits []int // what Events was asked for, in order
}

func (h *fakeHistory) Series(gpu string, m Metric, from, to time.Time, n int) ([]Point, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.asked = append(h.asked, fmt.Sprintf("%s/%d", gpu, m))
	if h.silent[gpu] {
		return nil, nil
	}
	return h.points, nil
}
func (h *fakeHistory) EarningsByDay(from, to time.Time) ([]DayEarnings, error) { return h.days, nil }
func (h *fakeHistory) Events(from, to time.Time, limit int) ([]Event, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.limits = append(h.limits, limit)
	return slices.Clone(h.events[:min(limit, len(h.events))]), nil
}

// logEvent puts e at the top of the event log, as the controller would.
func (h *fakeHistory) logEvent(e Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events = append([]Event{e}, h.events...)
}
func (h *fakeHistory) ExportJobsCSV(w io.Writer) error {
	_, err := io.WriteString(w, "id,client\nJ-0001,acme\n")
	return err
}
func (h *fakeHistory) ExportEarningsCSV(w io.Writer, from, to time.Time) error { return nil }
func (h *fakeHistory) ExportTelemetryCSV(w io.Writer, gpu string, from, to time.Time) error {
	_, err := io.WriteString(w, "time,gpu\n2025-01-01T00:00:00Z,"+gpu+"\n")
	return err
}
func (h *fakeHistory) Path() string                           { return "/data/rigshift/rigshift.db" }
func (h *fakeHistory) KnownGPUs() ([]hardware.GPUInfo, error) { return h.known, nil }

// eventually fails the test unless cond becomes true within 5 s; the
// screens hand results back through fyne.Do from goroutines.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for drainUI(); !cond(); drainUI() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// texts collects every text a person would read in o.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Button:
			b.WriteString("[" + w.Text + "]\n")
		case *dialogButton:
			b.WriteString("[" + w.Text + "]\n")
		case *widget.Card:
			b.WriteString(w.Title + "\n" + w.Subtitle + "\n")
			walk(w.Content)
		case *panel:
			walk(w.content)
		case *widget.ProgressBar:
			b.WriteString(w.TextFormatter() + "\n")
		case *container.Scroll:
			walk(w.Content)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// drawnText is the canvas text reading text that o draws, looked for
// through its containers and its widgets' renderers; nil if none.
func drawnText(o fyne.CanvasObject, text string) *canvas.Text {
	switch w := o.(type) {
	case *canvas.Text:
		if w.Text == text {
			return w
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if found := drawnText(c, text); found != nil {
				return found
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			if found := drawnText(c, text); found != nil {
				return found
			}
		}
	}
	return nil
}

// findButton finds the visible button labelled text in o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text {
				found = w
			}
		case *dialogButton:
			if w.Text == text {
				found = &w.Button
			}
		case *keyButton:
			if w.Text == text {
				found = &w.Button
			}
		case *widget.Card:
			walk(w.Content)
		case *panel:
			walk(w.content)
		case *container.Scroll:
			walk(w.Content)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}
