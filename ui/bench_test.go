package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// benchDashboard is the dashboard of 8 simulated GPUs in a window, and
// two different snapshots to alternate, so every tick changes values.
func benchDashboard(b *testing.B) (*dashboard, [2]hardware.Snapshot) {
	testApp(b)
	rig, sim, sampler := simRig(b, 8)
	d := newDashboard(rig, newFakeController(), navigator{})
	w := test.NewWindow(d.build())
	w.Resize(defaultSize)
	b.Cleanup(w.Close)
	var snaps [2]hardware.Snapshot
	snaps[0] = sampler.Pass()
	for i := range 8 {
		_ = sim.SetLoad(i, 0.3)
	}
	snaps[1] = sampler.Pass()
	return d, snaps
}

// BenchmarkCardsTick8 is one telemetry tick on the dashboard: 8 GPU cards
// (temperature, four gauges, status, clocks, sparkline) and the host.
func BenchmarkCardsTick8(b *testing.B) {
	d, snaps := benchDashboard(b)
	i := 0
	for b.Loop() {
		d.update(&snaps[i%2], true)
		i++
	}
}

// BenchmarkCardsTick8Drawn adds what the tick costs the painter that is
// RigShift's own: each card's sparkline raster, at 440×48 px.
func BenchmarkCardsTick8Drawn(b *testing.B) {
	d, snaps := benchDashboard(b)
	i := 0
	for b.Loop() {
		d.update(&snaps[i%2], true)
		for _, c := range d.cards {
			c.spark.draw(440, 48)
		}
		i++
	}
}

// BenchmarkCardsTick8Hidden is the same tick with the window in the tray.
func BenchmarkCardsTick8Hidden(b *testing.B) {
	d, snaps := benchDashboard(b)
	i := 0
	for b.Loop() {
		d.update(&snaps[i%2], false)
		i++
	}
}

// BenchmarkStatus8 is one controller status on the dashboard: the mode
// switch, the money line, the notices and 8 cards' workloads.
func BenchmarkStatus8(b *testing.B) {
	d, _ := benchDashboard(b)
	var st [2]control.Status
	for i, c := range d.cards {
		st[0].GPUs = append(st[0].GPUs, control.GPUStatus{UUID: c.info.UUID, Work: "mining", HashRate: float64(40e6 + i)})
		st[1].GPUs = append(st[1].GPUs, control.GPUStatus{UUID: c.info.UUID, Work: "mining", HashRate: float64(41e6 + i)})
	}
	i := 0
	for b.Loop() {
		d.showStatus(st[i%2])
		i++
	}
}

// BenchmarkRelayout8 is the whole dashboard laid out again, as after a
// notice, a job's bar or a hot note came or went (never at a plain tick).
func BenchmarkRelayout8(b *testing.B) {
	d, _ := benchDashboard(b)
	for b.Loop() {
		d.relayout()
	}
}

// BenchmarkSparklineDraw is one card's sparkline raster, 440×48 px, full.
func BenchmarkSparklineDraw(b *testing.B) {
	s := newSparkline()
	for i := range sparkPoints {
		s.push(60+float64(i%20), 0.8)
	}
	for b.Loop() {
		s.draw(440, 48)
	}
}

// BenchmarkChartDraw8 is one history chart raster, 900×170 px, with 8
// GPUs of 400 points each.
func BenchmarkChartDraw8(b *testing.B) {
	testApp(b)
	c := newChart("Power", "W", 170)
	d := chartData{from: 0, to: 3600}
	for g := range 8 {
		s := chartSeries{name: "GPU", colour: seriesColour(g)}
		for i := range chartPoints {
			s.xs = append(s.xs, float64(i*9))
			s.ys = append(s.ys, float64(200+g*10+i%17))
		}
		d.series = append(d.series, s)
	}
	r := newChartRenderer(c)
	c.data = d
	r.Refresh()
	for b.Loop() {
		r.draw(900, 170)
	}
}
