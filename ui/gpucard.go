package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/hardware"
)

// gpuCard shows one GPU live: temperature, load, VRAM, power, fan, clocks
// and why it is throttled, or that it is lost.
type gpuCard struct {
	info     hardware.GPUInfo
	card     *widget.Card
	temp     *canvas.Text
	status   *widget.Label
	load     *meter
	vram     *meter
	power    *meter
	fan      *meter
	clocks   *widget.Label
	live     *fyne.Container
	lostNote *fyne.Container
}

func newGPUCard(info hardware.GPUInfo) *gpuCard {
	c := &gpuCard{info: info,
		temp:   canvas.NewText("–", theme.Color(theme.ColorNameForeground)),
		status: widget.NewLabel("waiting for the first reading…"),
		load:   newMeter(), vram: newMeter(), power: newMeter(), fan: newMeter(),
		clocks: widget.NewLabel(""),
	}
	c.temp.TextSize = 2.2 * theme.TextSize()
	c.temp.TextStyle.Bold = true
	c.status.Truncation = fyne.TextTruncateEllipsis
	return c
}

func (c *gpuCard) build() fyne.CanvasObject {
	gauges := container.New(layout.NewFormLayout(),
		widget.NewLabel("Load"), c.load.ProgressBar,
		widget.NewLabel("VRAM"), c.vram.ProgressBar,
		widget.NewLabel("Power"), c.power.ProgressBar,
		widget.NewLabel("Fan"), c.fan.ProgressBar,
	)
	c.live = container.NewVBox(c.status, gauges, c.clocks)
	c.lostNote = container.NewVBox(
		widget.NewLabelWithStyle("GPU lost", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrapped("The driver says this card has fallen off the bus. Check its riser and power cable, then reboot the rig. The other GPUs keep working."),
	)
	c.lostNote.Hide()
	c.card = widget.NewCard("", "", container.NewVBox(c.header(), container.NewStack(c.live, c.lostNote)))
	return c.card
}

// header names the card on the left and shows its temperature on the right.
func (c *gpuCard) header() fyne.CanvasObject {
	name := widget.NewLabelWithStyle(fmt.Sprintf("GPU %d · %s", c.info.Index, c.info.Name),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	detail := caption(fmt.Sprintf("%s · %s · %s", c.info.PCIBusID, gib(c.info.VRAMTotal), shortUUID(c.info.UUID)))
	return container.NewBorder(nil, nil, nil, c.temp, container.NewVBox(name, detail))
}

// update shows s. It runs on the UI goroutine.
func (c *gpuCard) update(s *hardware.GPUSample) {
	if s.State == hardware.GPULost {
		c.showLost()
		return
	}
	c.setTemp(s)
	c.status.SetText(statusText(s))
	c.load.set(float64(s.GPUUtil)/100, fmt.Sprintf("%d %%", s.GPUUtil), s.Has(hardware.MetricUtilization))
	c.vram.set(float64(s.VRAMUsed)/float64(max(1, s.VRAMTotal)),
		fmt.Sprintf("%s / %s", gib(s.VRAMUsed), gib(s.VRAMTotal)), s.Has(hardware.MetricVRAM))
	c.power.set(s.PowerW/max(1, s.PowerLimitW),
		fmt.Sprintf("%.0f / %.0f W", s.PowerW, s.PowerLimitW), s.Has(hardware.MetricPower))
	c.fan.set(float64(s.FanPct)/100, fmt.Sprintf("%d %%", s.FanPct), s.Has(hardware.MetricFan))
	c.clocks.SetText(clockText(s))
}

func (c *gpuCard) setTemp(s *hardware.GPUSample) {
	text, colour := "n/a", theme.Color(theme.ColorNameDisabled)
	if s.Has(hardware.MetricTemp) {
		text, colour = fmt.Sprintf("%d °C", s.TempC), tempColour(s.TempC)
	}
	if s.State == hardware.GPUNotResponding {
		colour = theme.Color(theme.ColorNameDisabled)
	}
	if c.temp.Text != text || c.temp.Color != colour {
		c.temp.Text, c.temp.Color = text, colour
		c.temp.Refresh()
	}
}

func (c *gpuCard) showLost() {
	if c.lostNote.Visible() {
		return
	}
	c.live.Hide()
	c.lostNote.Show()
}

// statusText says in words how the card is doing.
func statusText(s *hardware.GPUSample) string {
	t := s.Throttle
	switch {
	case s.State == hardware.GPUNotResponding:
		return "Not responding — values are stale"
	case !s.Has(hardware.MetricThrottle), t == 0:
		return "Running freely"
	case t.Hot():
		return "Too hot — slowing down (" + t.String() + ")"
	case t == hardware.ThrottleIdle:
		return "Idle"
	case t == hardware.ThrottlePowerCap:
		return "At its power limit"
	}
	return "Held back by " + t.String()
}

func clockText(s *hardware.GPUSample) string {
	if !s.Has(hardware.MetricSMClock) {
		return "Clocks n/a"
	}
	return fmt.Sprintf("Clocks %d MHz core · %d MHz memory", s.SMClockMHz, s.MemClockMHz)
}

// caption is small, muted text for details.
func caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
