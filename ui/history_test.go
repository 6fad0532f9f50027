package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
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
			dst = &headerSkipper{w: &buf}
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
