package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/hardware"
)

// minCardWidth is the narrowest a GPU card gets: two fit across 840 px.
const minCardWidth = 390

// dashboard is the main screen: every GPU as a live card and the host.
type dashboard struct {
	rig   Rig
	cards []*gpuCard
	host  *hostPanel
}

func newDashboard(rig Rig) *dashboard {
	d := &dashboard{rig: rig, host: newHostPanel(rig.Host)}
	for _, g := range rig.GPUs {
		d.cards = append(d.cards, newGPUCard(g))
	}
	return d
}

func (d *dashboard) build() fyne.CanvasObject {
	body := container.NewVBox(d.header(), d.gpuArea(), d.host.build())
	return container.NewVScroll(body)
}

func (d *dashboard) header() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Your rig", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewHBox(title, widget.NewLabel(d.summary()))
}

func (d *dashboard) summary() string {
	s := d.rig.System
	switch {
	case len(d.rig.GPUs) == 0:
		return "no GPUs"
	case s.Backend == "simulated":
		return fmt.Sprintf("%d simulated GPUs · nothing here is real hardware", len(d.rig.GPUs))
	}
	return fmt.Sprintf("%d GPUs · NVIDIA driver %s · CUDA %s", len(d.rig.GPUs), s.Driver, s.CUDA)
}

func (d *dashboard) gpuArea() fyne.CanvasObject {
	if len(d.cards) == 0 {
		return noGPUCard(d.rig.GPUErr)
	}
	objs := make([]fyne.CanvasObject, len(d.cards))
	cell := fyne.NewSize(minCardWidth, 0)
	for i, c := range d.cards {
		objs[i] = c.build()
		cell = cell.Max(objs[i].MinSize())
	}
	return container.NewGridWrap(cell, objs...)
}

// noGPUCard tells a newcomer without the NVIDIA driver what to do next.
func noGPUCard(err error) fyne.CanvasObject {
	title := "No NVIDIA GPUs found"
	if err != nil {
		title = capitalised(err.Error())
	}
	help := wrapped("RigShift reads NVIDIA GPUs through the NVIDIA driver (libnvidia-ml). " +
		"Install the proprietary driver for your distribution — on Debian or Ubuntu: " +
		"sudo apt install nvidia-driver — reboot, and start RigShift again. " +
		"The host is shown below meanwhile. To look around without a GPU, run: rigshift --simulate 4")
	icon := widget.NewIcon(theme.WarningIcon())
	return widget.NewCard("", "", container.NewBorder(nil, nil, icon, nil,
		container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), help)))
}

// update shows a snapshot. It runs on the UI goroutine.
func (d *dashboard) update(snap *hardware.Snapshot) {
	for i := range snap.GPUs {
		if i < len(d.cards) {
			d.cards[i].update(&snap.GPUs[i])
		}
	}
	if snap.HostErr == nil {
		d.host.update(&snap.Host)
	}
}

func capitalised(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
