package ui

import (
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
