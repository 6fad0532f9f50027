package ui

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"time"

	"github.com/rigshift/rigshift/store"
)

// historyResult is one load of the history screen, read off the UI
// goroutine.
type historyResult struct {
	from, to time.Time
	series   [3][]chartSeries
	days     []DayEarnings
	err      error
}

// reload reads the charts for the current span and GPUs off the UI
// goroutine and shows them when they arrive, unless a newer request was
// made meanwhile.
func (t *historyTab) reload() {
	if t.h == nil || t.gpuSel == nil {
		t.say("No history yet: RigShift keeps it once the controller records to its database.")
		return
	}
	t.gen++
	gen, gpus, span, to, acc := t.gen, t.selectedGPUs(), t.span, t.now(), t.accruing
	t.asking = to
	t.busy.Show()
	t.busy.Start()
	t.loads.Add(1)
	go func() {
		defer t.loads.Done()
		res := loadHistory(t.h, gpus, to.Add(-span), to)
		res.days = withAccruing(res.days, acc, earningsFrom(res.from, res.to), to)
		runOnUI(func() { t.show(gen, res) })
	}()
}

// historyFollow is how often the screen, while it is shown, reads the
// history again: the store keeps a minute's samples as one point past the
// first hours, and a first run's charts fill in as the rig records.
const historyFollow = time.Minute

// follow reads the history again once it is historyFollow old. The live
// loop calls it while the screen is shown.
func (t *historyTab) follow() {
	if t.now().Sub(t.asking) >= historyFollow {
		t.reload()
	}
}

func loadHistory(h History, gpus []chartGPU, from, to time.Time) historyResult {
	res := historyResult{from: from, to: to}
	for mi, m := range []Metric{MetricTemp, MetricPower, MetricLoad} {
		for _, g := range gpus {
			pts, err := h.Series(g.UUID, m, from, to, chartPoints)
			if err != nil {
				res.err = err
				continue
			}
			if s := pointSeries(g, pts, m == MetricTemp); len(s.xs) > 0 || !g.former || len(gpus) == 1 {
				res.series[mi] = append(res.series[mi], s) // a card gone before the span stays out of its legend
			}
		}
	}
	dayFrom := earningsFrom(from, to)
	days, err := h.EarningsByDay(dayFrom, to)
	if err != nil { // said above the charts, not "no earnings in these days"
		res.err = errors.Join(res.err, err)
	}
	res.days = days
	return res
}

// withAccruing adds to days (from the store, in order) what running jobs
// have earned and cost and not booked yet, each shared between the days
// its run touches in proportion to its time in each, as the ledger will
// book it when the run ends. days itself is left as it is.
func withAccruing(days []DayEarnings, acc []store.EarningRecord, from, to time.Time) []DayEarnings {
	if len(acc) == 0 {
		return days
	}
	out := slices.Clone(days)
	for _, r := range acc {
		for day, share := range store.DaySharesOf(r, from.Location()) {
			if day.Before(midnight(from)) || !day.Before(to) {
				continue
			}
			i := slices.IndexFunc(out, func(d DayEarnings) bool { return d.Day.Equal(day) && d.Currency == r.Currency })
			if i < 0 {
				out = append(out, DayEarnings{Day: day, Currency: r.Currency})
				i = len(out) - 1
			}
			out[i].RentalRevenue += r.Revenue * share
			out[i].RentalElectricity += r.ElectricityCost * share
		}
	}
	slices.SortStableFunc(out, func(a, b DayEarnings) int {
		return cmp.Or(a.Day.Compare(b.Day), cmp.Compare(a.Currency, b.Currency))
	})
	return out
}

// earningsFrom starts the earnings chart at midnight, a week back at least
// (today and the 6 days before): a day's bar is the smallest thing worth
// charting. The week is counted in days, not 24 h steps: a day across a
// clock change has 23 or 25 hours.
func earningsFrom(from, to time.Time) time.Time {
	y, m, d := to.Date()
	if week := time.Date(y, m, d-6, 12, 0, 0, 0, to.Location()); from.After(week) {
		from = week
	}
	return midnight(from)
}

func midnight(t time.Time) time.Time { return store.DayStart(t) }

// pointSeries is a GPU's line: each point's average, or for the
// temperature its highest, where a minute at 90 °C matters more than an
// hour's mean of 65 (the week's and month's hourly rows averaged such a
// spike away).
func pointSeries(g chartGPU, pts []Point, highest bool) chartSeries {
	s := chartSeries{name: g.name(), colour: g.colour}
	for _, p := range pts {
		v := float64(p.Avg)
		if highest {
			v = float64(p.Max)
		}
		if !math.IsNaN(v) {
			s.xs = append(s.xs, float64(p.Time.Unix()))
			s.ys = append(s.ys, v)
		}
	}
	return s
}

func (t *historyTab) show(gen int, res historyResult) {
	if gen != t.gen {
		return
	}
	t.busy.Stop()
	t.busy.Hide()
	// Said only when it changes: a load that ended just after an export
	// wiped the export's "Saved …" (or its error) before it was read.
	if n := t.historyNotice(res.err); n != t.notice {
		t.notice = n
		t.say(n)
	}
	label := timeLabel(res.to.Sub(res.from))
	for i, c := range t.charts {
		c.set(chartData{series: res.series[i], from: float64(res.from.Unix()), to: float64(res.to.Unix()),
			xLabel: label, none: noSamplesText, percent: i == loadChart, spacing: pointSpacing(res.to.Sub(res.from))})
	}
	t.showEarnings(res.days, earningsFrom(res.from, res.to), res.to)
}

// pointSpacing is how far apart the store's points of an unbroken
// recording over span are at most: it merges them into chartPoints equal
// intervals, each timed at its first sample, from a resolution that gives
// at least chartPoints/2 (1-hour rows for a month, 1.8 h intervals), so
// two intervals' width.
func pointSpacing(span time.Duration) float64 {
	return 2 * span.Seconds() / chartPoints
}

// historyNotice is the sentence above the charts: why some history is
// missing, or "".
func (t *historyTab) historyNotice(err error) string {
	switch {
	case err != nil:
		return "Some history could not be read: " + err.Error()
	case len(t.gpus) == 0:
		return "No GPU to chart: RigShift records each NVIDIA GPU's temperature, power and load once the " +
			"driver finds it (the Dashboard says what is missing). The earnings are below."
	case !slices.ContainsFunc(t.gpus, func(g chartGPU) bool { return !g.former }):
		return "No GPU is in the rig now (the Dashboard says why): these charts are of the GPUs RigShift recorded before."
	}
	return ""
}
