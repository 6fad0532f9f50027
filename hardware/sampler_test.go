//go:build linux

package hardware

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/NVIDIA/go-nvml/pkg/nvml"
)

func newTestSampler(t *testing.T, b Backend, budget time.Duration) *Sampler {
	t.Helper()
	s := NewSampler(b, nil, SamplerOptions{Interval: time.Second, Budget: budget})
	t.Cleanup(s.Close)
	return s
}

// A GPU lost mid-run shows as lost; the other seven keep updating.
func TestSamplerLostGPUMidRun(t *testing.T) {
	rig := newMockRig(t)
	var lost atomic.Bool
	var temp atomic.Uint32
	temp.Store(50)
	for i := range 8 {
		rig.device(i).GetTemperatureFunc = func(nvml.TemperatureSensors) (uint32, nvml.Return) {
			if i == 6 && lost.Load() {
				return 0, nvml.ERROR_GPU_IS_LOST
			}
			return temp.Load(), nvml.SUCCESS
		}
	}
	s := newTestSampler(t, openMock(t, rig), 5*time.Second)
	first := s.Pass()
	lost.Store(true)
	temp.Store(61)
	second := s.Pass()
	for i, g := range second.GPUs {
		switch {
		case i == 6 && g.State != GPULost:
			t.Errorf("GPU 6 state = %v, want lost", g.State)
		case i != 6 && (g.State != GPUOK || g.TempC != 61):
			t.Errorf("GPU %d = %v at %d °C, want ok at 61 °C", i, g.State, g.TempC)
		}
	}
	if first.GPUs[6].State != GPUOK || second.GPUs[6].UUID != first.GPUs[6].UUID {
		t.Errorf("GPU 6 before loss = %+v", first.GPUs[6])
	}
	third := s.Pass()
	if third.GPUs[6].State != GPULost || rig.Calls(6, "power") != 1 {
		t.Errorf("lost GPU re-read: state %v, %d power calls", third.GPUs[6].State, rig.Calls(6, "power"))
	}
}

// A call that hangs for seconds costs one pass its budget and marks that GPU
// as not responding; the others are fresh, and the GPU recovers afterwards.
func TestSamplerHungCall(t *testing.T) {
	rig := newMockRig(t)
	release := make(chan struct{})
	var hang atomic.Bool
	hang.Store(true)
	rig.device(3).GetPowerUsageFunc = func() (uint32, nvml.Return) {
		if hang.Load() {
			<-release // a sick GPU: the call does not come back
		}
		return 123_000, nvml.SUCCESS
	}
	s := newTestSampler(t, openMock(t, rig), 100*time.Millisecond)
	snap := s.Pass() // must come back although GPU 3 never answers
	if snap.GPUs[3].State != GPUNotResponding {
		t.Errorf("hung GPU state = %v, want not responding", snap.GPUs[3].State)
	}
	for i, g := range snap.GPUs {
		if i != 3 && (g.State != GPUOK || g.PowerW != 250.5) {
			t.Errorf("GPU %d = %v %v W, want fresh", i, g.State, g.PowerW)
		}
	}
	before := rig.Calls(3, "temp")
	s.Pass() // still hung: the sampler must not pile up more calls
	if rig.Calls(3, "temp") != before {
		t.Error("a second read was started on a GPU whose first read hangs")
	}
	hang.Store(false)
	close(release)
	waitFor(t, func() bool { g := s.Pass().GPUs[3]; return g.State == GPUOK && g.PowerW == 123 })
}

// A subscriber that never reads does not block the sampler, and gets the
// latest snapshot when it finally looks.
func TestSamplerSlowSubscriber(t *testing.T) {
	sim, err := NewSimulated(2, SimOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSampler(sim, nil, SamplerOptions{Interval: 5 * time.Millisecond})
	ch, cancel := s.Subscribe()
	defer cancel()
	ctx, stop := context.WithCancel(context.Background())
	go s.Run(ctx)
	waitFor(t, func() bool { l := s.Latest(); return l != nil && l.Seq >= 20 })
	stop()
	got := <-ch
	if got.Seq < 2 || len(got.GPUs) != 2 {
		t.Errorf("slow subscriber got seq %d with %d GPUs", got.Seq, len(got.GPUs))
	}
}

func TestSamplerWithoutGPUsStillReadsHost(t *testing.T) {
	s := NewSampler(nil, NewHost(), SamplerOptions{})
	defer s.Close()
	snap := s.Pass()
	if len(snap.GPUs) != 0 || snap.HostErr != nil || snap.Host.MemTotal == 0 {
		t.Errorf("snapshot = %+v", snap)
	}
	if snap.Host.CPUPct < 0 || snap.Host.CPUPct > 100 || snap.Host.MemUsed > snap.Host.MemTotal {
		t.Errorf("implausible host reading %+v", snap.Host)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// slowHost answers after d, with an error.
type slowHost struct{ d time.Duration }

func (h slowHost) Read(*HostSample) error { time.Sleep(h.d); return errors.New("sensors flaky") }

// A host reader slower than the budget is reported slow, and its error is
// read only once it answered (go test -race: it was read while written).
func TestSamplerSlowHost(t *testing.T) {
	s := NewSampler(nil, slowHost{40 * time.Millisecond}, SamplerOptions{Interval: 20 * time.Millisecond, Budget: 5 * time.Millisecond})
	defer s.Close()
	var errs []error
	for range 6 {
		errs = append(errs, s.Pass().HostErr)
		time.Sleep(30 * time.Millisecond)
	}
	if !errors.Is(errs[0], errHostSlow) {
		t.Errorf("first pass: %v, want the host reported slow", errs[0])
	}
	for _, err := range errs {
		if err == nil {
			t.Errorf("a pass reported the flaky host fine: %v", errs)
		}
	}
}
