package ui

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
)

// Mining and renting keep their tray colours in the earnings chart; idling
// is slate, a cost only.
var (
	miningColour  = seriesColour(1)  // amber
	rentingColour = seriesColour(4)  // violet
	idleColour    = seriesColour(11) // slate
)

// showEarnings charts, per day, mining and renting after their electricity
// and, below zero, what the rig drew while idle, and sums the span up. The
// chart is in one currency, the rig's: days kept in another (the owner
// changed it in Settings) are named under it, never added in.
func (t *historyTab) showEarnings(days []DayEarnings, from, to time.Time) {
	currency := chartCurrency(days, t.currency)
	mine := chartSeries{name: "mining", colour: miningColour}
	rent := chartSeries{name: "renting", colour: rentingColour}
	idle := chartSeries{name: "idle", colour: idleColour}
	var sumMine, sumRent, sumIdle, power float64
	shown := 0
	others := map[string]float64{}
	for _, d := range days {
		if d.Currency != currency {
			others[d.Currency] += d.MiningNet() + d.RentalNet() - d.IdleElectricity
			continue
		}
		x := float64(d.Day.Unix())
		mine.xs, mine.ys = append(mine.xs, x), append(mine.ys, d.MiningNet())
		rent.xs, rent.ys = append(rent.xs, x), append(rent.ys, d.RentalNet())
		idle.xs, idle.ys = append(idle.xs, x), append(idle.ys, -d.IdleElectricity)
		sumMine, sumRent, sumIdle = sumMine+d.MiningNet(), sumRent+d.RentalNet(), sumIdle+d.IdleElectricity
		power += d.MiningElectricity + d.RentalElectricity + d.IdleElectricity
		shown++
	}
	series := []chartSeries{mine, rent}
	if sumIdle > 0 { // a history from before idle hours were booked has none
		series = append(series, idle)
	}
	t.earnings.unit = currency
	t.earnings.set(chartData{series: series, bars: true, slot: 86400,
		from: float64(from.Unix()), to: float64(midnight(to).AddDate(0, 0, 1).Unix()),
		xLabel: func(x float64) string { return time.Unix(int64(x), 0).Local().Format("Jan 2") },
		none:   "No earnings in these days: each day RigShift mines or rents shows here, after electricity"})
	setVisible(t.totals, len(days) > 0) // the chart says why it is empty
	if len(days) == 0 {
		return
	}
	text := fmt.Sprintf("%s: mining earned %s and renting %s after electricity", control.Plural(shown, "day"),
		money(sumMine, currency), money(sumRent, currency))
	if sumIdle > 0 {
		text += fmt.Sprintf("; idling cost %s, so %s net", money(sumIdle, currency), money(sumMine+sumRent-sumIdle, currency))
	}
	text += fmt.Sprintf("; electricity cost %s in all.", money(power, currency))
	for _, c := range slices.Sorted(maps.Keys(others)) {
		text += fmt.Sprintf(" Not in the chart: %s net in %s, an earlier currency.", money(others[c], c), c)
	}
	t.totals.SetText(text)
}

// chartCurrency is the one the owner keeps accounts in now: the rig's
// (current) where some day has it, as the dashboard's Today row is in it on
// the day of a change too; else that of the latest day (days are in time
// order), as before the controller says which.
func chartCurrency(days []DayEarnings, current string) string {
	if len(days) == 0 {
		return ""
	}
	if current != "" && slices.ContainsFunc(days, func(d DayEarnings) bool { return d.Currency == current }) {
		return current
	}
	last := days[len(days)-1]
	for i := len(days) - 2; i >= 0 && days[i].Day.Equal(last.Day); i-- {
		if days[i].MiningRevenue+days[i].RentalRevenue > last.MiningRevenue+last.RentalRevenue {
			last = days[i] // two currencies on the day of the change: the one that earned more
		}
	}
	return last.Currency
}

func itoa(i int) string { return strconv.Itoa(i) }
