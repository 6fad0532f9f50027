package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// cardValueWidth fits "23.5 GiB / 24.0 GiB" beside a card's bars.
const cardValueWidth = 140

// gpuCard shows one GPU live: temperature, GPU and memory load, VRAM,
// power, fan, clocks, why it is throttled, the last two minutes, and its
// workload — or that it is lost or paused for heat.
type gpuCard struct {
	info     hardware.GPUInfo
	card     *panel
	temp     *canvas.Text
	status   *widget.Label
	load     *meter
	vram     *meter
	power    *meter
	fan      *meter
	fanLabel *widget.Label // hidden with the fan's bar until the card reports a fan
	hasFan   bool          // a fan reading has come: the row stays, "n/a" when one is missed
	clocks   *widget.Label
	spark    *sparkline
	work     *workRow
	hotNote  fyne.CanvasObject
	hotText  *widget.Label // why it is paused, and till when
	live     *fyne.Container
	lostNote *fyne.Container
	lost     bool
	heat     *heatScale // the dashboard's: the owner's thermal limits
	others   int        // the rig's other GPUs, which a lost card leaves working
	menu     *keyButton
	said     control.GPUStatus // what the controller said last
	job      *control.Job      // the rental job on it, as said last
}

func newGPUCard(info hardware.GPUInfo, heat *heatScale) *gpuCard {
	c := &gpuCard{info: info, heat: heat,
		temp:   canvas.NewText("–", theme.Color(theme.ColorNameForeground)),
		status: widget.NewLabel("waiting for the first reading…"),
		load:   newMeter(cardValueWidth), vram: newMeter(cardValueWidth), power: newMeter(cardValueWidth), fan: newMeter(cardValueWidth),
		clocks: caption(""), spark: newSparkline(), work: newWorkRow(),
		menu:     newKeyButton("", theme.MoreVerticalIcon(), nil),
		fanLabel: widget.NewLabel("Fan"),
	}
	c.menu.Importance = widget.LowImportance // an icon alone: no background to paint at every refresh
	c.temp.TextSize = 2.2 * theme.TextSize()
	c.temp.TextStyle.Bold = true
	c.status.Truncation = fyne.TextTruncateEllipsis
	return c
}

func (c *gpuCard) build() fyne.CanvasObject {
	gauges := container.New(layout.NewFormLayout(),
		widget.NewLabel("Load"), c.load.obj,
		widget.NewLabel("VRAM"), c.vram.obj,
		widget.NewLabel("Power"), c.power.obj,
		c.fanLabel, c.fan.obj,
	)
	// Passively cooled cards (an H200, an A100) have no fan: NVML answers
	// NOT_SUPPORTED, and a row would show an empty bar marked n/a forever.
	c.fanLabel.Hide()
	c.fan.obj.Hide()
	c.hotText = wrapped("")
	c.hotNote = labelBanner(theme.ColorNameWarning, theme.WarningIcon(), c.hotText, nil)
	c.hotNote.Hide()
	c.live = container.NewVBox(c.hotNote, c.work.build(), newSeparator(), c.status, gauges,
		c.clocks, c.spark)
	c.lostNote = container.NewVBox(
		widget.NewLabelWithStyle("GPU lost", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrapped(lostWords(c.others)),
	)
	c.lostNote.Hide()
	c.card = newPanel(container.NewVBox(c.header(), container.NewStack(c.live, c.lostNote)))
	return c.card
}

// lostWords tells the owner what to do about a card the driver lost, and
// that the rig's other GPUs, where it has any, keep working.
func lostWords(others int) string {
	s := "The driver says this card has fallen off the bus. Check its riser and power cable, then reboot the rig."
	if w := control.OthersKeepWorking(others); w != "" {
		s += " " + strings.ToUpper(w[:1]) + w[1:] + "."
	}
	return s
}

// header names the card on the left and shows its temperature on the
// right, beside the card's menu.
func (c *gpuCard) header() fyne.CanvasObject {
	name := widget.NewLabelWithStyle(fmt.Sprintf("GPU %d · %s", c.info.Index, c.info.Name),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	detail := caption(fmt.Sprintf("%s · %s · %s", c.info.PCIBusID, gib(c.info.VRAMTotal), control.ShortUUID(c.info.UUID)))
	detail.Truncation = fyne.TextTruncateEllipsis
	right := container.NewHBox(c.temp, container.NewVBox(c.menu))
	return container.NewBorder(nil, nil, nil, right, container.NewVBox(name, detail))
}

// sparkLegend names the cards' sparklines' two series in their colours. It
// is written once above the cards, not in each: the window repaints every
// object at every refresh, and eight copies of one line cost eight times.
func sparkLegend() fyne.CanvasObject {
	colours := []fyne.ThemeColorName{theme.ColorNamePlaceHolder, theme.ColorNameWarning, theme.ColorNamePrimary}
	var texts []*canvas.Text
	for _, s := range []string{"Graphs, last 2 min:", "— temperature (0–100 °C)", "power (of its limit)"} {
		t := canvas.NewText(s, nil)
		t.TextSize = theme.CaptionTextSize()
		texts = append(texts, t)
	}
	// Power is an area: a swatch, drawn (the font has no ▮).
	power := newSwatch(nil)
	row := container.NewHBox(texts[0], texts[1], container.NewCenter(power), texts[2])
	return newThemed(row, func() {
		for i, t := range texts {
			t.Color = legendColour(theme.Color(colours[i])) // blue on the dark theme is 3.9:1: the swatch says it
			t.Refresh()
		}
		power.FillColor = theme.Color(theme.ColorNamePrimary)
		power.Refresh()
	})
}
