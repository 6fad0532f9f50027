package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// minCardWidth is the narrowest a GPU card gets: two fit across 840 px.
const minCardWidth = 390

// navigator moves between screens, for the dashboard's empty states.
type navigator struct {
	settings   func()            // open the settings (to set up a miner)
	addJob     func()            // open the add-job dialog
	openFolder func(path string) // show the folder holding a file
	// ask puts a yes-or-no question in the window; yes runs only when the
	// owner agrees. tell says something that went wrong.
	ask  func(title, text, noLabel, yesLabel string, yes func())
	tell func(title, text string)
}

// dashboard is the main screen: the mode switch, the money line, every
// GPU as a live card, and the host.
type dashboard struct {
	rig     Rig
	nav     navigator
	modes   *modeSwitch
	money   *moneyLine
	notices *noticeArea
	cards   []*gpuCard
	byUUID  map[string]*gpuCard
	host    *hostPanel
	heat    heatScale // shared with the cards
	asider  gpuAsider
	scroll  *container.Scroll // the whole screen; nil until built
}

// setLimits colours temperatures by the owner's thermal limits, from the
// next reading on.
func (d *dashboard) setLimits(s control.Settings) { d.heat = heatOf(s) }

func newDashboard(rig Rig, ctl rigControl, nav navigator) *dashboard {
	d := &dashboard{rig: rig, nav: nav, modes: newModeSwitch(ctl), money: newMoneyLine(), asider: ctl,
		notices: newNoticeArea(nav), host: newHostPanel(rig.Host), byUUID: map[string]*gpuCard{}, heat: defaultHeat}
	d.modes.ask, d.modes.noGPU, d.modes.resized = nav.ask, len(rig.GPUs) == 0, d.relayout
	for _, g := range rig.GPUs {
		c := newGPUCard(g, &d.heat)
		c.others = len(rig.GPUs) - 1
		c.menu.OnTapped = func() { d.showCardMenu(c) }
		c.work.use.OnTapped = func() { d.setAside(c, false) }
		d.cards = append(d.cards, c)
		d.byUUID[g.UUID] = c
	}
	return d
}

func (d *dashboard) build() fyne.CanvasObject {
	top := newPanel(container.NewVBox(d.header(), d.modes.build(), newSeparator(), d.money.build()))
	body := container.NewVBox(top, d.notices.build(), d.gpuArea())
	d.scroll = container.NewVScroll(body)
	return d.scroll
}

func (d *dashboard) header() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Your rig", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	return container.NewHBox(title, container.NewCenter(caption(d.summary())))
}

func (d *dashboard) summary() string {
	s := d.rig.System
	switch {
	case len(d.rig.GPUs) == 0:
		return "no GPUs"
	case s.Backend == hardware.BackendSimulated:
		return control.Plural(len(d.rig.GPUs), "simulated GPU") + " · nothing here is real hardware"
	}
	return fmt.Sprintf("%s · NVIDIA driver %s · CUDA %s", control.Plural(len(d.rig.GPUs), "GPU"), s.Driver, s.CUDA)
}

// gpuArea is the GPU cards, the host in the grid's last cell, or where
// there are no GPUs, why, above the host.
func (d *dashboard) gpuArea() fyne.CanvasObject {
	if len(d.cards) == 0 {
		return container.NewVBox(noGPUCard(d.rig.GPUErr), d.host.build())
	}
	objs := make([]fyne.CanvasObject, 0, len(d.cards)+1)
	for _, c := range d.cards {
		objs = append(objs, c.build())
	}
	objs = append(objs, d.host.build())
	return container.NewVBox(sparkLegend(), container.New(&cardGrid{minWidth: minCardWidth}, objs...))
}

// noGPUCard tells a newcomer without GPUs to show why, and what to do next.
func noGPUCard(err error) fyne.CanvasObject {
	title, help := noGPUWords(err)
	icon := widget.NewIcon(theme.WarningIcon())
	p := newPanel(container.NewBorder(nil, nil, icon, nil, container.NewVBox(heading(title), wrapped(help))))
	p.setAccent(theme.ColorNameWarning)
	return p
}

// noGPUWords says why no GPU is shown and what to do about it: install
// the driver only where there is none; a driver that needs a reboot, finds
// no card or does not answer says so itself.
func noGPUWords(err error) (title, help string) {
	const meanwhile = " The host is shown below meanwhile. To look around without a GPU, run: rigshift --simulate 4"
	switch {
	case err == nil:
		return "No NVIDIA GPUs found", "The NVIDIA driver lists no GPU on this machine." + meanwhile
	case err.Error() == hardware.ErrNoDriver.Error():
		return "No NVIDIA driver found", "RigShift reads NVIDIA GPUs through the NVIDIA driver (libnvidia-ml). " +
			"Install the proprietary driver for your distribution — " + hardware.DriverInstall +
			" — reboot, and start RigShift again." + meanwhile
	case errors.Is(err, hardware.ErrNoDriver):
		return "No NVIDIA driver found", capitalised(err.Error()) + "." + meanwhile
	}
	return "The NVIDIA driver cannot show the GPUs", capitalised(err.Error()) + "." + meanwhile
}

// update records a telemetry snapshot and, when visible, shows it. It runs
// on the UI goroutine.
func (d *dashboard) update(snap *hardware.Snapshot, visible bool) {
	resized := false
	for i := range snap.GPUs {
		if c := d.byUUID[snap.GPUs[i].UUID]; c != nil {
			resized = c.update(&snap.GPUs[i], false) || resized
		}
	}
	if visible {
		d.redraw(snap)
	}
	if resized {
		d.relayout()
	}
}

// redraw shows snap, already recorded: at a refresh, or as the dashboard
// comes into view.
func (d *dashboard) redraw(snap *hardware.Snapshot) {
	resized := false
	for i := range snap.GPUs {
		if c := d.byUUID[snap.GPUs[i].UUID]; c != nil {
			resized = c.redraw(&snap.GPUs[i]) || resized
		}
	}
	if snap.HostErr == nil {
		d.host.update(&snap.Host)
	}
	if resized {
		d.relayout()
	}
}

// relayout keeps what changed height from being drawn over its
// neighbours or leaving a gap: after a notice, a card's job bar, hot or
// lost note came or went (relayout.go says why Fyne's own may miss it).
// A layout of the whole screen costs about half a millisecond, so it
// runs only then.
func (d *dashboard) relayout() {
	if d.scroll != nil {
		relayout(d.scroll)
	}
}

// showStatus follows the controller. It runs on the UI goroutine.
func (d *dashboard) showStatus(st control.Status) {
	d.modes.show(st)
	d.money.show(st.Rates)
	d.money.showToday(st.Today)
	resized := d.notices.show(st)
	running := map[string]*control.Job{}
	for i := range st.Running {
		running[st.Running[i].ID] = &st.Running[i]
	}
	for _, g := range st.GPUs {
		if c := d.byUUID[g.UUID]; c != nil {
			resized = c.showWork(g, running[g.JobID], st.MiningWaits) || resized
		}
	}
	if resized {
		d.relayout()
	}
}

func capitalised(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
