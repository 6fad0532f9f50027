package jobs

import (
	"fmt"
	"time"

	"github.com/rigshift/rigshift/jobs/proc"
)

// StopReason says why RigShift stopped a workload on purpose. It decides
// whether the workload comes back and what the owner is told.
type StopReason uint8

// Stop reasons. StopUser, StopModeSwitch, StopShutdown and StopTimeLimit are
// what callers pass to Handle.Stop; the supervisor uses the others itself.
const (
	NoStop         StopReason = iota // the process ended by itself
	StopUser                         // the owner asked
	StopModeSwitch                   // the mode changed (e.g. mining → renting)
	StopShutdown                     // RigShift is quitting
	StopThermal                      // the thermal guard: its GPU ran too hot
	StopWatchdog                     // the miner stalled (API silent or 0 H/s)
	StopGPULost                      // its GPU fell off the bus
	StopTimeLimit                    // a job had its longest run
)

var reasonNames = [...]string{"", "user", "mode switch", "shutdown", "thermal guard", "watchdog", "GPU lost", "time limit"}

// String names the reason, e.g. "mode switch".
func (r StopReason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return fmt.Sprintf("StopReason(%d)", uint8(r))
}

// MarshalText makes reasons readable in JSON.
func (r StopReason) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Outcome classifies how a process ended.
type Outcome uint8

// Outcomes.
const (
	Succeeded   Outcome = iota // exit code 0
	Failed                     // non-zero exit code
	Signaled                   // killed by a signal RigShift did not send
	StoppedBy                  // RigShift stopped it; Exit.Reason says why
	StartFailed                // it could not be started at all
)

// Exit records how one process of a workload ended.
type Exit struct {
	Outcome Outcome
	Reason  StopReason // for StoppedBy
	Code    int        // exit code, -1 when a signal ended it
	Signal  string     // e.g. "SIGSEGV"; "" when it exited
	Err     error      // for StartFailed, or a process that would not die
	At      time.Time
}

// String says how the process ended, in words for the owner.
func (e Exit) String() string {
	switch e.Outcome {
	case Succeeded:
		return "succeeded"
	case Failed:
		return fmt.Sprintf("failed with code %d", e.Code)
	case Signaled:
		return "killed by signal " + e.Signal
	case StoppedBy:
		return "stopped by " + e.Reason.String()
	case StartFailed:
		return fmt.Sprintf("could not start: %v", e.Err)
	}
	return "unknown"
}

// classify turns a process result into an Exit; reason is NoStop for a
// process that ended by itself, and so is one a stop found already ended
// (a job that finished just as the mode switched succeeded).
func classify(res proc.Result, reason StopReason, at time.Time) Exit {
	if res.EndedFirst {
		reason = NoStop
	}
	e := Exit{Reason: reason, Code: res.Code, Signal: res.Signal, Err: res.Err, At: at}
	switch {
	case reason != NoStop:
		e.Outcome = StoppedBy
	case res.Signal != "":
		e.Outcome = Signaled
	case res.Code == 0 && res.Err == nil:
		e.Outcome = Succeeded
	default:
		e.Outcome = Failed
	}
	return e
}
