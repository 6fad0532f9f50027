package ui

import (
	"time"
)

// seedSparklines fills the cards' sparklines with the last two minutes
// from history, off the UI goroutine, so a window opened on a running rig
// shows its recent past at once instead of a line that starts now.
func (d *dashboard) seedSparklines(h History, now time.Time) {
	if h == nil {
		return
	}
	from := now.Add(-sparkPoints * time.Second)
	go func() {
		for _, c := range d.cards {
			temps, err1 := h.Series(c.info.UUID, MetricTemp, from, now, sparkPoints)
			powers, err2 := h.Series(c.info.UUID, MetricPower, from, now, sparkPoints)
			if err1 != nil || err2 != nil || len(temps) != len(powers) {
				continue
			}
			runOnUI(func() { c.seed(temps, powers) })
		}
	}()
}

// seed puts history in front of whatever the live feed has added.
func (c *gpuCard) seed(temps, powers []Point) {
	live := c.spark.temp.n
	fresh := newSparkline()
	for i := range temps {
		fresh.push(float64(temps[i].Avg), float64(powers[i].Avg)/max(1, c.info.PowerLimitW))
	}
	for i := range live {
		fresh.temp.push(c.spark.temp.at(i))
		fresh.power.push(c.spark.power.at(i))
	}
	c.spark.temp, c.spark.power = fresh.temp, fresh.power
	c.spark.Refresh()
}
