package main

import (
	"sync/atomic"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/ui"
)

// The demo runs the simulated rig through its last warmUp before the
// window opens, at its workloads, so that the cards show a rig that has
// been busy a while; the last recentSeconds of it are recorded, what the
// cards' sparklines show.
const (
	warmUp        = 10 * time.Minute
	recentSeconds = 120
)

// demoClock is the simulated rig's clock: real time, except while the
// demo fast-forwards through the rig's recent past.
type demoClock struct{ at atomic.Pointer[time.Time] }

func (c *demoClock) now() time.Time {
	if t := c.at.Load(); t != nil {
		return *t
	}
	return time.Now()
}

// recent is what the simulated rig read in its last minutes, per GPU and
// second: the demo history answers from it, so that the sparklines' past
// leads to what the live feed shows, and the older wave joins it.
type recent struct {
	from  time.Time
	temp  [][]float32 // [gpu][second]
	power [][]float32
	load  [][]float32
}

// startAt sets the clock to t until fastForward hands it back to real time.
func (c *demoClock) startAt(t time.Time) { c.at.Store(&t) }

// fastForward advances the simulated rig on clock from where the clock stands to
// now, one reading a second, recording the last recentSeconds, and hands
// the clock back to real time.
func fastForward(sim *hardware.Simulated, clock *demoClock, now time.Time) *recent {
	n := len(sim.GPUs())
	r := &recent{from: now.Add(-recentSeconds * time.Second),
		temp: make([][]float32, n), power: make([][]float32, n), load: make([][]float32, n)}
	var s hardware.GPUSample
	for t := clock.now(); t.Before(now); t = t.Add(time.Second) {
		clock.at.Store(&t)
		for i := range n {
			if sim.Read(i, &s) != nil {
				s = hardware.GPUSample{}
			}
			if !t.Before(r.from) {
				r.temp[i] = append(r.temp[i], float32(s.TempC))
				r.power[i] = append(r.power[i], float32(s.PowerW))
				r.load[i] = append(r.load[i], float32(s.GPUUtil))
			}
		}
	}
	clock.at.Store(nil)
	return r
}

// at is GPU idx's metric m at t, when t falls in the recorded minutes.
func (r *recent) at(idx int, m ui.Metric, t time.Time) (float32, bool) {
	if r == nil || idx >= len(r.temp) {
		return 0, false
	}
	sec := int(t.Sub(r.from) / time.Second)
	if t.Before(r.from) || sec >= len(r.temp[idx]) {
		return 0, false
	}
	switch m {
	case ui.MetricTemp:
		return r.temp[idx][sec], true
	case ui.MetricPower:
		return r.power[idx][sec], true
	}
	return r.load[idx][sec], true
}

// level is GPU idx's average of metric m over the recorded minutes: where
// the made-up month of history is centred.
func (r *recent) level(idx int, m ui.Metric) (float32, bool) {
	if r == nil || idx >= len(r.temp) || len(r.temp[idx]) == 0 {
		return 0, false
	}
	var sum float32
	for sec := range r.temp[idx] {
		v, _ := r.at(idx, m, r.from.Add(time.Duration(sec)*time.Second))
		sum += v
	}
	return sum / float32(len(r.temp[idx])), true
}
