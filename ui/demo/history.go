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
			MiningElectricity: 1.9 - rent/30, RentalRevenue: rent, RentalElectricity: rent / 6,
			IdleElectricity: math.Max(0, 0.5*math.Sin(k*0.9))}) // some days idled for a while

	}
	return out, nil
}

// Events are what the controller records, in its words: a rented pair of
// GPUs, a hot card, a miner restart, a finished and a failed job, a lost GPU.
func (h *history) Events(from, to time.Time, limit int) ([]ui.Event, error) {
	n := len(h.gpus)
	g := func(i int) string { return h.gpus[i%n].UUID }
	hot, lost := (n-1)%n, 3%n
	ago := func(d time.Duration) time.Time { return h.now.Add(-d) }
	evs := []ui.Event{
		{Time: ago(88 * time.Minute), Kind: "job-started", JobID: "J-0048", Title: "Job J-0048 for acme-ai started",
			Message: "acme-ai's job started on GPUs 0, 1"},
		{Time: ago(89 * time.Minute), Kind: "notice:mode-change", Title: "Auto: GPUs go to a rental job",
			Message: "Mining stops on GPUs 0, 1 for job J-0048 (acme-ai)."},
		{Time: ago(100 * time.Minute), Kind: "gpu-cooled", GPU: g(hot),
			Title:   fmt.Sprintf("GPU %d cooled down", hot),
			Message: fmt.Sprintf("GPU %d is cool again: the miner resumes.", hot)},
		{Time: ago(2 * time.Hour), Kind: "notice:thermal", GPU: g(hot),
			Title:   fmt.Sprintf("GPU %d is too hot", hot),
			Message: fmt.Sprintf("GPU %d reached 84 °C: the miner is held until it cools below 70 °C.", hot)},
		{Time: ago(3 * time.Hour), Kind: "mode", Message: "auto", Reason: "user"},
		{Time: ago(9 * time.Hour), Kind: "restart", GPU: g(2),
			Message: fmt.Sprintf("The miner on GPU %d crashed (exited with code 1) and starts again in 10 s (restart 1)", 2%n)},
		{Time: ago(20*time.Hour - 5*time.Hour - 12*time.Minute), Kind: "notice:job-done", JobID: "J-0044", Title: "Job J-0044 for acme-ai finished",
			Message: "acme-ai's job finished: 5 h 12 min on 2 GPUs, 10.40 GPU-hours, earned $4.68."},
		{Time: ago(29 * time.Hour), Kind: "notice:job-failed", JobID: "J-0045", Title: "Job J-0045 for pixel-labs failed",
			Message: "pixel-labs's job failed with code 1. 47 min on 1 GPU, 0.78 GPU-hours, earned $0.31.\n" +
				"Last output:\n  File \"train.py\", line 88, in <module>\n" +
				"torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB"},
		{Time: ago(50 * time.Hour), Kind: "notice:gpu-lost", GPU: g(lost), Title: fmt.Sprintf("GPU %d was lost", lost),
			Message: fmt.Sprintf("GPU %d (%s) fell off the bus. Its work stopped; the other GPUs keep working. "+
				"Check its riser and power cable, then reboot.", lost, h.gpus[lost].Name)},
		{Time: ago(51 * time.Hour), Kind: "mode", Message: "mine", Reason: "restored"},
	}
	return evs, nil
}

func (h *history) ExportJobsCSV(w io.Writer) error {
	_, err := fmt.Fprintln(w, "id,client,state,gpus,started,ended,gpu_hours,energy_kwh,earned,currency")
	return err
}

func (h *history) ExportEarningsCSV(w io.Writer, from, to time.Time) error {
	_, err := fmt.Fprintln(w, "day,currency,mining_revenue,mining_electricity,rental_revenue,rental_electricity")
	return err
}

func (h *history) ExportTelemetryCSV(w io.Writer, gpu string, from, to time.Time) error {
	_, err := fmt.Fprintln(w, "time,gpu,resolution,samples")
	return err
}

func (h *history) Path() string { return "/home/owner/.local/share/rigshift/rigshift.db" }
