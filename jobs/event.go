package jobs

import (
	"fmt"
	"time"
)

// EventKind says what happened.
type EventKind uint8

// Event kinds.
const (
	EventState         EventKind = iota // the state changed from From to State
	EventExit                           // a process ended; Exit says how
	EventRestart                        // a miner will be restarted after Delay (Attempt counts them)
	EventFatal                          // given up; Exit is the last process's end
	EventStalled                        // a miner's API was silent or at 0 H/s for the stall time
	EventThermalHold                    // GPU at TempC stayed over the limit: the workload is stopped or paused
	EventThermalResume                  // the GPUs cooled; the workload resumes
	EventGPULost                        // GPU fell off the bus; its workload is stopped
	EventGPUsFreed                      // after the workload ended, its GPUs hold no memory of it (needs Config.GPUProcesses)
	EventGPUsBusy                       // its GPUs were still held when the wait ran out; Err says by whom
)

var eventNames = [...]string{"state", "exit", "restart", "fatal", "stalled", "thermal hold", "thermal resume", "GPU lost", "GPUs freed", "GPUs busy"}

// String names the kind, e.g. "thermal hold".
func (k EventKind) String() string {
	if int(k) < len(eventNames) {
		return eventNames[k]
	}
	return fmt.Sprintf("EventKind(%d)", uint8(k))
}

// MarshalText makes event kinds readable in JSON.
func (k EventKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Event is one thing that happened to a workload.
type Event struct {
	Time     time.Time
	Workload string // Workload.ID
	Kind     EventKind
	State    State // the state after the event
	From     State // for EventState: the state before
	Exit     *Exit // for EventExit, EventFatal and EventRestart (the end restarted after)
	GPU      string
	TempC    float64
	Delay    time.Duration
	Attempt  int
	Err      error
	PGID     int // for EventGPUsBusy: the process group whose memory is still on the GPUs
	// PIDs, for EventGPUsBusy: the processes the driver still lists on the
	// GPUs, those that had left the group among them (torchrun's workers).
	PIDs []int
}

// String renders the event as one log line.
func (e Event) String() string {
	s := fmt.Sprintf("%s %s: %s", e.Time.Format(time.TimeOnly), e.Workload, e.Kind)
	switch {
	case e.Kind == EventState:
		s += fmt.Sprintf(" %s → %s", e.From, e.State)
	case e.Kind == EventRestart:
		s += fmt.Sprintf(" #%d in %v", e.Attempt, e.Delay)
		if e.Exit != nil {
			s += ", after it " + e.Exit.String()
		}
	case e.Exit != nil:
		s += ", " + e.Exit.String()
	case e.Kind == EventThermalHold:
		s += fmt.Sprintf(" %s at %.0f °C", e.GPU, e.TempC)
	case e.GPU != "":
		s += " " + e.GPU
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}
