package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

// eventDetail shows one event whole, below the log: a failed job's last
// lines of output do not fit on a row. It can be copied, to pass on to a
// client or paste into a support request.
type eventDetail struct {
	box   *fyne.Container
	title *widget.Label
	text  *widget.Label
	about *widget.Label
}

func newEventDetail(close func()) *eventDetail {
	d := &eventDetail{title: heading(""), text: wrapped(""), about: caption("")}
	shut := widget.NewButtonWithIcon("", theme.CancelIcon(), close)
	shut.Importance = widget.LowImportance
	copyAll := widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), d.copy)
	copyAll.Importance = widget.LowImportance
	top := container.NewBorder(nil, nil, nil, container.NewHBox(copyAll, shut), d.title)
	d.box = container.NewVBox(newSeparator(), top, d.text, d.about)
	d.box.Hide()
	return d
}

// copy puts the event, as shown, on the clipboard.
func (d *eventDetail) copy() {
	text := d.title.Text + "\n" + d.text.Text
	if d.about.Visible() {
		text += "\n" + d.about.Text
	}
	fyne.CurrentApp().Clipboard().SetContent(text)
}

func (d *eventDetail) show(e Event, context string) {
	title := e.Title
	if title == "" {
		title = control.DescribeEvent(e.Kind).Title
	}
	d.title.SetText(title + " · " + e.Time.Local().Format("Mon 2 Jan 2006, 15:04:05"))
	d.text.SetText(drawable(control.EventBody(e)))
	d.about.SetText(context)
	setVisible(d.about, context != "")
	d.box.Show()
}
