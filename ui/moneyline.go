package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

// moneyLine is "now: renting pays X/h, mining Y/h, electricity Z/h": what
// the rig earns and costs this hour, and the net.
type moneyLine struct {
	rent, mine, power, net *widget.Label
}

func newMoneyLine() *moneyLine {
	bold := func() *widget.Label {
		return widget.NewLabelWithStyle("–", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	return &moneyLine{rent: bold(), mine: bold(), power: bold(), net: bold()}
}

func (l *moneyLine) build() fyne.CanvasObject {
	item := func(what string, v *widget.Label) fyne.CanvasObject {
		return container.NewHBox(caption(what), v)
	}
	return container.NewHBox(
		widget.NewLabel("Now:"),
		item("renting pays", l.rent), item("mining", l.mine),
		item("electricity", l.power), item("net", l.net),
	)
}

// show writes r, per hour, in its currency.
func (l *moneyLine) show(r control.Rates) {
	perHour := func(v float64) string { return money(v, r.Currency) + "/h" }
	setText(l.rent, perHour(r.RentPerHour))
	setText(l.mine, perHour(r.MinePerHour))
	power := fmt.Sprintf("%s (%.2f kW)", perHour(r.PowerCostPerHour), r.PowerW/1000)
	if r.OffPeak {
		power = fmt.Sprintf("%s (%.2f kW, off-peak)", perHour(r.PowerCostPerHour), r.PowerW/1000)
	}
	setText(l.power, power)
	setText(l.net, perHour(r.Net()))
}

// setText changes a label only when its text changes: a refresh costs
// more than a string compare, and most ticks change nothing.
func setText(l *widget.Label, s string) {
	if l.Text != s {
		l.SetText(s)
	}
}
