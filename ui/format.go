package ui

import (
	"fmt"
	"image/color"

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
