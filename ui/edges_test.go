package ui

import (
	"image"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zone of the clock-change test, where the machine has none

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/progress"
)

// A card whose driver reports no power limit shows its draw alone, not
// "250 / 0 W" on a full bar.
func TestPowerWithoutALimit(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	dash, _ := newTestDashboard(t, rig)
	s := hardware.GPUSample{UUID: rig.GPUs[0].UUID, State: hardware.GPUOK,
		Valid: hardware.MetricTemp | hardware.MetricPower, TempC: 60, PowerW: 250}
	dash.update(&hardware.Snapshot{GPUs: []hardware.GPUSample{s}}, true)
	c := dash.cards[0]
	if c.power.text == "250 / 0 W" || c.power.value() == 1 {
		t.Errorf("power without a limit shows %q at %.0f %% of the bar", c.power.text, 100*c.power.value())
	}
}

// A range with one sample, or a lone sample after a gap, is drawn as a
// dot (a line needs two points, and nothing was drawn).
func TestChartDrawsALonePoint(t *testing.T) {
	now := float64(time.Now().Unix())
	s := chartSeries{name: "GPU 0", colour: seriesColour(0), xs: []float64{now - 1800}, ys: []float64{65}}
	c1, _ := renderChart(t, chartData{series: []chartSeries{s}, from: now - 3600, to: now, xLabel: timeLabel(time.Hour)})
	r1 := test.TempWidgetRenderer(t, c1).(*chartRenderer)
	if n := countColour(r1.draw(500, 150), drawnColour(seriesColour(0))); n == 0 {
		t.Errorf("one point: the plot has no pixel of its colour")
	}
	// Same with a gap: 20 samples, off for 40 min, one sample after it.
	s = chartSeries{name: "GPU 0", colour: seriesColour(0)}
	for i := range 20 {
		s.xs, s.ys = append(s.xs, now-3600+float64(i)), append(s.ys, 40)
	}
	s.xs, s.ys = append(s.xs, now-60), append(s.ys, 90)
	c, _ := renderChart(t, chartData{series: []chartSeries{s}, from: now - 3600, to: now})
	r := test.TempWidgetRenderer(t, c).(*chartRenderer)
	img2 := r.draw(500, 150)
	// the last point is at x ≈ 491; is anything drawn right of x=400?
	sub := img2.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(400, 0, 500, 150))
	if n := countColour(sub, drawnColour(seriesColour(0))); n == 0 {
		t.Errorf("the 90 °C sample after the gap is not drawn")
	}
}

// Bars grow from zero: the earnings axis keeps it, or days earning 10 and
// 12 look like nothing and everything.
func TestEarningsAxisStartsAtZero(t *testing.T) {
	testApp(t)
	tab := newHistoryTab(nil, nil, test.NewWindow(nil))
	tab.build()
	day := midnight(time.Now())
	var days []DayEarnings
	for i := range 7 {
		days = append(days, DayEarnings{Day: day.AddDate(0, 0, i-6), Currency: "USD",
			MiningRevenue: 10 + float64(i%3), RentalRevenue: 11 + float64(i%2)})
	}
	tab.showEarnings(days, day.AddDate(0, 0, -6), time.Now())
	r := test.TempWidgetRenderer(t, tab.earnings).(*chartRenderer)
	if r.lo > 0 {
		t.Errorf("earnings of 10–12 a day on an axis from %g to %g: the bars are cut", r.lo, r.hi)
	}
}

// A week across the spring clock change is 6 d 23 h: each of its 7 days
// still gets its label (the last one had none).
func TestEarningsLabelsAcrossAClockChange(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	old := time.Local
	time.Local = ny
	defer func() { time.Local = old }()
	testApp(t)
	tab := newHistoryTab(nil, nil, test.NewWindow(nil))
	tab.build()
	to := time.Date(2025, 3, 10, 12, 0, 0, 0, ny)
	from := earningsFrom(to.Add(-time.Hour), to)
	var days []DayEarnings
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		days = append(days, DayEarnings{Day: d, Currency: "USD", MiningRevenue: 5})
	}
	tab.showEarnings(days, from, to)
	r := test.TempWidgetRenderer(t, tab.earnings).(*chartRenderer)
	var labels []string
	for _, l := range r.xLabels {
		if l.Text != "" {
			labels = append(labels, l.Text)
		}
	}
	if len(labels) != len(days) {
		t.Errorf("%d days of bars, labels %q", len(days), labels)
	}
}

// A big card's memory fits its value column: an H200's 141 GB read
// "139.7 GiB / 139.7 GiB", wider than the column, over its bar.
func TestVRAMTextFitsTheCard(t *testing.T) {
	testApp(t)
	for _, total := range []uint64{24 << 30, 150_000_000_000, 99_990_000_000} {
		text := gib(total) + " / " + gib(total)
		if w := widget.NewLabel(text).MinSize().Width; w > cardValueWidth {
			t.Errorf("%q needs %.0f px, the column has %.0f", text, w, float32(cardValueWidth))
		}
	}
	if got := gib(150_000_000_000); got != "140 GiB" {
		t.Errorf("gib(150 GB) = %q", got)
	}
}

// A card held back by heat says so once, in words, and names any other
// reason beside it ("Too hot — slowing down (too hot)" said it twice).
func TestHeatThrottleInWords(t *testing.T) {
	for reasons, want := range map[hardware.ThrottleReasons]string{
		hardware.ThrottleSWThermal:                             "Too hot — slowing down",
		hardware.ThrottleHWThermal:                             "Overheating — the card slows itself down",
		hardware.ThrottleSWThermal | hardware.ThrottlePowerCap: "Too hot — slowing down (also power limit)",
	} {
		s := &hardware.GPUSample{State: hardware.GPUOK, Valid: hardware.MetricThrottle, Throttle: reasons}
		if got := statusText(s); got != want {
			t.Errorf("%v: %q, want %q", reasons, got, want)
		}
	}
}

// A running job at 99.6 % reads "99 %": "100 %" while it still runs
// reads as done.
func TestRunningJobIsNotAHundredPercent(t *testing.T) {
	j := control.Job{State: control.JobRunning, Progress: progress.Progress{Percent: 99.6, ETA: time.Minute}}
	if got := jobBar(&j); got != "99 % · ETA 1 min" {
		t.Errorf("running at 99.6 %%: %q", got)
	}
	j.State, j.Progress.Done = control.JobSucceeded, true
	if got := jobBar(&j); got != "100 %" {
		t.Errorf("done at 99.6 %%: %q", got)
	}
	// An ended job whose bar never said done keeps no estimate.
	j.State, j.Progress = control.JobFailed, progress.Progress{Percent: 40, ETA: time.Minute}
	if got := jobBar(&j); got != "40 %" {
		t.Errorf("failed at 40 %%: %q", got)
	}
}

// How far a job got, in its details, whatever it reports: a bar with a
// total, a bar without one, only the Trainer's log lines (their epoch), or
// epochs counted in the output.
func TestJobFactsSayHowFarWithoutATotal(t *testing.T) {
	for _, tt := range []struct {
		p    progress.Progress
		want string
	}{
		{progress.Progress{HasStep: true, Step: 450, Total: 1000, Percent: 45}, "step 450 of 1000"},
		{progress.Progress{HasStep: true, Step: 450, Percent: -1}, "step 450"},
		{progress.Progress{Epoch: 2.22, Percent: -1, HasLoss: true, Loss: 2.31}, "epoch 2.22 · loss 2.31"},
		{progress.Progress{Epoch: 2, Epochs: 5, HasStep: true, Step: 300, Total: 600, Percent: 30}, "epoch 2 of 5 · step 300 of 600"},
		{progress.Progress{Epoch: 3, Epochs: 5, Percent: 40}, "queued – · epoch 3 of 5"},
	} {
		j := control.Job{State: control.JobRunning, Progress: tt.p}
		if got := jobFacts(&j); !strings.Contains(got, tt.want) {
			t.Errorf("%+v: facts %q, want them to say %q", tt.p, got, tt.want)
		}
	}
}

// A queued job that needs a lost GPU says so, and that the others pass it.
func TestWaitTextForAJobNeedingALostGPU(t *testing.T) {
	j := control.Job{State: control.JobQueued, Position: 0, Blocked: "GPU 1, which it names, was lost"}
	want := "Waiting: GPU 1, which it names, was lost. It runs once a reboot brings the GPU back; the jobs behind it run meanwhile."
	if got := waitText(&j, control.Rent); got != want {
		t.Errorf("waitText = %q", got)
	}
}

// A job that never ran says what it pays, not zero energy, GPU-hours and
// earnings; once it has run (a requeued one too), what it used and earned.
func TestJobMoneyBeforeAndAfterARun(t *testing.T) {
	queued := control.Job{State: control.JobQueued, Currency: "USD", Spec: control.JobSpec{PricePerGPUHour: 0.38}}
	if got, want := jobMoney(&queued), "Pays $0.38 per GPU-hour once it runs"; got != want {
		t.Errorf("queued: %q, want %q", got, want)
	}
	requeued := queued
	requeued.Started, requeued.GPUHours, requeued.Earned = time.Unix(1, 0), 0.5, 0.19
	if got := jobMoney(&requeued); !strings.HasPrefix(got, "Energy ") || !strings.Contains(got, "0.50 GPU-hours · earned $0.19 at $0.38 per GPU-hour") {
		t.Errorf("requeued after a run: %q", got)
	}
}

// A price is shown as the client agreed it, to a tenth of a cent and
// beyond: "$0.38 per GPU-hour" beside "10.00 GPU-hours · earned $3.75" did
// not add up for a job at 0.375.
func TestJobMoneyShowsThePriceAsAgreed(t *testing.T) {
	j := control.Job{State: control.JobSucceeded, Currency: "USD", Started: time.Unix(1, 0), GPUHours: 10, Earned: 3.75,
		Spec: control.JobSpec{PricePerGPUHour: 0.375}}
	if got := jobMoney(&j); !strings.HasSuffix(got, "10.00 GPU-hours · earned $3.75 at $0.375 per GPU-hour") {
		t.Errorf("a job at 0.375 per GPU-hour: %q", got)
	}
	for price, want := range map[float64]string{3.6: "$3.60", 0.4: "$0.40", 0.1234: "$0.1234", 0: "$0.00", 12.5: "$12.50"} {
		j.Spec.PricePerGPUHour = price
		j.State, j.Started, j.GPUHours, j.Earned = control.JobQueued, time.Time{}, 0, 0
		if got := jobMoney(&j); got != "Pays "+want+" per GPU-hour once it runs" {
			t.Errorf("price %v: %q, want %s", price, got, want)
		}
	}
}

// A queued job that waits for the database to take writes again (a full
// disk) says so, not that it is next to run.
func TestWaitTextWhileRecordsCannotBeSaved(t *testing.T) {
	j := control.Job{State: control.JobQueued, WaitsForStorage: true}
	if got := waitText(&j, control.Rent); !strings.HasPrefix(got, "Waiting: RigShift cannot save its records") {
		t.Errorf("waitText = %q", got)
	}
}

// A card without a fan (an H200: NVML answers NOT_SUPPORTED, so no sample
// has MetricFan) has no Fan row, not an empty bar marked "n/a" forever; a
// card that has shown its fan keeps the row when one reading is missed.
func TestFanlessCardHasNoFanRow(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	dash, _ := newTestDashboard(t, rig)
	c := dash.cards[0]
	h200 := hardware.GPUSample{UUID: rig.GPUs[0].UUID, State: hardware.GPUOK,
		Valid: hardware.MetricTemp | hardware.MetricPower | hardware.MetricPowerLimit | hardware.MetricUtilization | hardware.MetricVRAM,
		TempC: 61, PowerW: 680, PowerLimitW: 700, GPUUtil: 100, VRAMUsed: 3 << 30, VRAMTotal: 150754820096}
	for range 3 {
		dash.update(&hardware.Snapshot{GPUs: []hardware.GPUSample{h200}}, true)
	}
	if got := texts(c.card); strings.Contains(got, "Fan") || c.fan.obj.Visible() {
		t.Errorf("a card without a fan shows a Fan row (bar shown: %v):\n%s", c.fan.obj.Visible(), got)
	}
	fan := h200
	fan.Valid |= hardware.MetricFan
	fan.FanPct = 55
	dash.update(&hardware.Snapshot{GPUs: []hardware.GPUSample{fan}}, true)
	dash.update(&hardware.Snapshot{GPUs: []hardware.GPUSample{h200}}, true)
	if got := texts(c.card); !strings.Contains(got, "Fan\nn/a") {
		t.Errorf("a card whose fan reading was missed once does not say n/a:\n%s", got)
	}
}

// The details say the terms the owner set, so that a longest run typed as
// a bare "6" reads back as six hours, and a job that fails when
// interrupted says so.
func TestJobFactsSayTheLongestRunAndPolicy(t *testing.T) {
	for _, tt := range []struct {
		spec control.JobSpec
		want string
	}{
		{control.JobSpec{GPUCount: 1, MaxRuntime: 6 * time.Hour}, "1 GPU for at most 6 h · queued"},
		{control.JobSpec{GPUCount: 2, MaxRuntime: 90 * time.Minute}, "2 GPUs for at most 1 h 30 min · queued"},
		{control.JobSpec{GPUCount: 1}, "1 GPU · queued"},
		{control.JobSpec{GPUCount: 1, OnInterrupt: control.FailJob}, "1 GPU · marked failed if interrupted · queued"},
	} {
		j := control.Job{State: control.JobQueued, Spec: tt.spec, Progress: progress.Progress{Percent: -1}}
		if got := jobFacts(&j); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%+v: facts %q, want them to begin %q", tt.spec, got, tt.want)
		}
	}
}

// The earnings chart of the 1 h and 24 h views is a week: today and the 6
// days before, across a clock change too. Taken as 6 × 24 h back, it was 6
// days from 23:00 each evening in the week after the autumn change, and 8
// from midnight to 01:00 in the week after the spring one.
func TestEarningsWeekAcrossAClockChange(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ to, want time.Time }{
		{time.Date(2026, 10, 26, 23, 30, 0, 0, berlin), time.Date(2026, 10, 20, 0, 0, 0, 0, berlin)}, // after 25 Oct's 25 h
		{time.Date(2026, 3, 30, 0, 30, 0, 0, berlin), time.Date(2026, 3, 24, 0, 0, 0, 0, berlin)},    // after 29 Mar's 23 h
		{time.Date(2026, 7, 15, 12, 0, 0, 0, berlin), time.Date(2026, 7, 9, 0, 0, 0, 0, berlin)},
	} {
		if got := earningsFrom(c.to.Add(-24*time.Hour), c.to); !got.Equal(c.want) {
			t.Errorf("a week of earnings up to %v starts %v, want %v", c.to, got, c.want)
		}
	}
}

// A week the rig only idled is a row of small losses under the zero line,
// and that line reads 0.0: it read "-0.0" (the label was summed up from
// the lowest in steps of 0.1, which come to a hair under zero), a loss where
// the owner reads nothing earned.
func TestEarningsZeroLineReadsZero(t *testing.T) {
	testApp(t)
	tab := newHistoryTab(nil, nil, test.NewWindow(nil))
	tab.build()
	day := midnight(time.Now())
	var days []DayEarnings
	for i := range 7 {
		days = append(days, DayEarnings{Day: day.AddDate(0, 0, i-6), Currency: "USD", IdleElectricity: 0.3})
	}
	tab.showEarnings(days, day.AddDate(0, 0, -6), time.Now())
	r := test.TempWidgetRenderer(t, tab.earnings).(*chartRenderer)
	var labels []string
	for _, l := range r.yLabels {
		labels = append(labels, l.Text)
	}
	if !slices.Contains(labels, "0.0") || slices.ContainsFunc(labels, func(s string) bool { return strings.Trim(s, "-0.") == "" && s[0] == '-' }) {
		t.Errorf("the earnings axis reads %q", labels)
	}
}
