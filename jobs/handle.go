package jobs

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/rigshift/rigshift/jobs/miners"
	"github.com/rigshift/rigshift/jobs/progress"
)

// Handle controls one started workload. It is safe for concurrent use.
type Handle struct{ r *run }

// Status is a snapshot of a workload.
type Status struct {
	ID       string
	Kind     Kind
	State    State
	PID      int        // the process group's leader; 0 when no process runs
	Started  time.Time  // when Start was called
	Ended    time.Time  // when a final state was reached; zero before
	Restarts int        // crash and watchdog restarts so far
	LastExit *Exit      // how the last process ended; nil before any
	Reason   StopReason // why the workload was stopped, in state Stopped
	// PausedFor is the time the thermal guard held the workload (SIGSTOP
	// for training, stopped for a miner), counted apart from running time;
	// PausedSince is set while it holds it now.
	PausedFor   time.Duration
	PausedSince time.Time
	HotGPU      string // the GPU that made the guard act, while held
	// HeldUntil is set while a miner held again within the hour stays
	// held, cool or not: until then at least.
	HeldUntil time.Time
	// Miners: the last stats read from the API (StatsAt zero before any)
	// and the last read error, if the last read failed.
	Stats    miners.Stats
	StatsAt  time.Time
	StatsErr string
	// Training: progress from the output and the RIGSHIFT_PROGRESS file.
	Progress progress.Progress
	LogPath  string // the run's log file; "" without Config.LogDir
}

// ID returns the workload's ID.
func (h *Handle) ID() string { return h.r.w.ID }

// Workload returns a copy of the workload's definition, without its
// secrets.
func (h *Handle) Workload() Workload {
	w := h.r.w
	w.Args, w.Env, w.GPUs = slices.Clone(w.Args), slices.Clone(w.Env), slices.Clone(w.GPUs)
	w.Secrets, w.Stats.Token, w.Config = nil, "", nil // secrets stay inside
	return w
}

// Status returns the workload's current status.
func (h *Handle) Status() Status { return h.r.status() }

// Tail returns the last lines of output, secrets masked.
func (h *Handle) Tail() []string { return h.r.tail.Lines() }

// Done is closed when the workload reached a final state (Stopped, Exited
// or Fatal) and its GPUs were checked.
func (h *Handle) Done() <-chan struct{} { return h.r.done }

// Stop stops the workload on purpose: SIGTERM to its process group and to
// its descendants that left the group (found by RunEnv), SIGKILL to what is
// left of them after Config.StopGrace, then — when Config.GPUProcesses is set —
// a bounded wait until no process of the group holds memory on its GPUs.
// A stopped workload is never restarted. Stop returns when all that is
// done: nil, an error wrapping ErrGPUsNotFreed, or ctx's error (the stop
// goes on regardless). Stopping an ended workload returns nil. It returns
// once the run has closed its files too (its log, a miner's config file).
func (h *Handle) Stop(ctx context.Context, reason StopReason) error {
	r := h.r
	if reason == NoStop {
		reason = StopUser // a stop is always on purpose
	}
	req := stopRequest{reason: reason, reply: make(chan error, 1)}
	select {
	case r.stopReq <- req:
	case <-r.done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("stopping %s: %w", r.w.ID, ctx.Err())
	}
	var err error
	select {
	case err = <-req.reply:
	case <-ctx.Done():
		return fmt.Errorf("stopping %s: %w", r.w.ID, ctx.Err())
	}
	// And until the run has closed its files: a miner's config file holds
	// its pool password, and a RigShift that quit at the reply left it.
	select {
	case <-r.done:
	case <-ctx.Done():
	}
	return err
}
