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
