package jobs

import (
	"context"
	"testing"
	"time"
)

// New limits apply to workloads started afterwards, and to the running
// ones: a job that runs for days is not left at a limit the owner lowered.
func TestSetGuardsAppliesToNewAndRunningWorkloads(t *testing.T) {
	s := NewSupervisor(Config{})
	defer func() { _ = s.Shutdown(context.Background()) }()
	before, err := s.Start(Workload{ID: "a", Kind: Training, Path: "/bin/true"})
	if err != nil {
		t.Fatal(err)
	}
	s.SetGuards(90, 60, time.Minute)
	s.SetGuards(0, 0, 0) // zero keeps the values
	after, err := s.Start(Workload{ID: "b", Kind: Training, Path: "/bin/true"})
	if err != nil {
		t.Fatal(err)
	}
	if c := after.r.cfg; c.ThermalLimitC != 90 || c.ResumeBelowC != 60 || c.StallAfter != time.Minute {
		t.Errorf("new workload's guards: %v °C, %v °C, %v", c.ThermalLimitC, c.ResumeBelowC, c.StallAfter)
	}
	before.r.mu.Lock()
	c := before.r.cfg
	before.r.mu.Unlock()
	if c.ThermalLimitC != 90 || c.ResumeBelowC != 60 || c.StallAfter != time.Minute {
		t.Errorf("running workload's guards: %v °C, %v °C, %v", c.ThermalLimitC, c.ResumeBelowC, c.StallAfter)
	}
}
