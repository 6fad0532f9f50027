package jobs

import (
	"os"
	"sync"
	"time"

	"github.com/rigshift/rigshift/jobs/logs"
	"github.com/rigshift/rigshift/jobs/miners"
	"github.com/rigshift/rigshift/jobs/proc"
	"github.com/rigshift/rigshift/jobs/progress"
)

// run is one Start of a workload. Its loop goroutine owns the process and
// all state changes; other goroutines (Handle, ObserveGPU, the output
// pumps, the stats poller) only post to it or update fields under mu.
type run struct {
	sup     *Supervisor
	cfg     Config
	w       Workload
	red     *logs.Redactor
	tail    *logs.Tail
	logf    *logs.File        // nil without Config.LogDir
	logErr  sync.Once         // a failing log file is reported once
	trk     *progress.Tracker // training only
	prog    string            // the RIGSHIFT_PROGRESS file, training only
	conf    string            // the miner's config file (Workload.Config)
	confErr error             // why it could not be written

	stopReq chan stopRequest
	wake    chan struct{} // GPU observations arrived
	done    chan struct{} // closed when the loop ends

	mu       sync.Mutex // guards st, temps, lastGood
	st       Status
	temps    map[string]*gpuTemp
	lastGood time.Time // last stats read with a hashrate above 0

	// Owned by the loop goroutine.
	p        *proc.Process
	cur      *processIO
	members  []int // the last process's group and escaped descendants, for the GPU check
	pgid     int
	tag      string // RunEnv's value for the last process: marks its descendants
	escaped  []int  // process groups of descendants that had left the group, ended with it
	restarts []time.Time
	holds    []time.Time   // a miner's thermal holds in the last hour
	minHold  time.Duration // how long the current hold lasts at least, cool or not
}

type stopRequest struct {
	reason StopReason
	reply  chan error
}

// phase is one state of the loop; it returns the next (nil: the end).
type phase func() phase

func newRun(s *Supervisor, w Workload) *run {
	r := &run{
		sup: s, cfg: s.cfg, w: w,
		red:     logs.NewRedactor(w.Secrets...),
		tail:    logs.NewTail(s.cfg.TailLines, s.cfg.TailBytes),
		stopReq: make(chan stopRequest),
		wake:    make(chan struct{}, 1),
		done:    make(chan struct{}),
		temps:   map[string]*gpuTemp{},
		st:      Status{ID: w.ID, Kind: w.Kind, State: Starting, Started: time.Now()},
	}
	r.st.Progress = progress.NewTracker().Snapshot()
	if w.Kind == Training {
		r.trk = progress.NewTracker()
	}
	return r
}

func (r *run) loop() {
	defer r.sup.runEnded(r) // after done is closed: a run forgotten has finished
	defer close(r.done)
	r.publish(Event{Kind: EventState, From: Stopped, State: Starting})
	r.openFiles()
	for next := r.starting; next != nil; {
		next = next()
	}
	r.closeFiles()
}

func (r *run) finished() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// status returns a copy of the status with live figures filled in.
func (r *run) status() Status {
	r.mu.Lock()
	st := r.st
	r.mu.Unlock()
	if st.LastExit != nil {
		e := *st.LastExit
		st.LastExit = &e
	}
	st.Stats.GPUs = append([]miners.GPUStat(nil), st.Stats.GPUs...)
	if r.trk != nil {
		st.Progress = r.trk.Snapshot()
	}
	if !st.PausedSince.IsZero() {
		st.PausedFor += time.Since(st.PausedSince)
	}
	return st
}

// setState moves to s and publishes the change.
func (r *run) setState(s State) {
	r.mu.Lock()
	from := r.st.State
	r.st.State = s
	if s.Final() {
		r.st.Ended = time.Now()
	}
	r.mu.Unlock()
	if from != s {
		r.publish(Event{Kind: EventState, From: from, State: s})
	}
}

func (r *run) publish(e Event) {
	e.Workload = r.w.ID
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	if e.Kind != EventState {
		r.mu.Lock()
		e.State = r.st.State
		r.mu.Unlock()
	}
	r.note(e)
	r.sup.hub.publish(e)
}

// note writes an event into the log and the tail, in words, so that the
// owner sees restarts and holds among the output. Of the states only the
// end is told: Fatal is not, as the EventFatal that follows says why.
func (r *run) note(e Event) {
	if e.Kind == EventState && e.State != Stopped && e.State != Exited {
		return
	}
	r.line(logs.Line{Text: "[rigshift] " + e.Time.Format(time.TimeOnly) + " " + e.Words(r.w.Kind, r.w.GPUIndex)})
}

func (r *run) openFiles() {
	if r.cfg.LogDir != "" {
		r.openLog()
	}
	if r.trk != nil {
		r.openProgressFile()
	}
	if r.w.Config != nil {
		r.writeConfigFile()
	}
}

func (r *run) closeFiles() {
	if r.logf != nil {
		r.logf.Close()
	}
	if r.prog != "" && r.cfg.LogDir == "" {
		os.Remove(r.prog) // a temp file; with LogDir it is kept beside the log
	}
	if r.conf != "" {
		os.Remove(r.conf) // secrets: kept no longer than the miner needs them
	}
}
