package jobs

import (
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/proc"
)

// How a run ended, from the process's result and the stop asked for: a
// stop that found the process already ended leaves the exit its own.
func TestClassify(t *testing.T) {
	for _, tt := range []struct {
		res    proc.Result
		reason StopReason
		want   Outcome
	}{
		{proc.Result{Code: 0}, NoStop, Succeeded},
		{proc.Result{Code: 3}, NoStop, Failed},
		{proc.Result{Code: -1, Signal: "SIGSEGV"}, NoStop, Signaled},
		{proc.Result{Code: -1, Signal: "SIGTERM"}, StopModeSwitch, StoppedBy},
		{proc.Result{Code: 0}, StopModeSwitch, StoppedBy}, // it trapped SIGTERM and exited
		{proc.Result{Code: 0, EndedFirst: true}, StopModeSwitch, Succeeded},
		{proc.Result{Code: 1, EndedFirst: true}, StopUser, Failed},
	} {
		e := classify(tt.res, tt.reason, time.Now())
		if e.Outcome != tt.want || (tt.res.EndedFirst && e.Reason != NoStop) {
			t.Errorf("classify(%+v, %v) = %v (reason %v), want %v", tt.res, tt.reason, e.Outcome, e.Reason, tt.want)
		}
	}
}
