package jobs

import "fmt"

// State is where a workload is in its life (supervisord's model).
type State uint8

// Workload states. Stopped, Exited and Fatal are final.
const (
	Stopped  State = iota // stopped on purpose (user, mode switch, lost GPU, shutdown)
	Starting              // the process is being started
	Running               // the process runs
	Paused                // held by the thermal guard: a training job is SIGSTOPped, a miner is stopped until its GPU cools
	Backoff               // a miner crashed or stalled and waits to be restarted
	Stopping              // SIGTERM sent; waiting for the process group to end
	Exited                // ended by itself (a training job finished or failed)
	Fatal                 // given up: could not start, or restarted too often
)

var stateNames = [...]string{"Stopped", "Starting", "Running", "Paused", "Backoff", "Stopping", "Exited", "Fatal"}

// String names the state, e.g. "Running".
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// MarshalText makes states readable in JSON.
func (s State) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Final reports whether the workload has ended for good.
func (s State) Final() bool { return s == Stopped || s == Exited || s == Fatal }
