package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// hostPanel shows the machine the GPUs sit in: CPU, memory, sensors, uptime.
type hostPanel struct {
	info    hardware.HostInfo
	cpu     *meter
	mem     *meter
	sensors *widget.Label
	uptime  *widget.Label
}

func newHostPanel(info hardware.HostInfo) *hostPanel {
	return &hostPanel{info: info, cpu: newMeter(cardValueWidth), mem: newMeter(cardValueWidth),
		sensors: widget.NewLabel("no temperature sensors reported"), uptime: widget.NewLabel("")}
}

func (h *hostPanel) build() fyne.CanvasObject {
	gauges := container.New(layout.NewFormLayout(),
		widget.NewLabel("CPU"), h.cpu.obj,
		widget.NewLabel("Memory"), h.mem.obj,
	)
	title := widget.NewLabelWithStyle("Host · "+h.info.Hostname, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	detail := caption(fmt.Sprintf("%s · %s · %d cores", h.info.OS, h.info.CPUModel, h.info.CPUCores))
	// Cut short as a GPU card's name is: the panel shares the cards' grid,
	// whose columns are as wide as its widest cell, and a cloud machine's
	// 64-character hostname put every card in a column of its own.
	title.Truncation = fyne.TextTruncateEllipsis
	detail.Truncation = fyne.TextTruncateEllipsis
	// The sensors wrap beside the uptime: six of them under raw names (an
	// Intel host's cores) in one line widened the window past the screen.
	h.sensors.Wrapping = fyne.TextWrapWord
	return newPanel(container.NewVBox(title, detail, gauges, container.NewBorder(nil, nil, h.uptime, nil, h.sensors)))
}

// update shows s. It runs on the UI goroutine.
func (h *hostPanel) update(s *hardware.HostSample) {
	h.cpu.set(s.CPUPct/100, fmt.Sprintf("%.0f %%", s.CPUPct), true)
	h.mem.set(float64(s.MemUsed)/float64(max(1, s.MemTotal)),
		fmt.Sprintf("%s / %s", gib(s.MemUsed), gib(s.MemTotal)), s.MemTotal > 0)
	h.uptime.SetText("Up " + control.Uptime(s.Uptime))
	if len(s.Sensors) > 0 {
		h.sensors.SetText(sensorText(s.Sensors))
	}
}

func sensorText(sensors []hardware.Sensor) string {
	parts := make([]string, len(sensors))
	for i, s := range sensors {
		parts[i] = fmt.Sprintf("%s %.0f °C", s.Name, s.TempC)
	}
	return strings.Join(parts, " · ")
}
