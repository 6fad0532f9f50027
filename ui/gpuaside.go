package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// showCardMenu opens a GPU card's menu under its button.
func (d *dashboard) showCardMenu(c *gpuCard) {
	drv := fyne.CurrentApp().Driver()
	cv := drv.CanvasForObject(c.menu)
	if cv == nil {
		return
	}
	pop := widget.NewPopUpMenu(d.cardMenu(c), cv)
	// Under the button, its right edge on the button's: the button sits in
	// the card's corner, and a menu hanging right of it leaves the window.
	at := drv.AbsolutePositionForObject(c.menu).AddXY(c.menu.Size().Width-pop.MinSize().Width, c.menu.Size().Height)
	pop.ShowAtPosition(at)
}

// cardMenu is what the owner can do with one GPU: keep it out of
// RigShift's work (the card that drives the monitors, one kept for games),
// or use it again.
func (d *dashboard) cardMenu(c *gpuCard) *fyne.Menu {
	i := c.info.Index
	item := fyne.NewMenuItem(fmt.Sprintf("Set GPU %d aside", i), func() { d.askAside(c) })
	item.Icon = theme.VisibilityOffIcon()
	if c.said.JobID != "" {
		item.Label += "…" // it asks first
	}
	if c.said.Aside {
		item = fyne.NewMenuItem(fmt.Sprintf("Use GPU %d again", i), func() { d.setAside(c, false) })
		item.Icon = theme.VisibilityIcon()
	}
	copyItem := fyne.NewMenuItem(fmt.Sprintf("Copy GPU %d's name and UUID", i), func() {
		fyne.CurrentApp().Clipboard().SetContent(cardIdentity(c.info))
	})
	copyItem.Icon = theme.ContentCopyIcon()
	return fyne.NewMenu("", item, copyItem)
}

// cardIdentity is a GPU's line for a rental marketplace's form or a
// support thread, whole: the card shows its UUID shortened.
func cardIdentity(g hardware.GPUInfo) string {
	return fmt.Sprintf("GPU %d · %s · PCI %s · %s · %s", g.Index, g.Name, g.PCIBusID, gib(g.VRAMTotal), g.UUID)
}

// askAside sets c's GPU aside; when a rental job runs on it, only once the
// owner has agreed to stop the job.
func (d *dashboard) askAside(c *gpuCard) {
	id := c.said.JobID
	if id == "" || d.nav.ask == nil {
		d.setAside(c, true)
		return
	}
	d.nav.ask(fmt.Sprintf("Set GPU %d aside?", c.info.Index), stopsJob(id, c.job, c.info.UUID, c.info.Index),
		"Keep it running", "Set aside", func() { d.setAside(c, true) })
}

// stopsJob says what setting aside a GPU (uuid, index i) does to the
// rental job on it.
func stopsJob(id string, job *control.Job, uuid string, i int) string {
	who := "Rental job " + id
	if job != nil {
		who += " (" + job.Spec.Client + ")"
	}
	if job != nil && job.Spec.OnInterrupt == control.FailJob {
		return who + " runs on it. It stops now and fails, as its client asked of an interrupted run; the time it ran is billed."
	}
	if job != nil && slices.Contains(job.Spec.GPUs, uuid) {
		return who + fmt.Sprintf(" runs on it, and was queued for this GPU by name. It stops now and goes back to the queue, and waits there until you use GPU %d again; the time it ran is billed.", i)
	}
	return who + " runs on it. It stops now and goes back to the queue, to start again from the beginning on GPUs still in use; the time it ran is billed."
}

// setAside asks the controller off the UI goroutine; the card follows the
// next status. A refusal is said in the window.
func (d *dashboard) setAside(c *gpuCard, aside bool) {
	go func() {
		err := d.asider.SetGPUAside(c.info.UUID, aside)
		if err == nil || d.nav.tell == nil {
			return
		}
		what := fmt.Sprintf("GPU %d could not be set aside", c.info.Index)
		if !aside {
			what = fmt.Sprintf("GPU %d could not be used again", c.info.Index)
		}
		runOnUI(func() { d.nav.tell(what, capitalised(err.Error())+".") })
	}()
}
