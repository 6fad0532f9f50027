package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

// rigEvents are events as the controller records them, newest first.
func rigEvents(now time.Time) []Event {
	return []Event{
		{Time: now, Kind: "notice:gpu-lost", GPU: "GPU-x", Title: "GPU 3 was lost",
			Message: "GPU 3 (RTX 3070) fell off the bus. Its work stopped; the other GPUs keep working."},
		{Time: now.Add(-time.Minute), Kind: "notice:job-failed", JobID: "J-0002", Title: "Job J-0002 failed",
			Message: "bad's job failed: failed with code 3.\nLast output:\noops", Reason: "crash"},
		{Time: now.Add(-2 * time.Minute), Kind: "job-started", JobID: "J-0002", Message: "Job J-0002 for bad started on GPU 1"},
		{Time: now.Add(-3 * time.Minute), Kind: "mode", Message: "auto", Reason: "user"},
		{Time: now.Add(-4 * time.Minute), Kind: "mode", Message: "mine", Reason: "restored"},
		{Time: now.Add(-5 * time.Minute), Kind: "firmware-check", Message: "written by a newer RigShift"},
	}
}

func openEvents(t *testing.T, evs []Event) (*eventsTab, *fakeHistory) {
	t.Helper()
	testApp(t)
	h := &fakeHistory{events: evs}
	tab := newEventsTab(h, map[string]int{"GPU-x": 3})
	w := test.NewWindow(tab.build())
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(900, 600))
	tab.onShow()
	eventually(t, "the events", func() bool { return len(tab.events) == len(evs) })
	return tab, h
}

// rowText is what row i of the log reads.
func rowText(tab *eventsTab, i int) string {
	row := newEventRow().(*fyne.Container)
	tab.fillRow(tab.events[i], row)
	return texts(row)
}

func TestEventLogSaysWhatHappenedInWords(t *testing.T) {
	tab, _ := openEvents(t, rigEvents(time.Now()))
	for i, want := range []string{
		"GPU lost|GPU 3 (RTX 3070) fell off the bus.", // GPU 3 said once
		"Job failed|J-0002 · bad's job failed: failed with code 3. Last output: oops · because: crash",
		"Job started|Job J-0002 for bad started on GPU 1",
		"Mode|Switched to Auto, by you",
		"Mode|Started in Mine, the mode RigShift was in when it last ran",
		"Firmware check|written by a newer RigShift",
	} {
		title, text, _ := strings.Cut(want, "|")
		got := rowText(tab, i)
		if !strings.Contains(got, title) || !strings.Contains(got, text) || strings.Contains(got, "\n"+text+"\n"+text) {
			t.Errorf("row %d reads:\n%s\nwant %q and %q", i, got, title, text)
		}
	}
	if got := control.EventLine(tab.events[0], tab.gpus); strings.Count(got, "GPU 3") != 1 {
		t.Errorf("the lost GPU's row names it again: %q", got)
	}
	if got := control.EventLine(tab.events[2], tab.gpus); strings.Count(got, "J-0002") != 1 {
		t.Errorf("the job's ID is repeated: %q", got)
	}
	gone := Event{Kind: "notice:thermal", GPU: "GPU-0123456789abcdef", Message: "paused at 84 °C"}
	if got := control.EventLine(gone, tab.gpus); got != "paused at 84 °C · GPU-01234567…, no longer in the rig" {
		t.Errorf("an event of a GPU no longer in the rig reads %q", got)
	}
	if got := note(tab); got != "6 events in the last 90 days" {
		t.Errorf("the count reads %q", got)
	}
}

func note(tab *eventsTab) string { return tab.note.Text }

func TestEventIconsShowHowSeriousItIs(t *testing.T) {
	testApp(t)
	for kind, want := range map[string]string{
		"notice:job-failed": "error", "notice:gpu-lost": "error", "restart": "warning",
		"notice:thermal": "warning", "gpu-cooled": "success", "notice:job-done": "success", "job-started": "plain", "mode": "plain",
	} {
		e := Event{Kind: kind, Message: "mine"}
		got := "plain"
		if r, ok := eventIcon(e).(*theme.ThemedResource); ok && r.ColorName != "" {
			got = map[fyne.ThemeColorName]string{theme.ColorNameError: "error", theme.ColorNameWarning: "warning",
				theme.ColorNameSuccess: "success"}[r.ColorName]
		}
		if got != want {
			t.Errorf("%s: %s icon, want %s", kind, got, want)
		}
	}
	if got := eventIcon(Event{Kind: "mode", Message: "mine"}); got != mineIcon {
		t.Errorf("a switch to Mine shows %v, not the Mine glyph", got)
	}
}

func TestEventLogFilter(t *testing.T) {
	tab, _ := openEvents(t, rigEvents(time.Now()))
	kinds := func() string {
		var k []string
		for _, e := range tab.events {
			k = append(k, e.Kind)
		}
		return strings.Join(k, " ")
	}
	for i, want := range []string{
		"notice:gpu-lost notice:job-failed job-started mode mode firmware-check",
		"notice:gpu-lost notice:job-failed",
		"mode mode",
		"notice:job-failed job-started",
		"notice:gpu-lost",
	} {
		f := eventFilters[i]
		tab.setFilter(f)
		if got := kinds(); got != want {
			t.Errorf("%s: %s, want %s", f.name, got, want)
		}
		if tab.noMatch.Visible() {
			t.Errorf("%s: 'none of these' over %d events", f.name, len(tab.events))
		}
	}
	// The count says how many of the log show: "6 events" over the two
	// problems listed read as six problems.
	tab.setFilter(filterNamed("Problems only"))
	if got := note(tab); got != "2 of 6 events in the last 90 days" {
		t.Errorf("filtered to problems, the count reads %q", got)
	}
	tab.setFilter(filterNamed("All events"))
	if got := note(tab); got != "6 events in the last 90 days" {
		t.Errorf("unfiltered again, the count reads %q", got)
	}
	quiet, _ := openEvents(t, rigEvents(time.Now())[3:])
	quiet.setFilter(filterNamed("Problems only"))
	if !quiet.noMatch.Visible() || quiet.empty.Visible() || len(quiet.events) != 0 {
		t.Errorf("a log with no problems, filtered to problems: none-of-these %v, empty %v, %d rows",
			quiet.noMatch.Visible(), quiet.empty.Visible(), len(quiet.events))
	}
}

func TestEventDetailShowsTheWholeEvent(t *testing.T) {
	tab, _ := openEvents(t, rigEvents(time.Now()))
	if tab.detail.box.Visible() {
		t.Fatal("a detail shows before an event is picked")
	}
	tab.list.Select(1)
	if !tab.detail.box.Visible() {
		t.Fatal("picking the failed job shows no detail")
	}
	got := texts(tab.detail.box)
	if !strings.Contains(got, "Job J-0002 failed · ") || !strings.Contains(got, "Last output:\noops") ||
		!strings.Contains(got, "because: crash") || strings.Contains(got, "J-0002 ·") {
		t.Errorf("the detail reads:\n%s", got)
	}
	buttons := tab.detail.box.Objects[1].(*fyne.Container).Objects[1].(*fyne.Container).Objects
	test.Tap(buttons[0].(*widget.Button)) // Copy
	if got := fyne.CurrentApp().Clipboard().Content(); !strings.HasPrefix(got, "Job J-0002 failed · ") ||
		!strings.Contains(got, "Last output:\noops") || !strings.HasSuffix(got, "because: crash") {
		t.Errorf("copied:\n%s", got)
	}
	test.Tap(buttons[1].(*widget.Button)) // close
	if tab.detail.box.Visible() || tab.picked != nil {
		t.Error("closing the detail leaves it open")
	}
}

// The log follows the rig while it is open, and the event being read
// stays picked as new ones arrive above it.
func TestEventLogFollowsTheRig(t *testing.T) {
	now := time.Now()
	tab, h := openEvents(t, rigEvents(now))
	tab.list.Select(1)
	h.mu.Lock()
	h.limits = nil
	h.mu.Unlock()
	tab.poll() // nothing new: only the newest is read
	eventually(t, "the check for news", func() bool { return !tab.reading })
	h.mu.Lock()
	got := slices.Clone(h.limits)
	h.mu.Unlock()
	if !slices.Equal(got, []int{1}) {
		t.Errorf("a poll with nothing new read %v events; want only the newest", got)
	}
	h.logEvent(Event{Time: now.Add(time.Second), Kind: "notice:job-done", JobID: "J-0003", Title: "Job J-0003 finished", Message: "acme's job finished"})
	tab.poll()
	eventually(t, "the new event", func() bool { return len(tab.events) == 7 })
	if !strings.Contains(rowText(tab, 0), "Job finished") {
		t.Errorf("the top row reads:\n%s", rowText(tab, 0))
	}
	if tab.picked == nil || tab.picked.Kind != "notice:job-failed" || !strings.Contains(texts(tab.detail.box), "oops") {
		t.Errorf("the picked event moved: %+v", tab.picked)
	}
	// A read that failed once is not the last word once reads work again.
	tab.show(nil, errors.New("database busy"))
	if !strings.Contains(tab.note.Text, "database busy") || len(tab.events) != 7 {
		t.Errorf("after a failed read: %q, %d events", tab.note.Text, len(tab.events))
	}
	tab.poll()
	eventually(t, "the count again", func() bool { return tab.note.Text == "7 events in the last 90 days" })
}

func TestEmptyEventLogSaysWhatWillAppear(t *testing.T) {
	testApp(t)
	tab := newEventsTab(&fakeHistory{}, nil)
	w := test.NewWindow(tab.build())
	defer w.Close()
	if tab.empty.Visible() {
		t.Error("the help shows before the log was read")
	}
	tab.onShow()
	eventually(t, "the help", func() bool { return tab.empty.Visible() })
	if got := texts(tab.empty); !strings.Contains(got, "Nothing has happened yet") || !strings.Contains(got, "notification") {
		t.Errorf("the empty log says:\n%s", got)
	}
	if tab.noMatch.Visible() {
		t.Error("an empty log says 'none of these' as well")
	}
	if tab.note.Text != "" {
		t.Errorf("over the empty log's help the heading counts %q", tab.note.Text)
	}
	tab.show([]Event{{Time: time.Now(), Kind: "mode", Message: "mine"}}, nil)
	if tab.empty.Visible() {
		t.Error("the help stays over the first event")
	}
}

// On screen, the log is read again whenever the controller moves.
func TestEventsScreenFollowsTheController(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	h := &fakeHistory{events: rigEvents(time.Now())}
	s, ctl := newTestShell(t, Deps{Rig: rig, History: h, Screen: "events"})
	eventually(t, "the log", func() bool { return len(s.evts.events) == 6 })
	h.logEvent(Event{Time: time.Now(), Kind: "mode", Message: "rent", Reason: "user"})
	ctl.changed <- struct{}{}
	eventually(t, "the switch to Rent in the log", func() bool {
		return len(s.evts.events) == 7 && control.EventLine(s.evts.events[0], nil) == "Switched to Rent, by you"
	})
}

// A settings change reads "(23:00–07:00 to 22:00–07:00)" on its row and in
// its detail: Fyne drew the space after "→" as a box ("→� 22:00").
func TestEventLogSettingsChangeHasNoArrowBeforeASpace(t *testing.T) {
	msg := "Changed the mining hours (23:00–07:00 → 22:00–07:00), pause at 83 → 80 °C"
	tab, _ := openEvents(t, []Event{{Time: time.Now(), Kind: "settings", Message: msg}})
	want := "Changed the mining hours (23:00–07:00 to 22:00–07:00), pause at 83 to 80 °C"
	if got := rowText(tab, 0); !strings.Contains(got, want) {
		t.Errorf("the row reads:\n%s\nwant %q", got, want)
	}
	tab.pick(&tab.events[0])
	if got := tab.detail.text.Text; got != want {
		t.Errorf("the detail reads %q, want %q", got, want)
	}
}

// Every filter's name shows whole once picked: the select was as wide as
// "All events", and "Mode changes" read "Mode chan…".
func TestEventFilterFitsItsLongestChoice(t *testing.T) {
	testApp(t)
	tab := newEventsTab(&fakeHistory{}, nil)
	w := test.NewWindow(tab.build())
	defer w.Close()
	w.Resize(fyne.NewSize(900, 600))
	var sel *widget.Select
	var find func(fyne.CanvasObject)
	find = func(o fyne.CanvasObject) {
		switch c := o.(type) {
		case *widget.Select:
			sel = c
		case *fyne.Container:
			for _, x := range c.Objects {
				find(x)
			}
		}
	}
	find(w.Content())
	if sel == nil {
		t.Fatal("no filter")
	}
	for _, name := range filterNames() {
		sel.SetSelected(name)
		// The select's text, its arrow and their paddings.
		need := fyne.MeasureText(name, theme.TextSize(), fyne.TextStyle{}).Width + theme.IconInlineSize() + 4*theme.InnerPadding()
		if got := sel.Size().Width; got < need {
			t.Errorf("%q: the filter is %.0f wide, %.0f needed", name, got, need)
		}
	}
}

// A filtered log polls as cheaply as the whole one: with "Problems only"
// picked every poll read the whole log (500 events), with nothing new.
func TestFilteredEventLogPollsOnlyTheNewest(t *testing.T) {
	tab, h := openEvents(t, rigEvents(time.Now()))
	tab.setFilter(filterNamed("Problems only"))
	h.mu.Lock()
	h.limits = nil
	h.mu.Unlock()
	tab.poll()
	eventually(t, "the check for news", func() bool { return !tab.reading })
	h.mu.Lock()
	got := slices.Clone(h.limits)
	h.mu.Unlock()
	if !slices.Equal(got, []int{1}) {
		t.Errorf("a filtered poll with nothing new read %v events; want only the newest", got)
	}
}

// A filter that leaves nothing says what there was none of: "None of
// these" over an empty log read as a riddle, where "No problems" is the
// good news the owner looked for.
func TestEventFilterSaysWhatThereWasNoneOf(t *testing.T) {
	quiet, _ := openEvents(t, rigEvents(time.Now())[3:])
	for filter, want := range map[string]string{
		"Problems only": "No problems", "Mode changes": "No mode changes",
		"Rental jobs": "No rental jobs started or ended", "GPUs and miner": "Nothing about the GPUs or the miner",
	} {
		quiet.setFilter(filterNamed(filter))
		if quiet.noMatch.Visible() && !strings.HasPrefix(texts(quiet.noMatch), want) {
			t.Errorf("%s, none left: %q, want it to begin %q", filter, texts(quiet.noMatch), want)
		}
	}
	quiet.setFilter(filterNamed("Problems only"))
	if !quiet.noMatch.Visible() {
		t.Fatal("a log with no problems, filtered to problems, shows no note")
	}
}

// Fyne marks the focused row of a list by its index. A row tapped, then
// pushed down by new events, must keep the mark on its own event: Space
// then picks the event the mark is on.
func TestEventLogFocusMarkFollowsItsEvent(t *testing.T) {
	now := time.Now()
	tab, h := openEvents(t, rigEvents(now))
	fyne.CurrentApp().Driver().CanvasForObject(tab.list).Focus(tab.list)
	tab.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // to the failed job
	tab.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if tab.picked == nil || tab.picked.Kind != "notice:job-failed" {
		t.Fatalf("picked %+v, want the failed job", tab.picked)
	}
	h.logEvent(Event{Time: now.Add(time.Second), Kind: "notice:job-done", JobID: "J-0003", Title: "Job J-0003 finished"})
	tab.poll()
	eventually(t, "the new event", func() bool { return len(tab.events) == 7 })
	tab.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if tab.picked == nil || tab.picked.Kind != "notice:job-failed" {
		t.Errorf("after a new event, Space picked %+v: the focus mark stayed on the old row", tab.picked)
	}
}

// A row's time sits on its line with the rest: a monospace label is
// shorter than the others, and laid out from the row's top its digits
// stood about 2 px above the event's title and message.
func TestEventTimeIsCentredOnItsRow(t *testing.T) {
	tab, _ := openEvents(t, rigEvents(time.Now()))
	row := newEventRow().(*fyne.Container)
	tab.fillRow(tab.events[0], row)
	w := test.NewWindow(row)
	defer w.Close()
	w.SetPadded(false)
	w.Resize(row.MinSize().Add(fyne.NewSize(200, 0)))
	centre := func(text string) float32 {
		found := drawnText(row, text)
		if found == nil {
			t.Fatalf("no text %q in the row", text)
		}
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(found).Y + found.MinSize().Height/2
	}
	when, title := centre(tab.events[0].Time.Local().Format("Jan 02 15:04:05")), centre("GPU lost")
	if d := when - title; d < -0.5 || d > 0.5 {
		t.Errorf("the time's middle is %.1f px from the title's", d)
	}
}

// An event picked near the foot of the log stays in sight: the detail
// that opens under the list shortened it, and the picked row was left
// half under the detail, or wholly.
func TestPickedEventStaysInSight(t *testing.T) {
	testApp(t)
	evs := rigEvents(time.Now())
	tab := newEventsTab(&fakeHistory{events: evs}, map[string]int{"GPU-x": 3})
	w := test.NewWindow(tab.build())
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(900, 330))
	tab.onShow()
	eventually(t, "the events", func() bool { return len(tab.events) == len(evs) })
	last := len(evs) - 1
	tab.list.Select(last)
	if !tab.detail.box.Visible() {
		t.Fatal("no detail for the picked event")
	}
	rowH := newEventRow().MinSize().Height
	top := float32(last) * (rowH + theme.Padding())
	layoutTree(w.Content()) // as the window does at its next frame
	if bottom, seen := top+rowH, tab.list.GetScrollOffset()+tab.list.Size().Height; bottom > seen+0.5 {
		t.Errorf("the picked row ends at %.0f px, the list shows down to %.0f px", bottom, seen)
	}
}
