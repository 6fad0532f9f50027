package control

import (
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/hardware"
)

// hangingRig is a simulated rig whose process lists hang until released.
type hangingRig struct {
	*hardware.Simulated
	release chan struct{}
	calls   chan int
}

func (h *hangingRig) Processes(i int) ([]hardware.GPUProcess, error) {
	h.calls <- i
	<-h.release
	return h.Simulated.Processes(i)
}

// A process list that hangs (a sick GPU) gives up after the timeout, and
// is not asked again while it hangs; the answer comes back once it does.
// Unbounded, it froze the controller: a blocked GPU is looked at every
// heartbeat under the controller's lock.
func TestHungProcessListGivesUp(t *testing.T) {
	sim, err := hardware.NewSimulated(1, hardware.SimOptions{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	rig := &hangingRig{Simulated: sim, release: make(chan struct{}), calls: make(chan int, 10)}
	p := newGPUProcesses(rig)
	p.timeout = 50 * time.Millisecond
	uuid := sim.GPUs()[0].UUID

	start := time.Now()
	if _, err := p.ComputePIDs(uuid); err == nil || !strings.Contains(err.Error(), "did not list its processes") {
		t.Fatalf("a hung list = %v", err)
	}
	if _, err := p.ComputePIDs(uuid); err == nil {
		t.Fatal("the second ask, while the first hangs, answered")
	}
	if waited := time.Since(start); waited > 5*time.Second {
		t.Errorf("two asks took %v", waited)
	}
	if n := len(rig.calls); n != 1 {
		t.Errorf("the backend was asked %d times while hung, want once", n)
	}

	close(rig.release)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := p.ComputePIDs(uuid); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the list never came back after the GPU answered")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
