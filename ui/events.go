package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// eventLimit is how many events the log shows: a month of a busy rig.
const eventLimit = 500

// eventsTab is the event log: mode changes with their reasons, restarts,
// thermal pauses, lost GPUs and the notifications sent, newest first.
type eventsTab struct {
	h      History
	gpus   map[string]int // UUID → index, to name GPUs the way the cards do
	events []Event
	list   *widget.List
	empty  fyne.CanvasObject // shown while the log has no events
	note   *widget.Label
	now    func() time.Time
}

func newEventsTab(h History, gpuIndex map[string]int) *eventsTab {
	return &eventsTab{h: h, gpus: gpuIndex, note: widget.NewLabel(""), now: time.Now}
}

func (t *eventsTab) build() fyne.CanvasObject {
	t.list = widget.NewList(func() int { return len(t.events) }, newEventRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { t.fillRow(t.events[i], o.(*fyne.Container)) })
	refresh := widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), t.onShow)
	top := container.NewHBox(heading("Event log"), t.note, layout.NewSpacer(), refresh)
	t.empty = emptyState("Nothing has happened yet",
		"Mode changes and why they happened, miner restarts, GPUs paused for heat or lost, "+
			"rental jobs starting and ending, and every notification RigShift sends are listed here, newest first.")
	t.empty.Hide()
	return container.NewBorder(top, nil, nil, nil, container.NewStack(t.list, t.empty))
}

func newEventRow() fyne.CanvasObject {
	when := widget.NewLabel("Jan 02 15:04:05")
	when.TextStyle.Monospace = true
	kind := widget.NewLabelWithStyle("gpu-lost", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	kindCol := container.New(layout.NewGridWrapLayout(fyne.NewSize(110, kind.MinSize().Height)), kind)
	msg := widget.NewLabel("")
	msg.Truncation = fyne.TextTruncateEllipsis
	icon := widget.NewIcon(theme.InfoIcon())
	return container.NewBorder(nil, nil, container.NewHBox(icon, when, kindCol), nil, msg)
}

func (t *eventsTab) fillRow(e Event, row *fyne.Container) {
	left := row.Objects[1].(*fyne.Container)
	left.Objects[0].(*widget.Icon).SetResource(eventIcon(e.Kind))
	left.Objects[1].(*widget.Label).SetText(e.Time.Local().Format("Jan 02 15:04:05"))
	left.Objects[2].(*fyne.Container).Objects[0].(*widget.Label).SetText(e.Kind)
	row.Objects[0].(*widget.Label).SetText(t.eventText(e))
}

// eventText is the message with what it concerns and why.
func (t *eventsTab) eventText(e Event) string {
	parts := []string{e.Message}
	if i, ok := t.gpus[e.GPU]; ok {
		parts = append(parts, "GPU "+itoa(i))
	} else if e.GPU != "" {
		parts = append(parts, shortUUID(e.GPU)+", no longer in the rig")
	}
	if e.JobID != "" {
		parts = append(parts, e.JobID)
	}
	if e.Reason != "" {
		parts = append(parts, "because: "+e.Reason)
	}
	return strings.Join(parts, " · ")
}

func eventIcon(kind string) fyne.Resource {
	switch {
	case strings.Contains(kind, "lost"), strings.Contains(kind, "fail"), strings.Contains(kind, "crash"):
		return theme.ErrorIcon()
	case strings.Contains(kind, "thermal"), strings.Contains(kind, "restart"), strings.Contains(kind, "down"):
		return theme.WarningIcon()
	case strings.Contains(kind, "mode"):
		return autoIcon
	case strings.Contains(kind, "job"):
		return rentIcon
	}
	return theme.InfoIcon()
}

// onShow re-reads the log off the UI goroutine.
func (t *eventsTab) onShow() {
	if t.h == nil {
		t.note.SetText("No history yet.")
		return
	}
	to := t.now()
	go func() {
		evs, err := t.h.Events(to.AddDate(0, 0, -90), to, eventLimit)
		runOnUI(func() { t.show(evs, err) })
	}()
}

func (t *eventsTab) show(evs []Event, err error) {
	if err != nil {
		t.note.SetText("The event log could not be read: " + err.Error())
		return
	}
	t.events = evs
	t.note.SetText("")
	setVisible(t.empty, len(evs) == 0)
	t.list.Refresh()
}
