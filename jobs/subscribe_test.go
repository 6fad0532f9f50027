package jobs

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestHubDropOldest(t *testing.T) {
	var h hub
	s := h.add(3)
	for i := range 10 {
		h.publish(Event{Attempt: i})
	}
	if s.Dropped() != 7 {
		t.Fatalf("dropped %d", s.Dropped())
	}
	for _, want := range []int{7, 8, 9} {
		if e := <-s.C(); e.Attempt != want {
			t.Fatalf("got %d, want %d", e.Attempt, want)
		}
	}
	s.Close()
	s.Close()
	if _, ok := <-s.C(); ok {
		t.Fatal("channel open after Close")
	}
	h.publish(Event{}) // no subscriber left: fine
}

func TestStrings(t *testing.T) {
	for v, want := range map[interface{ String() string }]string{
		Running: "Running", Fatal: "Fatal", State(42): "State(42)",
		Mining: "mining", Training: "training",
		StopModeSwitch: "mode switch", StopGPULost: "GPU lost",
		EventThermalHold: "thermal hold",
		Exit{Outcome: Signaled, Signal: "SIGSEGV"}:                  "killed by signal SIGSEGV",
		Exit{Outcome: StartFailed, Err: errors.New("no such file")}: "could not start: no such file",
		Exit{Outcome: Succeeded}:                                    "succeeded",
	} {
		if got := v.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", v, got, want)
		}
	}
	e := Event{Time: time.Date(2025, 1, 1, 9, 30, 0, 0, time.UTC), Workload: "miner", Kind: EventThermalHold, GPU: "GPU-a", TempC: 85.4}
	if s := e.String(); s != "09:30:00 miner: thermal hold GPU-a at 85 °C" {
		t.Errorf("event string %q", s)
	}
	if !Stopped.Final() || Running.Final() || !strings.Contains(Event{Kind: EventState, From: Running, State: Stopping}.String(), "Running → Stopping") {
		t.Error("Final/String")
	}
}
