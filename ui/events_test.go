package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestEventLog(t *testing.T) {
	testApp(t)
	h := &fakeHistory{events: []Event{
		{Time: time.Now(), Kind: "gpu-lost", GPU: "GPU-x", Message: "fell off the bus", Reason: "gpu lost"},
		{Time: time.Now().Add(-time.Hour), Kind: "mode", Message: "switched to Auto", Reason: "user"},
	}}
	tab := newEventsTab(h, map[string]int{"GPU-x": 3})
	w := test.NewWindow(tab.build())
	defer w.Close()
	tab.onShow()
	eventually(t, "the events", func() bool { return len(tab.events) == 2 })
	if got := tab.eventText(tab.events[0]); got != "fell off the bus · GPU 3 · because: gpu lost" {
		t.Errorf("event text %q", got)
	}
	gone := Event{Kind: "thermal", GPU: "GPU-0123456789abcdef", Message: "paused at 84 °C"}
	if got := tab.eventText(gone); got != "paused at 84 °C · GPU-01234567…, no longer in the rig" {
		t.Errorf("an event of a GPU no longer in the rig reads %q", got)
	}
	row := newEventRow().(*fyne.Container)
	tab.fillRow(tab.events[1], row)
	if got := texts(row); !strings.Contains(got, "switched to Auto · because: user") || !strings.Contains(got, "mode") {
		t.Errorf("a row shows:\n%s", got)
	}
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
	tab.show([]Event{{Time: time.Now(), Kind: "mode", Message: "switched to Mine"}}, nil)
	if tab.empty.Visible() {
		t.Error("the help stays over the first event")
	}
}
