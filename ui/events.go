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

	"github.com/rigshift/rigshift/jobs/control"
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
	h        History
	gpus     map[string]int // UUID → index, to name GPUs the way the cards do
	all      []Event        // as read, newest first
	events   []Event        // the ones the filter lets through
	filter   eventFilter
	picked   *Event // shown in the detail, if any
	reading  bool   // a read is under way: the next poll waits for it
	upToDate bool   // the list shows the log as last read: no read has failed since
	list     *widget.List
	empty    fyne.CanvasObject // shown while the log has no events
	noMatch  fyne.CanvasObject // shown when the filter leaves none
	nothing  *widget.Label     // noMatch's title: what there was none of
	note     *widget.Label
	detail   *eventDetail
	body     *fyne.Container // the screen: the list over the detail
	now      func() time.Time
}

func newEventsTab(h History, gpuIndex map[string]int) *eventsTab {
	return &eventsTab{h: h, gpus: gpuIndex, note: caption(""), filter: eventFilters[0], now: time.Now}
}

func (t *eventsTab) build() fyne.CanvasObject {
	t.list = widget.NewList(func() int { return len(t.events) }, newEventRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { t.fillRow(t.events[i], o.(*fyne.Container)) })
	t.list.OnSelected = func(i widget.ListItemID) {
		t.pick(&t.events[i])
		// The detail opening under the list shortens it: laid out at once,
		// the list can bring the row back into sight, which a row near its
		// foot left under the detail.
		layoutTree(t.body)
		t.list.ScrollTo(i)
	}
	t.detail = newEventDetail(t.unpick)
	filter := widget.NewSelect(filterNames(), func(name string) { t.setFilter(filterNamed(name)) })
	filter.Selected = t.filter.name
	top := container.NewHBox(heading("Event log"), t.note, layout.NewSpacer(), widestChoice(filter))
	t.empty = emptyState("Nothing has happened yet",
		"Mode changes and who made them, rental jobs starting and ending, miner restarts, GPUs paused "+
			"for heat or lost, and every notification RigShift sends are listed here, newest first.")
	t.empty.Hide()
	t.nothing = heading(t.filter.none)
	t.noMatch = titledEmptyState(t.nothing, "Nothing of this kind happened in the last "+itoa(eventDays)+
		" days. Pick All events, top right, to see the whole log.")
	t.noMatch.Hide()
	// In the tree as on screen, the filter first, so that Tab walks it
	// before the log (NewBorder puts the middle first).
	t.body = container.New(layout.NewBorderLayout(top, t.detail.box, nil, nil),
		top, container.NewStack(t.list, t.empty, t.noMatch), t.detail.box)
	return t.body
}

// widestChoice sizes a select for its longest choice. Fyne sizes it for
// its placeholder, "(Select one)", which never shows here: a filter picked
// read "Mode chan…" or "Problems o…".
func widestChoice(s *widget.Select) *widget.Select {
	width := func(text string) float32 { return fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width }
	for _, o := range s.Options {
		if width(o) > width(s.PlaceHolder) {
			s.PlaceHolder = o
		}
	}
	return s
}

func filterNames() []string {
	names := make([]string, len(eventFilters))
	for i, f := range eventFilters {
		names[i] = f.name
	}
	return names
}

func filterNamed(name string) eventFilter {
	for _, f := range eventFilters {
		if f.name == name {
			return f
		}
	}
	return eventFilters[0]
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
	// Centred: the monospace label is shorter than the others, and from
	// the row's top its digits stood above the title and the message.
	return container.NewBorder(nil, nil, container.NewHBox(icon, container.NewCenter(when), kindCol), nil, msg)
}

// eventTitleWidth fits the longest title in words, so the messages line up.
func eventTitleWidth() float32 {
	w := float32(0)
	for _, k := range control.EventKinds() {
		w = max(w, widget.NewLabelWithStyle(k.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}).MinSize().Width)
	}
	return w
}

func (t *eventsTab) fillRow(e Event, row *fyne.Container) {
	left := row.Objects[1].(*fyne.Container)
	left.Objects[0].(*widget.Icon).SetResource(eventIcon(e))
	left.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(e.Time.Local().Format("Jan 02 15:04:05"))
	left.Objects[2].(*fyne.Container).Objects[0].(*widget.Label).SetText(control.DescribeEvent(e.Kind).Title)
	row.Objects[0].(*widget.Label).SetText(drawable(control.EventLine(e, t.gpus)))
}

// arrowWords puts a settings change's "(23:00–07:00 → 22:00–07:00)" in
// words. Fyne draws U+2190–2193 from its symbol font, which has no space:
// the space after the arrow came out as a box ("→� 22:00"). The command
// line and the event log itself keep the arrow.
var arrowWords = strings.NewReplacer(" → ", " to ", " ← ", " from ")

// drawable is an event's text as the window can draw it.
func drawable(s string) string { return arrowWords.Replace(s) }

// onShow re-reads the log; poll does the same while it is on screen.
func (t *eventsTab) onShow() { t.read(true) }

// poll re-reads the log when its newest event changed: the controller
// moves every refresh, and most of the time nothing was logged.
func (t *eventsTab) poll() { t.read(false) }

// read reads the log off the UI goroutine, unless a read is under way;
// unless whole, it first asks for the newest event only, and stops there
// when that is the one shown.
func (t *eventsTab) read(whole bool) {
	if t.h == nil {
		t.note.SetText("No history yet.")
		return
	}
	if t.reading {
		return
	}
	t.reading = true
	to := t.now()
	from := to.AddDate(0, 0, -eventDays)
	var shown *Event
	if !whole && len(t.all) > 0 && t.upToDate { // not after a failed read; filtered or not
		newest := t.all[0]
		shown = &newest
	}
	go func() {
		if shown != nil {
			if top, err := t.h.Events(from, to, 1); err == nil && len(top) == 1 && top[0].Same(*shown) {
				runOnUI(func() { t.reading = false })
				return
			}
		}
		evs, err := t.h.Events(from, to, eventLimit)
		runOnUI(func() { t.show(evs, err) })
	}()
}

func (t *eventsTab) show(evs []Event, err error) {
	t.reading = false
	if err != nil {
		t.upToDate = false
		t.note.SetText("The event log could not be read: " + err.Error())
		return
	}
	if sameEvents(t.all, evs) && t.upToDate {
		return // nothing new: no redraw
	}
	t.all, t.upToDate = evs, true
	t.apply()
}

// setFilter narrows the log to one kind of events.
func (t *eventsTab) setFilter(f eventFilter) {
	t.filter = f
	if t.list != nil {
		t.apply()
	}
}

// apply filters the events, refreshes the list and keeps the picked
// event picked where it still shows.
func (t *eventsTab) apply() {
	t.events = t.events[:0]
	for _, e := range t.all {
		if t.filter.in(control.DescribeEvent(e.Kind)) {
			t.events = append(t.events, e)
		}
	}
	t.note.SetText(t.countNote())
	setVisible(t.empty, len(t.all) == 0)
	setText(t.nothing, t.filter.none)
	setVisible(t.noMatch, len(t.all) > 0 && len(t.events) == 0)
	t.list.UnselectAll()
	t.list.Refresh()
	if t.picked == nil {
		return
	}
	for i := range t.events {
		if t.events[i].Same(*t.picked) {
			t.list.Select(i)
			if hasFocus(t.list) {
				t.list.Highlight(i)
			}
			return
		}
	}
	t.unpick()
}

func (t *eventsTab) pick(e *Event) {
	picked := *e
	t.picked = &picked
	about := control.EventContext(picked, t.gpus)
	if len(about) > 0 && about[0] == picked.JobID && strings.Contains(picked.Title, picked.JobID) {
		about = about[1:] // the detail's heading, the notice's title, names the job
	}
	t.detail.show(picked, strings.Join(about, " · "))
}

func (t *eventsTab) unpick() {
	t.picked = nil
	t.detail.box.Hide()
	t.list.UnselectAll()
}

// countNote counts the events shown, and of how many where a filter
// hides some: "Problems only" under "55 events in the last 90 days" read
// as 55 problems beside the 4 listed.
func (t *eventsTab) countNote() string {
	all := countText(len(t.all))
	if len(t.events) == len(t.all) {
		return all
	}
	return fmt.Sprintf("%d of %s", len(t.events), all)
}

func countText(n int) string {
	switch {
	case n == 0:
		return "" // the empty log says "Nothing has happened yet" below: "0 events" above it said less, twice
	case n >= eventLimit:
		return fmt.Sprintf("the latest %d", n)
	case n == 1:
		return "1 event in the last " + itoa(eventDays) + " days"
	}
	return fmt.Sprintf("%d events in the last %d days", n, eventDays)
}

func sameEvents(a, b []Event) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || a[0].Same(b[0]) && a[len(a)-1].Same(b[len(b)-1])
}
