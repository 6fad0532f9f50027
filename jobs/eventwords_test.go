package jobs

import (
	"errors"
	"testing"
	"time"
)

func TestEventWords(t *testing.T) {
	fail := Exit{Outcome: Failed, Code: 1}
	for _, c := range []struct {
		e    Event
		kind Kind
		want string
	}{
		{Event{Kind: EventState, From: Running, State: Exited}, Training, "the job has ended"},
		{Event{Kind: EventState, From: Stopping, State: Stopped}, Mining, "the miner is stopped"},
		{Event{Kind: EventExit, Exit: &Exit{Outcome: Succeeded}}, Training, "the job's process succeeded (exit code 0)"},
		{Event{Kind: EventExit, Exit: &Exit{Outcome: Signaled, Signal: "SIGSEGV"}}, Training, "the job's process was killed by signal SIGSEGV"},
		{Event{Kind: EventExit, Exit: &Exit{Outcome: StoppedBy, Reason: StopTimeLimit}}, Training, "the job's process was stopped at its time limit"},
		{Event{Kind: EventExit, Exit: &Exit{Outcome: StoppedBy, Reason: StopUser}}, Training, "the job's process was stopped at your request"},
		{Event{Kind: EventExit, Exit: &Exit{Outcome: StoppedBy, Reason: StopModeSwitch}}, Mining, "the miner's process was stopped because the mode changed"},
		{Event{Kind: EventExit, Exit: &Exit{Outcome: StoppedBy, Reason: StopShutdown}, Err: errors.New("group still alive")}, Mining,
			"the miner's process was stopped because RigShift is quitting (group still alive)"},
		{Event{Kind: EventRestart, Delay: 5 * time.Second, Attempt: 2}, Mining, "the miner starts again in 5 s (restart 2)"},
		{Event{Kind: EventRestart, Delay: 160 * time.Second, Attempt: 5}, Mining, "the miner starts again in 2 min 40 s (restart 5)"},
		{Event{Kind: EventFatal, Exit: &fail, Attempt: 3}, Mining, "RigShift gave up on the miner after 3 restarts; its last process exited with code 1"},
		{Event{Kind: EventFatal, Exit: &Exit{Outcome: StartFailed, Err: errors.New("no such file")}, Err: errors.New("no such file")}, Training,
			"RigShift gave up on the job: its process could not be started: no such file"},
		{Event{Kind: EventStalled}, Mining, "the miner stalled: its stats API was silent or at 0 H/s for too long"},
		{Event{Kind: EventThermalHold, GPU: "GPU-a", TempC: 85.4}, Training, "GPU 1 reached 85 °C: the job is paused until it cools"},
		{Event{Kind: EventThermalHold, GPU: "GPU-a", TempC: 85.4}, Mining, "GPU 1 reached 85 °C: the miner is stopped until it cools"},
		{Event{Kind: EventThermalResume, GPU: "GPU-a"}, Training, "GPU 1 cooled down: the job resumes"},
		{Event{Kind: EventGPULost, GPU: "GPU-a"}, Training, "GPU 1 fell off the bus: the job is stopped"},
		{Event{Kind: EventGPULost, GPU: "GPU-b"}, Training, "GPU GPU-b fell off the bus: the job is stopped"}, // not in the index: its UUID
		{Event{Kind: EventGPUsFreed}, Training, "the job's GPUs are free: none of its memory is left on them"},
		{Event{Kind: EventGPUsBusy, Err: errors.New("GPU memory not freed: GPU-a held by PIDs [42]")}, Training,
			"the job's GPUs still hold its memory: GPU memory not freed: GPU-a held by PIDs [42]"},
	} {
		if got := c.e.Words(c.kind, map[string]int{"GPU-a": 1}); got != c.want {
			t.Errorf("%v.Words(%v) = %q, want %q", c.e, c.kind, got, c.want)
		}
	}
}
