package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2/theme"

	"github.com/rigshift/rigshift/jobs/control"
)

// gib writes a memory size: "24.0 GiB", and whole GiB from 100 on, so
// that an H200's "140 GiB / 140 GiB" fits its card's value column.
func gib(b uint64) string {
	g := float64(b) / (1 << 30)
	if g < 99.95 {
		return fmt.Sprintf("%.1f GiB", g)
	}
	return fmt.Sprintf("%.0f GiB", g)
}

// heatScale colours temperatures by the owner's thermal limits (Settings):
// amber from the temperature the guard resumes below, red past the limit,
// where it holds the GPU.
type heatScale struct{ warmC, hotC float64 }

// defaultHeat is the thermal guard's defaults: resume below 70 °C, hold
// past 83 °C.
var defaultHeat = heatScale{warmC: 70, hotC: 83}

func heatOf(s control.Settings) heatScale {
	return heatScale{warmC: s.ResumeBelowC, hotC: s.ThermalLimitC}
}

// colour is green when cool, amber when warm, red past the limit.
func (h heatScale) colour(c int) color.Color {
	switch t := float64(c); {
	case t > h.hotC:
		return theme.Color(theme.ColorNameError)
	case t >= h.warmC:
		return theme.Color(theme.ColorNameWarning)
	}
	return theme.Color(theme.ColorNameSuccess)
}
