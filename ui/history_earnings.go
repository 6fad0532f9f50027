package ui

import (
	"fmt"
	"strconv"
	"time"
)

// Mining and renting keep their tray colours in the earnings chart.
var (
	miningColour  = seriesColour(1) // amber
	rentingColour = seriesColour(4) // violet
)

// showEarnings charts one pair of bars per day and sums the span up.
func (t *historyTab) showEarnings(days []DayEarnings, from, to time.Time) {
	mine := chartSeries{name: "mining", colour: miningColour}
	rent := chartSeries{name: "renting", colour: rentingColour}
	var sumMine, sumRent, power float64
	currency := ""
	for _, d := range days {
		x := float64(d.Day.Unix())
		mine.xs, mine.ys = append(mine.xs, x), append(mine.ys, d.MiningNet())
		rent.xs, rent.ys = append(rent.xs, x), append(rent.ys, d.RentalNet())
		sumMine, sumRent = sumMine+d.MiningNet(), sumRent+d.RentalNet()
		power += d.MiningElectricity + d.RentalElectricity
		currency = d.Currency
	}
	t.earnings.unit = currency
	t.earnings.set(chartData{series: []chartSeries{mine, rent}, bars: true, slot: 86400,
		from: float64(from.Unix()), to: float64(midnight(to).AddDate(0, 0, 1).Unix()),
		xLabel: func(x float64) string { return time.Unix(int64(x), 0).Local().Format("Jan 2") },
		none:   "No earnings in these days: each day RigShift mines or rents shows here, after electricity"})
	setVisible(t.totals, len(days) > 0) // the chart says why it is empty
	if len(days) == 0 {
		return
	}
	t.totals.SetText(fmt.Sprintf("%d days: mining earned %s and renting %s after electricity; electricity cost %s in all.",
		len(days), money(sumMine, currency), money(sumRent, currency), money(power, currency)))
}

func itoa(i int) string { return strconv.Itoa(i) }
