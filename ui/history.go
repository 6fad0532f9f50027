package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/store"
)

// historyRanges are the spans the history screen offers.
var historyRanges = []struct {
	label string
	span  time.Duration
}{{"1 h", time.Hour}, {"24 h", 24 * time.Hour}, {"7 d", 7 * 24 * time.Hour}, {"30 d", 30 * 24 * time.Hour}}

// chartPoints is how many points a chart asks the store for: about one
// per two pixels of a full-width chart.
const chartPoints = 400

// loadChart is the load's place in historyTab.charts (temperature, power,
// load): its scale is 0–100 %.
const loadChart = 2

// noSamplesText is what a telemetry chart says for a span with no samples.
const noSamplesText = "Nothing recorded in this range: RigShift records every GPU each second while it runs"

// historyTab charts temperature, power and load per GPU over a chosen span,
// and the earnings per day, mining against renting, after electricity.
type historyTab struct {
	h            History
	gpus         []chartGPU // the rig's, then former ones once the store has named them
	asked        bool       // the store was asked for former GPUs
	win          fyne.Window
	span         time.Duration
	gpuSel       *widget.Select
	charts       []*chart // temperature, power, load
	cards        []fyne.CanvasObject
	telemetryCSV *keyButton
	earnings     *chart
	totals       *widget.Label
	note         *widget.Label
	notice       string // what the last load said in the note ("" for nothing)
	busy         *widget.Activity
	gen          int       // the latest request; older answers are dropped
	asking       time.Time // when it was made
	loads        sync.WaitGroup
	now          func() time.Time
	// currency is the rig's currency now, as the controller last said
	// ("" until it has): the earnings chart is in it.
	currency string
	// accruing is what running jobs have earned and not booked yet, as
	// the controller last said: their days count it.
	accruing []store.EarningRecord
}

func newHistoryTab(h History, gpus []hardware.GPUInfo, win fyne.Window) *historyTab {
	t := &historyTab{h: h, gpus: rigChartGPUs(gpus), win: win, span: time.Hour, now: time.Now,
		totals: widget.NewLabel(""), note: widget.NewLabel(""), busy: widget.NewActivity()}
	t.charts = []*chart{newChart("Temperature", "°C, highest", 170), newChart("Power", "W", 170), newChart("Load", "%", 170)}
	t.earnings = newChart("Earnings per day, after electricity", "", 190)
	t.note.Wrapping = fyne.TextWrapWord
	t.totals.Wrapping = fyne.TextWrapWord // a month's totals are a long sentence
	t.note.Hide()
	return t
}

func (t *historyTab) build() fyne.CanvasObject {
	// One is always picked: a second tap on Fyne's radio unpicked the
	// range the charts still showed.
	ranges := newChoices(nil, t.onRange)
	for _, r := range historyRanges {
		ranges.Options = append(ranges.Options, r.label)
	}
	ranges.Selected = historyRanges[0].label
	t.gpuSel = widget.NewSelect(nil, nil)
	t.setGPUOptions()
	t.gpuSel.SetSelectedIndex(0)
	t.gpuSel.OnChanged = func(string) { t.reload() } // set after the first selection: no load before onShow
	// The exports beside the ranges where they fit, else under them: in
	// one row they need a window about 1000 px wide.
	bar := container.New(&sideBySide{}, container.NewHBox(widget.NewLabel("Show"), ranges, t.gpuSel, t.busy),
		container.NewHBox(layout.NewSpacer(), t.exportButtons()))
	body := container.NewVBox(t.note)
	for _, c := range t.charts {
		t.cards = append(t.cards, widget.NewCard("", "", c))
		body.Add(t.cards[len(t.cards)-1])
	}
	body.Add(widget.NewCard("", "", container.NewVBox(t.earnings, t.totals)))
	t.showTelemetry()
	return container.NewBorder(bar, nil, nil, nil, container.NewVScroll(body))
}

// showTelemetry shows the telemetry charts, the GPU choice and their
// export where there is a GPU to chart; else the note says why not.
func (t *historyTab) showTelemetry() {
	has := len(t.gpus) > 0
	for _, c := range t.cards {
		setVisible(c, has)
	}
	setVisible(t.gpuSel, has)
	setVisible(t.telemetryCSV, has) // an empty file would only puzzle
}

// setGPUOptions offers all the GPUs, and each. A select is as wide as its
// placeholder, which it never shows once a GPU is picked: the longest
// choice makes it wide enough for each, up to gpuChoiceWidth.
func (t *historyTab) setGPUOptions() {
	opts := []string{"All GPUs"}
	for _, g := range t.gpus {
		opts = append(opts, g.choice())
	}
	t.gpuSel.PlaceHolder = clipText(longest(opts), gpuChoiceWidth*theme.TextSize())
	t.gpuSel.SetOptions(opts)
}

// gpuChoiceWidth is, in text sizes, the most the GPU select widens for its
// longest choice: "Former GPU 11 · RTX 3080 Ti Laptop GPU" fits. Past it
// (an "RTX PRO 6000 Blackwell Max-Q Workstation Edition") the History
// needed a window wider than 800 px, and Fyne widened RigShift's; such a
// choice, picked, ends in "…", and the list shows it whole.
const gpuChoiceWidth = 20

// clipText is s, shortened from its end until it is at most width wide as
// drawn.
func clipText(s string, width float32) string {
	r := []rune(s)
	for len(r) > 0 && fyne.MeasureText(string(r), theme.TextSize(), fyne.TextStyle{}).Width > width {
		r = r[:len(r)-1]
	}
	return string(r)
}

// selectedGPUs is the GPUs the select names: one, or all.
func (t *historyTab) selectedGPUs() []chartGPU {
	i := t.gpuSel.SelectedIndex()
	if i <= 0 || i > len(t.gpus) {
		return t.gpus
	}
	return t.gpus[i-1 : i]
}

func (t *historyTab) onRange(label string) {
	for _, r := range historyRanges {
		if r.label == label {
			t.span = r.span
		}
	}
	t.reload()
}

// say shows a sentence above the charts, or hides it when text is "".
func (t *historyTab) say(text string) {
	t.note.SetText(text)
	setVisible(t.note, text != "")
}

// onShow reloads when the screen is opened: history moved on meanwhile.
// The first time it also asks the store for the GPUs it recorded that the
// rig no longer has.
func (t *historyTab) onShow() {
	if t.h == nil || t.asked {
		t.reload()
		return
	}
	t.asked = true
	t.loads.Add(1)
	go func() {
		defer t.loads.Done()
		known, err := t.h.KnownGPUs() // on failure the rig's GPUs are still charted
		runOnUI(func() {
			if err == nil {
				t.gpus = addFormerGPUs(t.gpus, known)
				t.setGPUOptions()
				t.showTelemetry()
			}
			t.reload()
		})
	}()
}

func (t *historyTab) exportButtons() fyne.CanvasObject {
	t.telemetryCSV = newKeyButton("Telemetry CSV", theme.DownloadIcon(), t.onExportTelemetry)
	return container.NewHBox(
		t.telemetryCSV,
		newKeyButton("Earnings CSV", theme.DownloadIcon(), t.onExportEarnings),
		newKeyButton("Jobs CSV", theme.DownloadIcon(), t.onExportJobs),
	)
}
