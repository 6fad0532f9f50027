package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/rigshift/rigshift/hardware"
)

// Six sensors under raw names, as an Intel host reports its cores, keep
// the window's width: in one line beside the uptime they widened it to
// about 1100 px, past a small screen's edge.
func TestHostSensorsWrap(t *testing.T) {
	testApp(t)
	h := newHostPanel(hardware.HostInfo{Hostname: "rig-01", OS: "debian 12.5", CPUModel: "Intel(R) Core(TM) i5-9400F", CPUCores: 6})
	w := test.NewWindow(h.build())
	defer w.Close()
	var sensors []hardware.Sensor
	for _, name := range []string{"CPU package", "coretemp_core_0", "coretemp_core_1", "coretemp_core_2", "coretemp_core_3", "NVMe"} {
		sensors = append(sensors, hardware.Sensor{Name: name, TempC: 48})
	}
	h.update(&hardware.HostSample{CPUPct: 12, MemUsed: 4 << 30, MemTotal: 16 << 30, Uptime: 3e14, Sensors: sensors})
	if got := w.Content().MinSize().Width; got > 600 {
		t.Errorf("the host panel needs %.0f px", got)
	}
}

// A long hostname (64 characters, as a cloud machine's can be) and a long
// CPU model keep the host panel within a GPU card's column: it shares the
// cards' grid, whose columns are as wide as its widest cell, and a title
// that never shortened put every card in one column even at 1280 px.
func TestHostLongNamesKeepTheCardsWidth(t *testing.T) {
	testApp(t)
	long := hardware.HostInfo{Hostname: strings.Repeat("gpu-rig-", 8), OS: "ubuntu 24.04.1 LTS (Noble Numbat)",
		CPUModel: "AMD Ryzen Threadripper PRO 5995WX 64-Cores", CPUCores: 128}
	h := newHostPanel(long)
	w := test.NewWindow(h.build())
	defer w.Close()
	if got := w.Content().MinSize().Width; got > minCardWidth {
		t.Errorf("the host panel needs %.0f px, a GPU card's column %d px", got, minCardWidth)
	}
}
