package ui

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2/theme"
)

// Thermal thresholds for colouring temperatures: the thermal guard's
// defaults (stop at 83 °C, resume below 70 °C).
const (
	warmC = 70
	hotC  = 83
)

func gib(b uint64) string { return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30)) }

// tempColour is green when cool, amber when warm, red at the limit.
func tempColour(c int) color.Color {
	switch {
	case c >= hotC:
		return theme.Color(theme.ColorNameError)
	case c >= warmC:
		return theme.Color(theme.ColorNameWarning)
	}
	return theme.Color(theme.ColorNameSuccess)
}

// uptime writes a duration the way people say it: "3 d 4 h", "2 h 5 min".
func uptime(d time.Duration) string {
	days, hours, mins := int(d.Hours())/24, int(d.Hours())%24, int(d.Minutes())%60
	switch {
	case days > 0:
		return fmt.Sprintf("%d d %d h", days, hours)
	case hours > 0:
		return fmt.Sprintf("%d h %d min", hours, mins)
	}
	return fmt.Sprintf("%d min", mins)
}

// compactDuration writes a setting's duration as an owner would type it,
// without Go's trailing zero units: "2m", not "2m0s"; "1h30m", not
// "1h30m0s". time.ParseDuration reads it back.
func compactDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func shortUUID(uuid string) string {
	if len(uuid) > 12 {
		return uuid[:12] + "…"
	}
	return uuid
}
