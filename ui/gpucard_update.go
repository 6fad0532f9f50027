package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// update shows s. It runs on the UI goroutine; when the window is hidden
// (visible false) it only records the sparkline, so a card in the tray
// costs no redraw. It reports whether the card changed height.
func (c *gpuCard) update(s *hardware.GPUSample, visible bool) (resized bool) {
	if s.State == hardware.GPULost {
		return c.showLost()
	}
	if s.Has(hardware.MetricTemp) && s.Has(hardware.MetricPower) {
		c.spark.push(float64(s.TempC), powerShare(s))
	}
	if visible {
		return c.redraw(s)
	}
	return false
}

// redraw shows s's values; update has recorded its sample already. It
// reports whether the card changed height (its fan row appeared).
func (c *gpuCard) redraw(s *hardware.GPUSample) (resized bool) {
	if c.lost {
		return false
	}
	c.setTemp(s)
	setText(c.status, statusText(s))
	c.load.set(float64(s.GPUUtil)/100, loadText(s), s.Has(hardware.MetricUtilization))
	c.vram.set(float64(s.VRAMUsed)/float64(max(1, s.VRAMTotal)),
		fmt.Sprintf("%s / %s", gib(s.VRAMUsed), gib(s.VRAMTotal)), s.Has(hardware.MetricVRAM))
	power := fmt.Sprintf("%.0f W", s.PowerW) // a card without a power limit: the draw alone, an empty bar
	if hasPowerLimit(s) {
		power = fmt.Sprintf("%.0f / %.0f W", s.PowerW, s.PowerLimitW)
	}
	c.power.set(powerShare(s), power, s.Has(hardware.MetricPower))
	c.fan.set(float64(s.FanPct)/100, fmt.Sprintf("%d %%", s.FanPct), s.Has(hardware.MetricFan))
	if !c.hasFan && s.Has(hardware.MetricFan) {
		c.hasFan, resized = true, true
		c.fanLabel.Show()
		c.fan.obj.Show()
	}
	setText(c.clocks, clockText(s))
	c.spark.Refresh()
	return resized
}

// showWork follows the controller: the workload, lost and hot states;
// waits is why mining waits ("mining starts at 22:00"), for an idle card.
// It reports whether the card changed height.
func (c *gpuCard) showWork(g control.GPUStatus, job *control.Job, waits string) (resized bool) {
	c.said, c.job = g, job
	// A card the driver has shown lost stays so: the controller may still
	// say "mining" a heartbeat later, and its stripe would turn blue again.
	if g.Lost || c.lost {
		return c.showLost()
	}
	if words := hotWords(g.HeldUntil); g.Hot && c.hotText.Text != words {
		c.hotText.SetText(words) // a longer sentence may wrap onto another line
		resized = true
	}
	resized = setVisible(c.hotNote, g.Hot) || resized
	resized = c.work.show(g, job, waits) || resized
	c.card.setAccent(workAccent(g, job))
	return resized
}

// hotWords says why a card's workload is paused for heat, and, for a
// miner that overheated again within the hour and is kept paused a while
// even once cool, until when: else "paused (hot)" on a card at 50 °C
// would read as a fault.
func hotWords(heldUntil time.Time) string {
	if heldUntil.IsZero() {
		return "Paused (hot): its workload waits until the card has cooled down."
	}
	at := heldUntil.Add(time.Minute - time.Nanosecond).Truncate(time.Minute) // the minute it is over by
	return "Paused (hot) again within the hour: mining waits until " + when(at) +
		" at least, and until the card has cooled down."
}

// workAccent is the colour of the card's stripe: what the GPU is doing, at
// a glance across the room, in the tray's colours (amber mining, violet
// renting); red, as the tray's attention icon, for a card paused hot.
func workAccent(g control.GPUStatus, job *control.Job) fyne.ThemeColorName {
	switch {
	case g.Hot:
		return theme.ColorNameError
	case job != nil || g.JobID != "":
		return colorNameRenting
	case g.Work == "mining":
		return colorNameMining
	case g.Aside:
		// Grey, but a grey that reads: the "disabled" one is the card's
		// own outline colour in the light theme, and the stripe vanished.
		return theme.ColorNamePlaceHolder
	}
	return ""
}

func (c *gpuCard) setTemp(s *hardware.GPUSample) {
	text, colour := "n/a", theme.Color(theme.ColorNameDisabled)
	if s.Has(hardware.MetricTemp) {
		text, colour = fmt.Sprintf("%d °C", s.TempC), c.heat.colour(s.TempC)
	}
	if s.State == hardware.GPUNotResponding {
		colour = theme.Color(theme.ColorNameDisabled)
	}
	if c.temp.Text != text || c.temp.Color != colour {
		c.temp.Text, c.temp.Color = text, colour
		c.temp.Refresh()
	}
}

// showLost replaces the live values for good: a lost GPU comes back only
// after a reboot. It reports whether the card changed, the first time.
func (c *gpuCard) showLost() (changed bool) {
	if c.lost {
		return false
	}
	c.lost = true
	c.card.setAccent(theme.ColorNameError)
	c.live.Hide()
	c.lostNote.Show()
	c.temp.Text, c.temp.Color = "lost", theme.Color(theme.ColorNameError)
	c.temp.Refresh()
	return true
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
		text := "Too hot — slowing down"
		if t&hardware.ThrottleHWThermal != 0 {
			text = "Overheating — the card slows itself down"
		}
		if rest := t &^ (hardware.ThrottleHWThermal | hardware.ThrottleSWThermal); rest != 0 {
			text += " (also " + rest.String() + ")"
		}
		return text
	case t == hardware.ThrottleIdle:
		return "Idle clocks"
	case t == hardware.ThrottlePowerCap:
		return "At its power limit"
	}
	return "Held back by " + t.String()
}

// loadText is the GPU's load and, beside it, its memory's: how busy the
// memory bus was, which a memory-hard miner fills while the cores idle
// (nvidia-smi dmon's "mem").
func loadText(s *hardware.GPUSample) string {
	return fmt.Sprintf("%d %% · mem %d %%", s.GPUUtil, s.MemUtil)
}

func clockText(s *hardware.GPUSample) string {
	if !s.Has(hardware.MetricSMClock) {
		return "Clocks n/a"
	}
	return fmt.Sprintf("Clocks %d MHz core · %d MHz memory", s.SMClockMHz, s.MemClockMHz)
}

// hasPowerLimit reports whether the card told its power limit.
func hasPowerLimit(s *hardware.GPUSample) bool {
	return s.Has(hardware.MetricPowerLimit) && s.PowerLimitW > 0
}

// powerShare is the draw as a share of the limit; 0 without a limit.
func powerShare(s *hardware.GPUSample) float64 {
	if !hasPowerLimit(s) {
		return 0
	}
	return s.PowerW / s.PowerLimitW
}
