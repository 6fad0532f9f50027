package cli

import (
	"fmt"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
)

// money formats an amount with its currency code: "4.68 USD", "0.003 USD".
func money(v float64, currency string) string {
	return control.Amount(v) + " " + currency
}

// hashrate formats H/s with a unit prefix: 61.2 MH/s.
func hashrate(hs float64) string {
	units := []string{"H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s"}
	i := 0
	for ; hs >= 1000 && i < len(units)-1; i++ {
		hs /= 1000
	}
	return fmt.Sprintf("%.4g %s", hs, units[i])
}

// duration formats a run time as the window does: seconds under a
// minute, then hours and minutes; "-" for none.
func duration(d time.Duration) string {
	switch {
	case d <= 0:
		return "-"
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	}
	return control.Uptime(d) // as the window writes it: "1 h 28 min", not Go's "1h28m4s"
}

