package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

// moneyLine is the money at a glance, a small table: what renting,
// mining and electricity earn and cost this hour and the net, and below,
// what they have come to since midnight.
type moneyLine struct {
	rent, mine, power, net                     *widget.Label // now, per hour
	todayRent, todayMine, todayPower, todayNet *widget.Label // since midnight
}

func newMoneyLine() *moneyLine {
	bold := func() *widget.Label {
		return widget.NewLabelWithStyle("–", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	return &moneyLine{rent: bold(), mine: bold(), power: bold(), net: bold(),
		todayRent: bold(), todayMine: bold(), todayPower: bold(), todayNet: bold()}
}

func (l *moneyLine) build() fyne.CanvasObject {
	column := func(head string, now, today fyne.CanvasObject) fyne.CanvasObject {
		// The rows close up: a label's own padding spaces them enough.
		return container.New(layout.NewCustomPaddedVBoxLayout(0), caption(head), now, today)
	}
	return container.NewHBox(
		column("", widget.NewLabel("Now:"), widget.NewLabel("Today:")),
		column("renting", l.rent, l.todayRent), column("mining", l.mine, l.todayMine),
		column("electricity", l.power, l.todayPower), column("net", l.net, l.todayNet),
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

// showToday writes what the day has come to so far; "–" until the
// controller has totalled it.
func (l *moneyLine) showToday(t control.Today) {
	amount := func(v float64) string { return money(v, t.Currency) }
	if t.Currency == "" {
		amount = func(float64) string { return "–" }
	}
	setText(l.todayRent, amount(t.Rent))
	setText(l.todayMine, amount(t.Mine))
	setText(l.todayPower, amount(t.Electricity))
	setText(l.todayNet, amount(t.Net()))
}

// setText changes a label only when its text changes: a refresh costs
// more than a string compare, and most ticks change nothing.
func setText(l *widget.Label, s string) {
	if l.Text != s {
		l.SetText(s)
	}
}
