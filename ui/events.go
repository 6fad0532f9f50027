package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/store"
)

// eventLimit is how many events the log shows: a month of a busy rig.
const eventLimit = 500

// eventDays is how far back the log reaches.
const eventDays = 90

// eventsTab is the event log: mode changes and who made them, jobs
// starting and ending, restarts, heat, lost GPUs and every notification,
// newest first. It follows the rig while it is on screen; a row picked
// shows the whole event below (a failed job's last output).
type eventsTab struct {
	h       History
	gpus    map[string]int // UUID → index, to name GPUs the way the cards do
	all     []Event        // as read, newest first
	events  []Event        // the ones the filter lets through
	group   eventGroup
	picked  *Event // shown in the detail, if any
	reading bool   // a read is under way: the next poll waits for it
	list    *widget.List
	empty   fyne.CanvasObject // shown while the log has no events
	noMatch fyne.CanvasObject // shown when the filter leaves none
	note    *widget.Label
	detail  *eventDetail
	now     func() time.Time
}

func newEventsTab(h History, gpuIndex map[string]int) *eventsTab {
	return &eventsTab{h: h, gpus: gpuIndex, note: caption(""), now: time.Now}
}

func (t *eventsTab) build() fyne.CanvasObject {
	t.list = widget.NewList(func() int { return len(t.events) }, newEventRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { t.fillRow(t.events[i], o.(*fyne.Container)) })
	t.list.OnSelected = func(i widget.ListItemID) { t.pick(&t.events[i]) }
	t.detail = newEventDetail(t.unpick)
	filter := widget.NewSelect(groupNames(), func(name string) { t.setGroup(groupNamed(name)) })
	filter.Selected = eventGroups[0].name
	top := container.NewHBox(heading("Event log"), t.note, layout.NewSpacer(), filter)
	t.empty = emptyState("Nothing has happened yet",
		"Mode changes and who made them, rental jobs starting and ending, miner restarts, GPUs paused "+
			"for heat or lost, and every notification RigShift sends are listed here, newest first.")
	t.empty.Hide()
	t.noMatch = emptyState("None of these", "Nothing of this kind happened in the last "+itoa(eventDays)+" days.")
	t.noMatch.Hide()
	return container.NewBorder(top, t.detail.box, nil, nil, container.NewStack(t.list, t.empty, t.noMatch))
}

func groupNames() []string {
	names := make([]string, len(eventGroups))
	for i, g := range eventGroups {
		names[i] = g.name
	}
	return names
}

func groupNamed(name string) eventGroup {
	for _, g := range eventGroups {
		if g.name == name {
			return g.group
		}
	}
	return groupAll
}

// newEventRow is a row: icon, time, what happened in a word, and the
// message on one line (the detail has all of it).
func newEventRow() fyne.CanvasObject {
	when := widget.NewLabel("Jan 02 15:04:05")
	when.TextStyle.Monospace = true
	kind := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	kindCol := container.New(layout.NewGridWrapLayout(fyne.NewSize(eventTitleWidth(), kind.MinSize().Height)), kind)
	msg := widget.NewLabel("")
	msg.Truncation = fyne.TextTruncateEllipsis
	icon := widget.NewIcon(theme.InfoIcon())
	return container.NewBorder(nil, nil, container.NewHBox(icon, when, kindCol), nil, msg)
}

// eventTitleWidth fits the longest title in words, so the messages line up.
func eventTitleWidth() float32 {
	w := float32(0)
	for _, look := range eventLooks {
		w = max(w, widget.NewLabelWithStyle(look.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}).MinSize().Width)
	}
	return w
}

func (t *eventsTab) fillRow(e Event, row *fyne.Container) {
	look := lookOf(e)
	left := row.Objects[1].(*fyne.Container)
	left.Objects[0].(*widget.Icon).SetResource(iconOf(e, look))
	left.Objects[1].(*widget.Label).SetText(e.Time.Local().Format("Jan 02 15:04:05"))
	left.Objects[2].(*fyne.Container).Objects[0].(*widget.Label).SetText(look.title)
	row.Objects[0].(*widget.Label).SetText(strings.Join(strings.Fields(t.eventText(e)), " "))
}

// eventText is the message with what it concerns and why, each said once.
func (t *eventsTab) eventText(e Event) string {
	if e.Kind == store.EventKindMode {
		return modeEventText(e)
	}
	parts := []string{e.Message}
	if e.JobID != "" && !strings.Contains(e.Message, e.JobID) {
		parts = []string{e.JobID, e.Message} // a notice's body names the client, not the job
	}
	return strings.Join(append(parts, t.eventContext(e)...), " · ")
}

// eventContext is the GPU and the reason of e, where its message does not
// say them already.
func (t *eventsTab) eventContext(e Event) []string {
	var parts []string
	if i, ok := t.gpus[e.GPU]; ok && !mentionsGPU(e.Message, i) {
		parts = append(parts, "GPU "+itoa(i))
	} else if !ok && e.GPU != "" {
		parts = append(parts, shortUUID(e.GPU)+", no longer in the rig")
	}
	if e.Reason != "" && e.Kind != store.EventKindMode {
		parts = append(parts, "because: "+e.Reason)
	}
	return parts
}

// mentionsGPU reports whether msg names GPU i already ("GPU 1", not "GPU 10").
func mentionsGPU(msg string, i int) bool {
	name := "GPU " + itoa(i)
	for rest := msg; ; {
		at := strings.Index(rest, name)
		if at < 0 {
			return false
		}
		rest = rest[at+len(name):]
		if rest == "" || rest[0] < '0' || rest[0] > '9' {
			return true
		}
	}
}

// onShow re-reads the log; poll does the same while it is on screen.
func (t *eventsTab) onShow() { t.poll() }

// poll re-reads the log off the UI goroutine, unless a read is under way.
func (t *eventsTab) poll() {
	if t.h == nil {
		t.note.SetText("No history yet.")
		return
	}
	if t.reading {
		return
	}
	t.reading = true
	to := t.now()
	go func() {
		evs, err := t.h.Events(to.AddDate(0, 0, -eventDays), to, eventLimit)
		runOnUI(func() { t.show(evs, err) })
	}()
}

func (t *eventsTab) show(evs []Event, err error) {
	t.reading = false
	if err != nil {
		t.note.SetText("The event log could not be read: " + err.Error())
		return
	}
	if t.note.Text != "" && sameEvents(t.all, evs) {
		return // nothing new: no redraw
	}
	t.all = evs
	t.note.SetText(countText(len(evs)))
	t.apply()
}

// setGroup narrows the log to one group of events.
func (t *eventsTab) setGroup(g eventGroup) {
	t.group = g
	if t.list != nil {
		t.apply()
	}
}

// apply filters the events, refreshes the list and keeps the picked
// event picked where it still shows.
func (t *eventsTab) apply() {
	t.events = t.events[:0]
	for _, e := range t.all {
		if lookOf(e).in(t.group) {
			t.events = append(t.events, e)
		}
	}
	setVisible(t.empty, len(t.all) == 0)
	setVisible(t.noMatch, len(t.all) > 0 && len(t.events) == 0)
	t.list.UnselectAll()
	t.list.Refresh()
	if t.picked == nil {
		return
	}
	for i := range t.events {
		if sameEvent(t.events[i], *t.picked) {
			t.list.Select(i)
			return
		}
	}
	t.unpick()
}

func (t *eventsTab) pick(e *Event) {
	picked := *e
	t.picked = &picked
	text := picked.Message
	if picked.Kind == store.EventKindMode {
		text = modeEventText(picked)
	}
	about := t.eventContext(picked)
	if picked.JobID != "" && !strings.Contains(picked.Title+picked.Message, picked.JobID) {
		about = append([]string{picked.JobID}, about...)
	}
	t.detail.show(picked, lookOf(picked), text, strings.Join(about, " · "))
}

func (t *eventsTab) unpick() {
	t.picked = nil
	t.detail.box.Hide()
	t.list.UnselectAll()
}

func countText(n int) string {
	switch {
	case n >= eventLimit:
		return fmt.Sprintf("the latest %d", n)
	case n == 1:
		return "1 event in the last " + itoa(eventDays) + " days"
	}
	return fmt.Sprintf("%d events in the last %d days", n, eventDays)
}

func sameEvent(a, b Event) bool {
	return a.Time.Equal(b.Time) && a.Kind == b.Kind && a.GPU == b.GPU && a.JobID == b.JobID && a.Message == b.Message
}

func sameEvents(a, b []Event) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || sameEvent(a[0], b[0]) && sameEvent(a[len(a)-1], b[len(b)-1])
}

// eventDetail shows one event whole, below the log: a failed job's last
// lines of output do not fit on a row.
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
	top := container.NewBorder(nil, nil, nil, shut, d.title)
	d.box = container.NewVBox(newSeparator(), top, d.text, d.about)
	d.box.Hide()
	return d
}

func (d *eventDetail) show(e Event, look eventLook, text, context string) {
	title := e.Title
	if title == "" {
		title = look.title
	}
	d.title.SetText(title + " · " + e.Time.Local().Format("Mon 2 Jan 2006, 15:04:05"))
	d.text.SetText(text)
	d.about.SetText(context)
	setVisible(d.about, context != "")
	d.box.Show()
}
