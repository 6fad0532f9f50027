package ui

import (
	"fmt"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
)

// money writes an amount the way a rig owner reads a bill: "$1.20",
// "–€0.35", "4.10 CHF" (the notices write it so too).
var money = control.Money

// hashRate writes H/s to three figures with the unit miners use:
// "245 MH/s", "61.2 MH/s" (the command line writes it so too).
var hashRate = control.HashRate

// span writes a run time: "45 s", "12 min", "2 h 05 min", "3 d 4 h".
func span(d time.Duration) string {
	switch {
	case d < 0:
		return "–"
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h %02d min", int(d.Hours()), int(d.Minutes())%60)
	}
	return control.Uptime(d)
}

// kWh writes energy given in joules.
func kWh(j float64) string { return fmt.Sprintf("%.2f kWh", j/3.6e6) }
