package main

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/ui"
)

// history makes up a month of telemetry, earnings and events.
type history struct {
	gpus   []hardware.GPUInfo
	now    time.Time
	recent *recent // the simulated rig's last minutes; nil for none
}

func newHistory(gpus []hardware.GPUInfo, now time.Time, r *recent) *history {
	return &history{gpus: gpus, now: now, recent: r}
}

func (h *history) Series(gpu string, m ui.Metric, from, to time.Time, maxPoints int) ([]ui.Point, error) {
	idx := 0
	for _, g := range h.gpus {
		if g.UUID == gpu {
			idx = g.Index
		}
	}
	step := to.Sub(from) / time.Duration(maxPoints)
	var pts []ui.Point
	for t := from; t.Before(to); t = t.Add(step) {
		if t.Before(h.now.Add(-26 * 24 * time.Hour)) {
			continue // RigShift was installed 26 days ago
		}
		v, ok := h.recent.at(idx, m, t)
		if !ok {
			v = h.wave(m, idx, t)
		}
		pts = append(pts, ui.Point{Time: t, Min: v - 2, Avg: v, Max: v + 2})
	}
	return pts, nil
}

// wave is a plausible metric: a daily rhythm and some noise around the
// level the simulated rig has now (or a made-up one), fading into it over
// the last hour so that the charts end where the live cards are.
func (h *history) wave(m ui.Metric, idx int, t time.Time) float32 {
	x := float64(t.Unix())
	day := math.Sin(x/86400*2*math.Pi + float64(idx))
	noise := math.Sin(x/97+float64(idx)*3) * math.Sin(x/613)
	fade := min(1, h.now.Sub(t).Hours()) // 0 now, 1 an hour ago and before
	level, ok := h.recent.level(idx, m)
	switch m {
	case ui.MetricTemp:
		if !ok {
			level = float32(62 + 4*float64(idx%3))
		}
		return level + float32(fade*(5*day+2*noise))
	case ui.MetricPower:
		if !ok {
			level = float32(190 + 20*float64(idx%4))
		}
		return level + float32(fade*(25*day+10*noise))
	}
	if !ok {
		level = 88
	}
	return float32(min(100, float64(level)+fade*(8*day+6*noise)))
}

// KnownGPUs is the simulated rig's: it has had no other cards.
func (h *history) KnownGPUs() ([]hardware.GPUInfo, error) { return h.gpus, nil }

func (h *history) EarningsByDay(from, to time.Time) ([]ui.DayEarnings, error) {
	var out []ui.DayEarnings
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		if d.Before(h.now.Add(-26 * 24 * time.Hour)) {
			continue
		}
		k := float64(d.YearDay())
		rent := math.Max(0, 9+8*math.Sin(k*1.7))
		out = append(out, ui.DayEarnings{Day: d, Currency: "USD", MiningRevenue: 2.6 + 0.4*math.Sin(k),
			MiningElectricity: 1.9 - rent/30, RentalRevenue: rent, RentalElectricity: rent / 6})
	}
	return out, nil
}

func (h *history) Events(from, to time.Time, limit int) ([]ui.Event, error) {
	g := func(i int) string { return h.gpus[i%len(h.gpus)].UUID }
	ago := func(d time.Duration) time.Time { return h.now.Add(-d) }
	evs := []ui.Event{
		{Time: ago(88 * time.Minute), Kind: "job-started", JobID: "J-0048", Message: "rental job started on 2 GPUs", Reason: "auto"},
		{Time: ago(88 * time.Minute), Kind: "mode", Message: "GPUs 0 and 1 moved from mining to renting", Reason: "auto"},
		{Time: ago(2 * time.Hour), Kind: "thermal", GPU: g(len(h.gpus) - 1), Message: "paused at 84 °C, resumes below 70 °C", Reason: "thermal"},
		{Time: ago(3 * time.Hour), Kind: "mode", Message: "switched to Auto", Reason: "user"},
		{Time: ago(9 * time.Hour), Kind: "restart", Message: "miner restarted after 0 H/s for 2 min (1 of 5)", Reason: "watchdog"},
		{Time: ago(20*time.Hour - 5*time.Hour - 12*time.Minute), Kind: "notice", JobID: "J-0044", Message: "notified: J-0044 finished, 10.4 GPU-hours, earned $4.68"},
		{Time: ago(29 * time.Hour), Kind: "job-failed", JobID: "J-0045", Message: "exited with code 1: CUDA out of memory", Reason: "crash"},
		{Time: ago(50 * time.Hour), Kind: "gpu-lost", GPU: g(3), Message: "fell off the bus (Xid 79); the other GPUs kept working", Reason: "gpu lost"},
		{Time: ago(51 * time.Hour), Kind: "mode", Message: "RigShift started in Auto", Reason: "restored"},
	}
	return evs, nil
}

func (h *history) ExportJobsCSV(w io.Writer) error {
	_, err := fmt.Fprintln(w, "id,client,state,gpus,started,ended,gpu_hours,energy_kwh,earned,currency")
	return err
}

func (h *history) ExportEarningsCSV(w io.Writer) error {
	_, err := fmt.Fprintln(w, "day,currency,mining_revenue,mining_electricity,rental_revenue,rental_electricity")
	return err
}

func (h *history) ExportTelemetryCSV(w io.Writer, gpu string, from, to time.Time) error {
	_, err := fmt.Fprintln(w, "time,gpu,resolution,samples")
	return err
}

func (h *history) Path() string { return "/home/owner/.local/share/rigshift/rigshift.db" }
