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

// startAt sets the clock to t until fastForward hands it back to real time.
func (c *demoClock) startAt(t time.Time) { c.at.Store(&t) }

// recent is what the simulated rig read in its last minutes, per GPU and
// second: the demo history answers from it, so that the sparklines' past
// leads to what the live feed shows, and the older wave joins it.
type recent struct {
	from   time.Time
	values map[ui.Metric][][]float32 // [metric][gpu][second]
	means  map[ui.Metric][]float32   // [metric][gpu]: where the made-up month is centred
}

// recorded are the metrics fastForward keeps, and how it reads each.
var recorded = map[ui.Metric]func(*hardware.GPUSample) float32{
	ui.MetricTemp:  func(s *hardware.GPUSample) float32 { return float32(s.TempC) },
	ui.MetricPower: func(s *hardware.GPUSample) float32 { return float32(s.PowerW) },
	ui.MetricLoad:  func(s *hardware.GPUSample) float32 { return float32(s.GPUUtil) },
}

// fastForward advances the simulated rig on clock from where the clock
// stands to now, one reading a second, recording the last recentSeconds,
// and hands the clock back to real time.
func fastForward(sim *hardware.Simulated, clock *demoClock, now time.Time) *recent {
	n := len(sim.GPUs())
	r := &recent{from: now.Add(-recentSeconds * time.Second),
		values: map[ui.Metric][][]float32{}, means: map[ui.Metric][]float32{}}
	for m := range recorded {
		r.values[m] = make([][]float32, n)
	}
	var s hardware.GPUSample
	for t := clock.now(); t.Before(now); t = t.Add(time.Second) {
		clock.at.Store(&t)
		for i := range n {
			if sim.Read(i, &s) != nil {
				s = hardware.GPUSample{}
			}
			if !t.Before(r.from) {
				for m, read := range recorded {
					r.values[m][i] = append(r.values[m][i], read(&s))
				}
			}
		}
	}
	clock.at.Store(nil)
	for m, gpus := range r.values {
		for _, vs := range gpus {
			var sum float32
			for _, v := range vs {
				sum += v
			}
			r.means[m] = append(r.means[m], sum/float32(max(1, len(vs))))
		}
	}
	return r
}

// at is GPU idx's metric m at t, when t falls in the recorded minutes.
func (r *recent) at(idx int, m ui.Metric, t time.Time) (float32, bool) {
	if r == nil || idx >= len(r.values[m]) || t.Before(r.from) {
		return 0, false
	}
	vs := r.values[m][idx]
	if sec := int(t.Sub(r.from) / time.Second); sec < len(vs) {
		return vs[sec], true
	}
	return 0, false
}

// level is GPU idx's average of metric m over the recorded minutes.
func (r *recent) level(idx int, m ui.Metric) (float32, bool) {
	if r == nil || idx >= len(r.means[m]) || len(r.values[m][idx]) == 0 {
		return 0, false
	}
	return r.means[m][idx], true
}
