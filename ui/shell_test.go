package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// feed is a Feed the test publishes into.
type feed chan hardware.Snapshot

func (f feed) Subscribe() (<-chan hardware.Snapshot, func()) { return f, func() {} }

func newTestShell(t *testing.T, d Deps) (*shell, *fakeController) {
	t.Helper()
	testApp(t)
	ctl := newFakeController()
	d.Controller = ctl
	s := newShell(fyne.CurrentApp(), d)
	s.start(false)
	t.Cleanup(s.stop)
	return s, ctl
}

// The window follows the sampler and the controller without anyone
// calling update.
func TestShellFollowsFeedAndStatus(t *testing.T) {
	rig, _, sampler := simRig(t, 2)
	f := make(feed, 1)
	rig.Feed = f
	s, ctl := newTestShell(t, Deps{Rig: rig})
	f <- sampler.Pass()
	eventually(t, "telemetry", func() bool { return strings.Contains(s.dash.cards[0].power.text, " / 350 W") })
	ctl.mu.Lock()
	ctl.status.Mode = control.Rent
	ctl.mu.Unlock()
	ctl.changed <- struct{}{}
	eventually(t, "the new mode", func() bool { return s.dash.modes.current == control.Rent })
}

func TestShortcutsSwitchModes(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, ctl := newTestShell(t, Deps{Rig: rig})
	for _, sc := range s.shortcuts() { // the test canvas cannot type shortcuts
		if sc.key.ShortcutName() == ctrl(fyne.Key2).ShortcutName() {
			sc.do()
		}
	}
	eventually(t, "SetMode(Mine)", func() bool {
		m := calls(ctl, func() []control.Mode { return ctl.modes })
		return len(m) == 1 && m[0] == control.Mine
	})
}

func TestShellOpensScreens(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, _ := newTestShell(t, Deps{Rig: rig, History: &fakeHistory{}, Screen: "history"})
	if s.tabs.Selected().Text != "History" {
		t.Errorf("opened on %q", s.tabs.Selected().Text)
	}
	t.Cleanup(s.hist.loads.Wait)
	s.dash.nav.settings()
	if s.tabs.Selected().Text != "Settings" {
		t.Error("the dashboard's settings button does not open the settings")
	}
}

// A screen is built the first time it is opened, and shown built.
func TestScreensAreBuiltWhenFirstOpened(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	s, _ := newTestShell(t, Deps{Rig: rig, History: &fakeHistory{}})
	if s.jobs.table != nil || s.sets.save != nil {
		t.Fatal("the jobs and settings screens were built before anyone opened them")
	}
	s.open("jobs")
	if s.jobs.table == nil {
		t.Fatal("the jobs screen was opened but not built")
	}
	if c, ok := s.screens["jobs"].Content.(*fyne.Container); ok && len(c.Objects) == 0 {
		t.Error("the jobs tab still shows its empty placeholder")
	}
	if !s.jobs.empty.Visible() {
		t.Error("the freshly built jobs screen does not show its no-jobs help")
	}
	table := s.jobs.table
	s.open("dashboard")
	s.open("jobs")
	if s.jobs.table != table {
		t.Error("the jobs screen was built again on its second opening")
	}
}

// Telemetry that arrives while another screen is shown is recorded, and
// drawn as soon as the dashboard comes back, not a refresh later.
func TestShellDrawsLatestOnReturn(t *testing.T) {
	rig, _, sampler := simRig(t, 2)
	f := make(feed, 1)
	rig.Feed = f
	s, _ := newTestShell(t, Deps{Rig: rig, Screen: "events", History: &fakeHistory{}})
	f <- sampler.Pass()
	eventually(t, "the snapshot", func() bool { return s.lastSnap != nil })
	card := s.dash.cards[0]
	if card.power.text != "" || card.spark.temp.n != 1 {
		t.Fatalf("off the dashboard: power %q, %d samples recorded; want nothing drawn, one recorded", card.power.text, card.spark.temp.n)
	}
	s.open("dashboard")
	if !strings.Contains(card.power.text, " / 350 W") {
		t.Errorf("back on the dashboard the power reads %q", card.power.text)
	}
}
