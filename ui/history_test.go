package ui

import (
	"bytes"
	"errors"
	"image"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/store"
)

func TestHistoryChartsEveryGPU(t *testing.T) {
	testApp(t)
	rig, _, _ := simRig(t, 2)
	now := time.Now()
	h := &fakeHistory{points: []Point{{Time: now.Add(-time.Hour), Avg: 60}, {Time: now, Avg: 70}},
		days: []DayEarnings{{Day: midnight(now), Currency: "USD", MiningRevenue: 3, MiningElectricity: 1, RentalRevenue: 10, RentalElectricity: 2}}}
	tab := newHistoryTab(h, rig.GPUs, nil)
	w := test.NewWindow(tab.build())
	defer w.Close()
	t.Cleanup(tab.loads.Wait) // before the test app goes
	tab.onShow()
	eventually(t, "the charts", func() bool { return len(tab.charts[2].data.series) == 2 })
	if len(h.asked) != 6 || !strings.HasSuffix(h.asked[0], "/0") {
		t.Errorf("asked the store for %v", h.asked)
	}
	if got := tab.totals.Text; !strings.Contains(got, "mining earned $2.00 and renting $8.00") {
		t.Errorf("totals say %q", got)
	}
	if got := test.WidgetRenderer(tab.earnings).(*chartRenderer).unit.Text; got != "USD" {
		t.Errorf("the earnings chart's unit reads %q, want the currency", got)
	}
	tab.gpuSel.SetSelectedIndex(2)
	eventually(t, "one GPU", func() bool { return len(tab.charts[0].data.series) == 1 })
	if tab.charts[0].data.series[0].name != "GPU 1" {
		t.Errorf("GPU 1 selected, chart shows %q", tab.charts[0].data.series[0].name)
	}
}

// An empty history says why it is empty and what fills it.
func TestEmptyHistorySaysWhatFillsIt(t *testing.T) {
	testApp(t)
	rig, _, _ := simRig(t, 1)
	for _, tc := range []struct {
		name   string
		gpus   int
		note   string // above the charts
		charts string // in each telemetry chart
	}{{"no GPU", 0, "No GPU to chart", ""}, {"no samples", 1, "", "Nothing recorded in this range"}} {
		tab := newHistoryTab(&fakeHistory{}, rig.GPUs[:tc.gpus], nil)
		w := test.NewWindow(tab.build())
		tab.onShow()
		eventually(t, tc.name, func() bool { return tab.earnings.data.to > 0 })
		tab.loads.Wait()
		if tab.note.Visible() != (tc.note != "") || !strings.HasPrefix(tab.note.Text, tc.note) {
			t.Errorf("%s: the note says %q (shown: %v)", tc.name, tab.note.Text, tab.note.Visible())
		}
		for i, c := range tab.charts {
			shown := tab.cards[i].Visible()
			if shown != (tc.charts != "") {
				t.Errorf("%s: the %s chart shown: %v", tc.name, c.title, shown)
			}
			if r := test.WidgetRenderer(c).(*chartRenderer); shown && (r.empty.Hidden || !strings.HasPrefix(r.empty.Text, tc.charts)) {
				t.Errorf("%s: the %s chart says %q (hidden: %v)", tc.name, c.title, r.empty.Text, r.empty.Hidden)
			}
		}
		if r := test.WidgetRenderer(tab.earnings).(*chartRenderer); !strings.HasPrefix(r.empty.Text, "No earnings in these days") {
			t.Errorf("%s: the earnings chart says %q", tc.name, r.empty.Text)
		}
		if b := findButton(t, w.Content(), "Telemetry CSV"); b.Visible() != (tc.gpus > 0) {
			t.Errorf("%s: the Telemetry CSV button shown: %v", tc.name, b.Visible())
		}
		if tab.totals.Visible() {
			t.Errorf("%s: the totals line shows %q under an empty chart", tc.name, tab.totals.Text)
		}
		w.Close()
	}
}

// A GPU that has left the rig keeps its history: the select offers it and
// the charts show it, in a colour of its own, while it has data in the span.
func TestHistoryChartsFormerGPUs(t *testing.T) {
	testApp(t)
	rig, _, _ := simRig(t, 1)
	now := time.Now()
	gone := hardware.GPUInfo{Index: 0, UUID: "GPU-gone", Name: "NVIDIA GeForce RTX 3070"}
	older := hardware.GPUInfo{Index: -1, UUID: "GPU-0123456789abcdef"}
	h := &fakeHistory{points: []Point{{Time: now.Add(-time.Hour), Avg: 60}, {Time: now, Avg: 70}},
		known: []hardware.GPUInfo{rig.GPUs[0], gone, older}, silent: map[string]bool{older.UUID: true}}
	for _, tc := range []struct {
		name string
		rig  []hardware.GPUInfo
		want []string // the series of "All GPUs"
		note string
	}{
		{"one GPU in the rig", rig.GPUs, []string{"GPU 0", "former GPU 0 (RTX 3070)"}, ""},
		{"none in the rig", nil, []string{"former GPU 0 (" + shortModel(rig.GPUs[0].Name) + ")", "former GPU 0 (RTX 3070)"},
			"No GPU is in the rig now"},
	} {
		tab := newHistoryTab(h, tc.rig, nil)
		w := test.NewWindow(tab.build())
		tab.onShow()
		eventually(t, tc.name, func() bool { return len(tab.charts[0].data.series) > 0 })
		tab.loads.Wait()
		var names []string
		for _, s := range tab.charts[0].data.series {
			names = append(names, s.name)
		}
		if !slices.Equal(names, tc.want) {
			t.Errorf("%s: all GPUs charts %q, want %q", tc.name, names, tc.want)
		}
		if s := tab.charts[0].data.series; len(s) == 2 && s[0].colour == s[1].colour {
			t.Errorf("%s: the rig's GPU 0 and the former GPU 0 share a colour", tc.name)
		}
		if !tab.cards[0].Visible() || !strings.HasPrefix(tab.note.Text, tc.note) {
			t.Errorf("%s: charts shown %v, note %q", tc.name, tab.cards[0].Visible(), tab.note.Text)
		}
		opts := tab.gpuSel.Options
		if last := opts[len(opts)-1]; opts[len(opts)-2] != "Former GPU 0 · RTX 3070" || last != "Former GPU-01234567…" {
			t.Errorf("%s: the select offers %q", tc.name, opts)
		}
		for _, o := range opts { // none is cut short when picked
			if need := fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width; tab.gpuSel.MinSize().Width < need {
				t.Errorf("%s: the select is %v wide, %q needs %v", tc.name, tab.gpuSel.MinSize().Width, o, need)
			}
		}
		tab.gpuSel.SetSelectedIndex(len(opts) - 1)
		eventually(t, "the older GPU alone", func() bool {
			s := tab.charts[0].data.series
			return len(s) == 1 && s[0].name == "former GPU-01234567…"
		})
		tab.loads.Wait()
		w.Close()
	}
}

func TestHistoryWithoutStoreSaysSo(t *testing.T) {
	testApp(t)
	tab := newHistoryTab(nil, nil, nil)
	test.NewWindow(tab.build()).Close()
	tab.onShow()
	if !strings.Contains(tab.note.Text, "No history yet") {
		t.Errorf("note: %q", tab.note.Text)
	}
}

func TestTelemetryExportKeepsOneHeader(t *testing.T) {
	h := &fakeHistory{}
	var buf bytes.Buffer
	for i, gpu := range []string{"GPU-a", "GPU-b"} {
		dst := any(&buf).(interface{ Write([]byte) (int, error) })
		if i > 0 {
			dst = store.WithoutHeader(&buf)
		}
		if err := h.ExportTelemetryCSV(dst, gpu, time.Time{}, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	if got := buf.String(); strings.Count(got, "time,gpu") != 1 || !strings.Contains(got, "GPU-b") {
		t.Errorf("export:\n%s", got)
	}
}

func TestWriteFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "jobs.csv")
	if err := writeFile(path, (&fakeHistory{}).ExportJobsCSV); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), "id,client") || !strings.Contains(savedText(path, nil), "Saved "+path) {
		t.Errorf("wrote %q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left %d files behind", len(entries))
	}
}

// Days kept in an earlier currency are named under the chart, never added
// to the current currency's bars and totals.
func TestEarningsKeepCurrenciesApart(t *testing.T) {
	tab, _ := historyTabInWindow(t)
	day := midnight(time.Now()).AddDate(0, 0, -2)
	tab.showEarnings([]DayEarnings{
		{Day: day, Currency: "USD", MiningRevenue: 3, MiningElectricity: 1},
		{Day: day.AddDate(0, 0, 1), Currency: "USD", RentalRevenue: 1},
		{Day: day.AddDate(0, 0, 1), Currency: "EUR", RentalRevenue: 6, RentalElectricity: 1},
		{Day: day.AddDate(0, 0, 2), Currency: "EUR", RentalRevenue: 4},
	}, day, time.Now())
	if got := tab.earnings.unit; got != "EUR" {
		t.Errorf("the chart is in %q, want the latest day's EUR", got)
	}
	if got := len(tab.earnings.data.series[1].ys); got != 2 {
		t.Errorf("%d renting bars, want the 2 EUR days", got)
	}
	want := "2 days: mining earned €0.00 and renting €9.00 after electricity; electricity cost €1.00 in all. " +
		"Not in the chart: $3.00 net in USD, an earlier currency."
	if got := tab.totals.Text; got != want {
		t.Errorf("totals say\n%q, want\n%q", got, want)
	}
}

// On the day the owner changed the currency the chart is in the new one,
// the one the dashboard's Today row and the status are in, even while the
// earlier one earned more that day: it named the current currency "an
// earlier currency" and charted the old one.
func TestEarningsOnTheDayOfACurrencyChangeAreInTheNewOne(t *testing.T) {
	tab, _ := historyTabInWindow(t)
	day := midnight(time.Now())
	tab.currency = "EUR" // changed at noon: USD mined all morning, EUR has idled since
	tab.showEarnings([]DayEarnings{
		{Day: day, Currency: "EUR", IdleElectricity: 0.5},
		{Day: day, Currency: "USD", MiningRevenue: 8, MiningElectricity: 2},
	}, day, time.Now())
	if got := tab.earnings.unit; got != "EUR" {
		t.Errorf("the chart is in %q, want the rig's EUR", got)
	}
	want := "1 day: mining earned €0.00 and renting €0.00 after electricity; idling cost €0.50, so –€0.50 net; " +
		"electricity cost €0.50 in all. Not in the chart: $6.00 net in USD, an earlier currency."
	if got := tab.totals.Text; got != want {
		t.Errorf("totals say\n%q, want\n%q", got, want)
	}
}

// What a running job has earned and cost and not booked yet counts in its
// days, shared by its time in each as its booking will be: a job running
// since yesterday evening showed no renting in either day, while the
// dashboard's Today row counted it.
func TestEarningsCountRunningJobs(t *testing.T) {
	today := midnight(time.Now())
	yesterday := midnight(today.Add(-time.Hour))
	days := []DayEarnings{{Day: today, Currency: "USD", IdleElectricity: 0.5}}
	acc := []store.EarningRecord{
		{Kind: store.KindRental, JobID: "J-0001", Start: today.Add(-time.Hour), End: today.Add(time.Hour), Revenue: 4, ElectricityCost: 1, Currency: "USD"},
		{Kind: store.KindRental, JobID: "J-0002", Start: today.Add(-8 * 24 * time.Hour), End: today.Add(-7 * 24 * time.Hour), Revenue: 9, Currency: "USD"},
	}
	got := withAccruing(days, acc, today.AddDate(0, 0, -6), today.Add(time.Hour))
	want := []DayEarnings{
		{Day: yesterday, Currency: "USD", RentalRevenue: 2, RentalElectricity: 0.5},
		{Day: today, Currency: "USD", RentalRevenue: 2, RentalElectricity: 0.5, IdleElectricity: 0.5},
	}
	if len(got) != len(want) {
		t.Fatalf("days %+v, want %+v", got, want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if !g.Day.Equal(w.Day) || g.Currency != w.Currency || math.Abs(g.RentalRevenue-w.RentalRevenue) > 1e-9 ||
			math.Abs(g.RentalElectricity-w.RentalElectricity) > 1e-9 || g.IdleElectricity != w.IdleElectricity {
			t.Errorf("day %d: %+v, want %+v", i, g, w)
		}
	}
	if days[0].RentalRevenue != 0 {
		t.Errorf("the store's days were changed in place: %+v", days[0])
	}
}

// What the rig drew while idle is a third bar, below zero, and in the
// totals; a history from before idle hours were booked keeps two bars.
func TestEarningsShowIdleElectricity(t *testing.T) {
	tab, _ := historyTabInWindow(t)
	day := midnight(time.Now()).AddDate(0, 0, -1)
	tab.showEarnings([]DayEarnings{
		{Day: day, Currency: "USD", MiningRevenue: 3, MiningElectricity: 1, IdleElectricity: 0.5},
		{Day: day.AddDate(0, 0, 1), Currency: "USD", RentalRevenue: 2, IdleElectricity: 0.25},
	}, day, time.Now())
	series := tab.earnings.data.series
	if len(series) != 3 || series[2].name != "idle" || series[2].ys[0] != -0.5 || series[2].ys[1] != -0.25 {
		t.Fatalf("series %+v", series)
	}
	want := "2 days: mining earned $2.00 and renting $2.00 after electricity; idling cost $0.75, so $3.25 net; " +
		"electricity cost $1.75 in all."
	if got := tab.totals.Text; got != want {
		t.Errorf("totals say\n%q, want\n%q", got, want)
	}
	tab.showEarnings([]DayEarnings{{Day: day, Currency: "USD", MiningRevenue: 3, MiningElectricity: 1}}, day, time.Now())
	if n := len(tab.earnings.data.series); n != 2 {
		t.Errorf("%d series without idle hours, want mining and renting", n)
	}
}

// A failed earnings read is said above the charts; it read as "No
// earnings in these days".
type failingEarnings struct{ *fakeHistory }

func (failingEarnings) EarningsByDay(from, to time.Time) ([]DayEarnings, error) {
	return nil, errors.New("database is locked")
}

func TestHistorySaysWhenEarningsCannotBeRead(t *testing.T) {
	testApp(t)
	rig, _, _ := simRig(t, 1)
	now := time.Now()
	h := failingEarnings{&fakeHistory{points: []Point{{Time: now.Add(-time.Hour), Avg: 60}, {Time: now, Avg: 70}}}}
	tab := newHistoryTab(h, rig.GPUs, nil)
	w := test.NewWindow(tab.build())
	defer w.Close()
	t.Cleanup(tab.loads.Wait)
	tab.onShow()
	eventually(t, "the charts", func() bool { return tab.earnings.data.to > 0 })
	r := test.WidgetRenderer(tab.earnings).(*chartRenderer)
	if !tab.note.Visible() || !strings.Contains(tab.note.Text, "database is locked") {
		t.Errorf("earnings read failed; note %q (shown %v), earnings chart says %q", tab.note.Text, tab.note.Visible(), r.empty.Text)
	}
}

// Tapping the range already shown (a double click) keeps it picked: it
// was unpicked, and the screen named no range while it charted one.
func TestHistoryRangeStaysPicked(t *testing.T) {
	tab, w := historyTabInWindow(t)
	ranges := findRadio(t, w.Content())
	items := test.WidgetRenderer(ranges).Objects()
	test.Tap(items[3].(fyne.Tappable)) // 30 d
	test.Tap(items[3].(fyne.Tappable)) // and again
	if ranges.Selected != "30 d" || tab.span != 30*24*time.Hour {
		t.Errorf("after two taps on 30 d the range picked is %q, the span charted %v", ranges.Selected, tab.span)
	}
}

// findRadio finds the first radio group in o.
func findRadio(t *testing.T, o fyne.CanvasObject) *choices {
	t.Helper()
	var found *choices
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *choices:
			if found == nil {
				found = w
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatal("no radio group")
	}
	return found
}

// An export with nothing to put in it says so: "Saved … (0.0 kB)." alone
// sent the owner to open a file that held no rows.
func TestEmptyExportSaysItHasNoRows(t *testing.T) {
	testApp(t)
	rig, _, _ := simRig(t, 1)
	w := test.NewWindow(nil)
	defer w.Close()
	tab := newHistoryTab(&fakeHistory{}, rig.GPUs, w)
	w.SetContent(tab.build())
	t.Cleanup(tab.loads.Wait)
	for _, tc := range []struct {
		button string
		empty  bool
	}{{"Earnings CSV", true}, {"Jobs CSV", false}} {
		test.Tap(findButton(t, w.Content(), tc.button))
		pop := w.Canvas().Overlays().Top()
		path := filepath.Join(t.TempDir(), "export.csv")
		for _, o := range popUpParts(pop) {
			if e, ok := o.(*dialogEntry); ok {
				e.SetText(path)
			}
		}
		for _, o := range popUpParts(pop) {
			if b, ok := o.(*dialogButton); ok && b.Text == "Save" {
				test.Tap(b)
			}
		}
		eventually(t, tc.button, func() bool { return strings.HasPrefix(tab.note.Text, "Saved "+path) })
		if said := strings.Contains(tab.note.Text, "no rows"); said != tc.empty {
			t.Errorf("%s: the note says %q", tc.button, tab.note.Text)
		}
	}
}

// popUpParts flattens the open pop-up o into what it shows.
func popUpParts(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			out = append(out, popUpParts(c)...)
		}
	case *widget.Entry, *widget.Button, *dialogButton, *widget.Label:
	case fyne.Widget: // the pop-up and the containers it draws
		for _, c := range test.WidgetRenderer(w).Objects() {
			out = append(out, popUpParts(c)...)
		}
	}
	return out
}

// The history fits a window 800 px wide: its bar of ranges, GPUs and CSV
// exports needed about 960 px in one row, so Fyne widened the window past
// a small screen's edge. Narrow, the exports go under the ranges.
func TestHistoryFitsANarrowWindow(t *testing.T) {
	rig, _, _ := simRig(t, 2)
	day := midnight(time.Now()) // a month of them: the totals line is at its longest
	h := &fakeHistory{days: []DayEarnings{{Day: day, Currency: "USD", MiningRevenue: 125.65, MiningElectricity: 100,
		RentalRevenue: 1194.6, RentalElectricity: 1000, IdleElectricity: 4.46}}}
	s, _ := newTestShell(t, Deps{Rig: rig, History: h, Screen: "history"})
	t.Cleanup(s.hist.loads.Wait)
	eventually(t, "the totals", func() bool { return s.hist.totals.Text != "" })
	if w := s.win.Canvas().Content().MinSize().Width; w > 800 {
		t.Errorf("the history needs a window %.0f px wide", w)
	}
	s.win.Resize(fyne.NewSize(1400, 900)) // wide enough: one row
	d := fyne.CurrentApp().Driver()
	if a, b := d.AbsolutePositionForObject(s.hist.gpuSel), d.AbsolutePositionForObject(s.hist.telemetryCSV); a.Y != b.Y {
		t.Errorf("in a wide window the exports (y %.0f) are not beside the ranges (y %.0f)", b.Y, a.Y)
	}
}

// storeWithSessions is a real store holding GPU uuid's telemetry at 300 W,
// one sample a minute in each [from, to] of sessions.
func storeWithSessions(t *testing.T, uuid string, sessions [][2]time.Time) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	w := s.Telemetry()
	for _, se := range sessions {
		for at := se[0]; !at.After(se[1]); at = at.Add(time.Minute) {
			p := store.NewTelemetryPoint(at, uuid)
			p.Temp, p.Power, p.GPUUtil = 60, 300, 90
			w.Add(p)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return s
}

// A month of a rig that ran half an hour a day (a desktop switched on for
// an evening's game), or of a card that ran half an hour three weeks ago
// and again now, is a dot a day, not a line across the days RigShift was
// off: the gap was judged against the points' own median spacing, which a
// day apart throughout is a day, so the month's chart drew one unbroken
// line from the first day to today.
func TestSparseMonthIsNotBridged(t *testing.T) {
	testApp(t)
	now := time.Now().Truncate(time.Hour).Add(-time.Minute) // each session inside one hour: one hourly row
	gpu := hardware.GPUInfo{Index: 0, UUID: "GPU-sparse", Name: "NVIDIA GeForce RTX 3070"}
	daily := [][2]time.Time{}
	for i := range 30 {
		day := now.AddDate(0, 0, -i)
		daily = append(daily, [2]time.Time{day.Add(-30 * time.Minute), day})
	}
	for _, tc := range []struct {
		name     string
		sessions [][2]time.Time
		line     bool // one unbroken line
	}{
		{"half an hour a day", daily, false},
		{"half an hour three weeks ago and now", [][2]time.Time{daily[21], daily[0]}, false},
		{"the whole month", [][2]time.Time{{daily[29][0], now}}, true},
	} {
		tab := newHistoryTab(StoreHistory(storeWithSessions(t, gpu.UUID, tc.sessions)), []hardware.GPUInfo{gpu}, nil)
		tab.now = func() time.Time { return now }
		w := test.NewWindow(tab.build())
		tab.span = 30 * 24 * time.Hour
		tab.onShow()
		power := tab.charts[1]
		eventually(t, tc.name, func() bool { return len(power.data.series) == 1 })
		tab.loads.Wait()
		if n := len(power.data.series[0].xs); !tc.line && n != len(tc.sessions) {
			t.Fatalf("%s: the power chart has %d points, want %d", tc.name, n, len(tc.sessions))
		}
		img := test.TempWidgetRenderer(t, power).(*chartRenderer).draw(720, 150).(*image.RGBA)
		// 720 px for 30 days: 24 px a day; yesterday's dot is at 695, today's at 719.
		between := img.SubImage(image.Rect(700, 0, 714, 150))
		switch n := countColour(between, drawnColour(seriesColour(0))); {
		case n > 0 && !tc.line:
			t.Errorf("%s: the line bridges the day before today's session, when RigShift was off: %d pixels", tc.name, n)
		case n == 0 && tc.line:
			t.Errorf("%s: the line is broken where RigShift recorded", tc.name)
		}
		w.Close()
	}
}

// A GPU with a long model name (an "NVIDIA RTX PRO 6000 Blackwell Max-Q
// Workstation Edition" in the rig, another that left it as GPU 11) keeps
// the History in an 800 px window: the GPU select grew as wide as its
// longest choice, and Fyne widened RigShift's window to about 1000 px.
func TestHistoryFitsWithALongGPUName(t *testing.T) {
	rig, _, _ := simRig(t, 2)
	long := "NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition"
	rig.GPUs[1].Name = long
	h := &fakeHistory{points: []Point{{Time: time.Now(), Avg: 1}},
		known: append(slices.Clone(rig.GPUs), hardware.GPUInfo{Index: 11, UUID: "GPU-gone", Name: long})}
	s, _ := newTestShell(t, Deps{Rig: rig, History: h, Screen: "history"})
	t.Cleanup(s.hist.loads.Wait)
	eventually(t, "the former GPU", func() bool { return len(s.hist.gpuSel.Options) == 4 })
	if w := s.win.Canvas().Content().MinSize().Width; w > 800 {
		t.Errorf("the history needs a window %.0f px wide", w)
	}
	if got := s.hist.gpuSel.Options[3]; got != "Former GPU 11 · RTX PRO 6000 Blackwell Max-Q Workstation Edition" {
		t.Errorf("the list names the former GPU %q", got)
	}
}

// A month's chart shows a card's hottest minute: it drew each hour's
// average, and ten minutes at 90 °C in an hour at 60 came out at 65, a
// spike the owner never saw. Power stays the average (the energy used).
func TestMonthChartShowsTheHottestMinute(t *testing.T) {
	testApp(t)
	s, err := store.Open(filepath.Join(t.TempDir(), store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	now := time.Now().Truncate(time.Hour).Add(-time.Minute)
	w := s.Telemetry()
	for at := now.Add(-59 * time.Minute); !at.After(now); at = at.Add(time.Minute) {
		p := store.NewTelemetryPoint(at, "GPU-hot")
		p.Temp, p.Power, p.GPUUtil = 60, 300, 90
		if now.Sub(at) < 10*time.Minute {
			p.Temp, p.Power = 90, 360
		}
		w.Add(p)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	gpu := hardware.GPUInfo{Index: 0, UUID: "GPU-hot", Name: "NVIDIA GeForce RTX 3090"}
	tab := newHistoryTab(StoreHistory(s), []hardware.GPUInfo{gpu}, nil)
	tab.now = func() time.Time { return now }
	win := test.NewWindow(tab.build())
	defer win.Close()
	tab.span = 30 * 24 * time.Hour // hourly rows
	tab.onShow()
	temp, power := tab.charts[0], tab.charts[1]
	eventually(t, "the charts", func() bool { return len(temp.data.series) == 1 && len(power.data.series) == 1 })
	tab.loads.Wait()
	drainUI()
	if hot := slices.Max(temp.data.series[0].ys); hot != 90 {
		t.Errorf("the month's temperature peaks at %v °C, want the hottest minute's 90", hot)
	}
	if top := slices.Max(power.data.series[0].ys); top >= 360 {
		t.Errorf("the month's power peaks at %v W, want the hour's average", top)
	}
}

// historyTabInWindow is a History screen of one simulated GPU, built in a
// test window, with no history; both go at the test's end.
func historyTabInWindow(t *testing.T) (*historyTab, fyne.Window) {
	t.Helper()
	testApp(t)
	rig, _, _ := simRig(t, 1)
	tab := newHistoryTab(&fakeHistory{}, rig.GPUs, nil)
	w := test.NewWindow(tab.build())
	t.Cleanup(w.Close)
	t.Cleanup(tab.loads.Wait) // runs first: the loads end before the window closes
	return tab, w
}

// The earnings export holds the days the History shows: an owner who
// picked 7 d got the whole ledger, a record of three weeks ago among
// them, in a file whose name said nothing of its days.
func TestEarningsExportFollowsTheRange(t *testing.T) {
	testApp(t)
	s, err := store.Open(filepath.Join(t.TempDir(), store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	now := time.Date(2026, 12, 5, 15, 0, 0, 0, time.Local)
	for _, ago := range []int{21, 1} {
		start := now.AddDate(0, 0, -ago)
		if _, err := s.PutEarning(store.EarningRecord{Kind: store.KindMining, GPU: "GPU-a", Start: start,
			End: start.Add(time.Hour), Revenue: float64(ago), Currency: "USD"}); err != nil {
			t.Fatal(err)
		}
	}
	rig, _, _ := simRig(t, 1)
	w := test.NewWindow(nil)
	defer w.Close()
	tab := newHistoryTab(StoreHistory(s), rig.GPUs, w)
	tab.now = func() time.Time { return now }
	w.SetContent(tab.build())
	t.Cleanup(tab.loads.Wait)
	tab.onRange("7 d")
	test.Tap(findButton(t, w.Content(), "Earnings CSV"))
	pop := w.Canvas().Overlays().Top()
	path := filepath.Join(t.TempDir(), "export.csv")
	for _, o := range popUpParts(pop) {
		if e, ok := o.(*dialogEntry); ok {
			if name := filepath.Base(e.Text); name != "rigshift-earnings-2026-11-28-to-2026-12-05.csv" {
				t.Errorf("the suggested name is %q, want the days it holds", name)
			}
			e.SetText(path)
		}
	}
	for _, o := range popUpParts(pop) {
		if b, ok := o.(*dialogButton); ok && b.Text == "Save" {
			test.Tap(b)
		}
	}
	eventually(t, "the export", func() bool { return strings.HasPrefix(tab.note.Text, "Saved "+path) })
	data, _ := os.ReadFile(path)
	if rows := strings.Split(strings.TrimSpace(string(data)), "\n"); len(rows) != 2 || !strings.Contains(rows[1], now.AddDate(0, 0, -1).UTC().Format("2006-01-02")) {
		t.Errorf("the 7 days' export holds:\n%s", data)
	}
}

// A rig that has recorded for three hours: each range's charts span the
// range picked, ending now, the hours before the recording left empty.
func TestChartsSpanTheRangeOfAPartialRecording(t *testing.T) {
	testApp(t)
	now := time.Now().Truncate(time.Minute)
	gpu := hardware.GPUInfo{Index: 0, UUID: "GPU-new", Name: "NVIDIA GeForce RTX 3070"}
	s := storeWithSessions(t, gpu.UUID, [][2]time.Time{{now.Add(-3 * time.Hour), now}})
	tab := newHistoryTab(StoreHistory(s), []hardware.GPUInfo{gpu}, nil)
	tab.now = func() time.Time { return now }
	w := test.NewWindow(tab.build())
	defer w.Close()
	t.Cleanup(tab.loads.Wait)
	power := tab.charts[1]
	for _, r := range historyRanges {
		power.data = chartData{}
		tab.onRange(r.label)
		eventually(t, r.label, func() bool { return len(power.data.series) == 1 })
		tab.loads.Wait()
		if d := power.data; d.from != float64(now.Add(-r.span).Unix()) || d.to != float64(now.Unix()) {
			t.Errorf("%s: the axis spans %v to %v, want %v to now (%v)", r.label, time.Unix(int64(d.from), 0),
				time.Unix(int64(d.to), 0), now.Add(-r.span), now)
		}
		img := test.TempWidgetRenderer(t, power).(*chartRenderer).draw(720, 150).(*image.RGBA)
		begun := int(720 * (1 - (3*time.Hour).Seconds()/r.span.Seconds()))
		if n := countColour(img.SubImage(image.Rect(min(max(0, begun), 710), 0, 720, 150)), drawnColour(seriesColour(0))); n == 0 {
			t.Errorf("%s: no line where the rig recorded", r.label)
		}
		if begun > 4 {
			if n := countColour(img.SubImage(image.Rect(0, 0, begun-4, 150)), drawnColour(seriesColour(0))); n > 0 {
				t.Errorf("%s: %d pixels of line before the recording began", r.label, n)
			}
		}
	}
}

// The telemetry export's suggested name says the span it holds, to the
// minute, and the GPU when one is chosen: two exports of one day, or of
// two cards, were both offered as rigshift-telemetry-<day>.csv.
func TestTelemetryExportNameSaysTheSpanAndGPU(t *testing.T) {
	testApp(t)
	rig, _, _ := simRig(t, 2)
	w := test.NewWindow(nil)
	defer w.Close()
	tab := newHistoryTab(nil, rig.GPUs, w)
	tab.h = &fakeHistory{}
	now := time.Date(2026, 12, 5, 15, 4, 0, 0, time.Local)
	tab.now = func() time.Time { return now }
	w.SetContent(tab.build())
	t.Cleanup(tab.loads.Wait)
	tab.onRange("24 h")
	suggested := func() string {
		test.Tap(findButton(t, w.Content(), "Telemetry CSV"))
		pop := w.Canvas().Overlays().Top()
		defer w.Canvas().Overlays().Remove(pop)
		for _, o := range popUpParts(pop) {
			if e, ok := o.(*dialogEntry); ok {
				return filepath.Base(e.Text)
			}
		}
		t.Fatal("no file name asked for")
		return ""
	}
	if got, want := suggested(), "rigshift-telemetry-2026-12-04-1504-to-2026-12-05-1504.csv"; got != want {
		t.Errorf("all GPUs over 24 h: suggested %q, want %q", got, want)
	}
	tab.gpuSel.SetSelectedIndex(2)
	if got, want := suggested(), "rigshift-telemetry-gpu1-2026-12-04-1504-to-2026-12-05-1504.csv"; got != want {
		t.Errorf("GPU 1 over 24 h: suggested %q, want %q", got, want)
	}
}

// A load that ends just after an export leaves the export's "Saved …" in
// the note: it said its own notice (none) over it, and the owner who had
// switched ranges and exported at once never read where the file went.
func TestALoadLeavesTheExportsNote(t *testing.T) {
	testApp(t)
	rig, _, _ := simRig(t, 1)
	w := test.NewWindow(nil)
	defer w.Close()
	tab := newHistoryTab(&fakeHistory{}, rig.GPUs, w)
	w.SetContent(tab.build())
	t.Cleanup(tab.loads.Wait)
	tab.loads.Wait()
	drainUI()
	tab.say("Saved /home/owner/Documents/rigshift-earnings.csv (1.2 kB).")
	now := time.Now()
	tab.show(tab.gen, historyResult{from: now.Add(-time.Hour), to: now})
	if !strings.HasPrefix(tab.note.Text, "Saved ") || !tab.note.Visible() {
		t.Errorf("after a load the note reads %q (shown %v)", tab.note.Text, tab.note.Visible())
	}
	tab.show(tab.gen, historyResult{from: now.Add(-time.Hour), to: now, err: errors.New("disk error")})
	if !strings.HasPrefix(tab.note.Text, "Some history could not be read") {
		t.Errorf("a load that failed reads %q", tab.note.Text)
	}
}
