package jobs

import (
	"fmt"
	"strconv"
	"time"
)

// Words says what happened in plain words for the rig owner: RigShift
// writes it among the workload's output, which the window's job details
// and `rigshift job logs` show. String stays the terse form with the
// supervisor's names, for developers; k says whether it is "the job" or
// "the miner"; index numbers the GPUs as the owner knows them (NVML's
// index by UUID): a GPU not in it is named by its UUID.
func (e Event) Words(k Kind, index map[string]int) string {
	if i, ok := index[e.GPU]; ok {
		e.GPU = strconv.Itoa(i)
	}
	who := "the job"
	if k == Mining {
		who = "the miner"
	}
	s := e.what(who, k)
	if e.Err != nil && (e.Exit == nil || e.Exit.Outcome != StartFailed) && e.Kind != EventGPUsBusy {
		s += " (" + e.Err.Error() + ")" // a start's error is in its exit's words already
	}
	return s
}

func (e Event) what(who string, k Kind) string {
	switch e.Kind {
	case EventState:
		return who + " " + stateWords(e.State)
	case EventExit:
		return who + "'s process " + exitWords(e.Exit)
	case EventRestart:
		return fmt.Sprintf("%s starts again in %s (restart %d)", who, delayWords(e.Delay), e.Attempt)
	case EventFatal:
		switch {
		case e.Exit == nil:
			return "RigShift gave up on " + who
		case e.Exit.Outcome == StartFailed:
			return "RigShift gave up on " + who + ": its process " + exitWords(e.Exit)
		}
		return fmt.Sprintf("RigShift gave up on %s after %d restarts; its last process %s", who, e.Attempt, exitWords(e.Exit))
	case EventStalled:
		return who + " stalled: its stats API was silent or at 0 H/s for too long"
	case EventThermalHold:
		held := "is paused" // a training job is frozen; a miner is ended
		if k == Mining {
			held = "is stopped"
		}
		return fmt.Sprintf("GPU %s reached %.0f °C: %s %s until it cools", e.GPU, e.TempC, who, held)
	case EventThermalResume:
		return fmt.Sprintf("GPU %s cooled down: %s resumes", e.GPU, who)
	case EventGPULost:
		return fmt.Sprintf("GPU %s fell off the bus: %s is stopped", e.GPU, who)
	case EventGPUsFreed:
		return who + "'s GPUs are free: none of its memory is left on them"
	case EventGPUsBusy:
		if e.Err != nil {
			return who + "'s GPUs still hold its memory: " + e.Err.Error()
		}
		return who + "'s GPUs still hold its memory"
	}
	return who + ": " + e.Kind.String()
}

// stateWords completes "the job …" for a state.
func stateWords(s State) string {
	switch s {
	case Stopped:
		return "is stopped"
	case Starting:
		return "is starting"
	case Running:
		return "is running"
	case Paused:
		return "is paused"
	case Backoff:
		return "waits to be started again"
	case Stopping:
		return "is being stopped"
	case Exited:
		return "has ended"
	case Fatal:
		return "was given up"
	}
	return "is in state " + s.String()
}

// exitWords completes "its process …" for how a process ended.
func exitWords(x *Exit) string {
	if x == nil {
		return "ended"
	}
	switch x.Outcome {
	case Succeeded:
		return "succeeded (exit code 0)"
	case Failed:
		return fmt.Sprintf("exited with code %d", x.Code)
	case Signaled:
		return "was killed by signal " + x.Signal
	case StoppedBy:
		return "was stopped " + stopWords(x.Reason)
	case StartFailed:
		return fmt.Sprintf("could not be started: %v", x.Err)
	}
	return "ended"
}

// stopWords completes "its process was stopped …" with why RigShift
// stopped it. A job stopped "at your request" was cancelled or had its
// GPU set aside.
func stopWords(r StopReason) string {
	switch r {
	case StopUser:
		return "at your request"
	case StopModeSwitch:
		return "because the mode changed"
	case StopShutdown:
		return "because RigShift is quitting"
	case StopThermal:
		return "because its GPU ran too hot"
	case StopWatchdog:
		return "because it stalled"
	case StopGPULost:
		return "because its GPU fell off the bus"
	case StopTimeLimit:
		return "at its time limit"
	}
	return "(" + r.String() + ")"
}

// delayWords writes a restart's delay as the window writes times: "5 s",
// "2 min 40 s", not Go's "2m40s".
func delayWords(d time.Duration) string {
	d = d.Round(time.Second)
	m, s := int(d/time.Minute), int(d%time.Minute/time.Second)
	switch {
	case m == 0:
		return fmt.Sprintf("%d s", s)
	case s == 0:
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d min %d s", m, s)
}
