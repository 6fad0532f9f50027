package ui

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// chartGPU is a GPU the history can chart: one in the rig now, or a former
// one the store recorded before (sold, dead, or out of sight while the
// driver is broken), whose history is still worth seeing.
type chartGPU struct {
	hardware.GPUInfo
	former bool
	colour color.NRGBA // the same in every chart and whichever GPUs are shown
}

// name is the GPU in a legend: "GPU 3", or "former GPU 3 (RTX 3070)",
// since another card may have taken its place.
func (g chartGPU) name() string {
	switch {
	case !g.former:
		return g.slot()
	case g.Name == "":
		return "former " + g.slot()
	}
	return "former " + g.slot() + " (" + shortModel(g.Name) + ")"
}

// choice is the GPU in the history's select: "Former GPU 3 · RTX 3070".
func (g chartGPU) choice() string {
	s := g.slot()
	if g.former {
		s = "Former " + s
	}
	if g.Name != "" {
		s += " · " + shortModel(g.Name)
	}
	return s
}

// slot is "GPU 3", or the UUID of a GPU recorded before RigShift kept
// GPUs' names and places.
func (g chartGPU) slot() string {
	if g.Index < 0 {
		return control.ShortUUID(g.UUID)
	}
	return "GPU " + itoa(g.Index)
}

// shortModel drops the maker from a model name: "RTX 3070".
func shortModel(name string) string {
	return strings.TrimPrefix(strings.TrimPrefix(name, "NVIDIA "), "GeForce ")
}

// rigChartGPUs are the rig's GPUs as the history charts them.
func rigChartGPUs(gpus []hardware.GPUInfo) []chartGPU {
	out := make([]chartGPU, len(gpus))
	for i, g := range gpus {
		out[i] = chartGPU{GPUInfo: g, colour: seriesColour(i)}
	}
	return out
}

// addFormerGPUs adds the GPUs the store knows that the rig no longer has,
// after the rig's own, each with a colour of its own.
func addFormerGPUs(gpus []chartGPU, known []hardware.GPUInfo) []chartGPU {
	for _, k := range known {
		if !slices.ContainsFunc(gpus, func(g chartGPU) bool { return g.UUID == k.UUID }) {
			gpus = append(gpus, chartGPU{GPUInfo: k, former: true, colour: seriesColour(len(gpus))})
		}
	}
	return gpus
}

// longest is the longest of texts as drawn, "" for none.
func longest(texts []string) string {
	best, width := "", float32(0)
	for _, s := range texts {
		if w := fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width; w > width {
			best, width = s, w
		}
	}
	return best
}
