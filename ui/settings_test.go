package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/miners"
)

func newTestSettings(t *testing.T) (*settingsTab, *fakeController) {
	t.Helper()
	testApp(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // autostart files go here
	ctl := newFakeController()
	ctl.settings.Miner = miners.Preset{Miner: miners.TRex, Executable: "/opt/t-rex", Pool: "pool:4444", APIPort: 4067}
	tab := newSettingsTab(ctl, test.NewTempApp(t), nil)
	w := test.NewWindow(tab.build())
	t.Cleanup(w.Close)
	tab.onShow()
	eventually(t, "the settings", func() bool { return tab.entries["executable"].Text == "/opt/t-rex" })
	return tab, ctl
}

func TestSettingsSave(t *testing.T) {
	tab, ctl := newTestSettings(t)
	if tab.miner.Selected != "T-Rex" || tab.entries["limit"].Text != "83" || tab.entries["stall"].Text != "2m" {
		t.Errorf("filled: miner %q limit %q stall %q", tab.miner.Selected, tab.entries["limit"].Text, tab.entries["stall"].Text)
	}
	tab.entries["price"].SetText("0,32")
	tab.entries["currency"].SetText("eur")
	tab.entries["stall"].SetText("90s")
	tab.notices[control.NoticeModeChange].SetChecked(false)
	tab.checks["minimised"].SetChecked(true)
	test.Tap(tab.save)
	eventually(t, "SaveSettings", func() bool { return len(calls(ctl, func() []control.Settings { return ctl.saved })) == 1 })
	s := calls(ctl, func() []control.Settings { return ctl.saved })[0]
	if s.ElectricityPerKWh != 0.32 || s.Currency != "EUR" || s.StallAfter != 90*time.Second || !s.StartMinimised {
		t.Errorf("saved %+v", s)
	}
	if !slices.Equal(s.NoticesOff, []control.NoticeKind{control.NoticeModeChange}) {
		t.Errorf("notices off: %v", s.NoticesOff)
	}
	if s.Miner.APIPort != 4067 {
		t.Error("a field the screen does not show was lost on save")
	}
	eventually(t, "the confirmation", func() bool { return strings.HasPrefix(tab.note.Text, "Saved") })
}

func TestSettingsErrorsInWords(t *testing.T) {
	tab, ctl := newTestSettings(t)
	tab.entries["overhead"].SetText("lots")
	test.Tap(tab.save)
	if !tab.errs["overhead"].Visible() || !strings.Contains(tab.errs["overhead"].Text, "write a number") {
		t.Errorf("overhead error %q", tab.errs["overhead"].Text)
	}
	tab.entries["overhead"].SetText("80")
	tab.entries["resume"].SetText("90")
	test.Tap(tab.save)
	if !strings.Contains(tab.note.Text, "the resume temperature (90 °C) must be below the limit (83 °C)") {
		t.Errorf("note %q", tab.note.Text)
	}
	drainUI()
	if n := len(calls(ctl, func() []control.Settings { return ctl.saved })); n != 0 {
		t.Errorf("invalid settings were saved %d times", n)
	}
}

// The dashboard's refresh applies at once and is remembered.
func TestSettingsDashboardRefresh(t *testing.T) {
	tab, _ := newTestSettings(t)
	if tab.refresh.Selected != "every 2 s" {
		t.Errorf("refresh shows %q on a fresh install, want every 2 s", tab.refresh.Selected)
	}
	var got time.Duration
	tab.refreshed = func(d time.Duration) { got = d }
	tab.refresh.SetSelected("every 5 s")
	if got != 5*time.Second || loadRefresh(tab.app) != 5*time.Second {
		t.Errorf("after picking every 5 s: applied %v, remembered %v", got, loadRefresh(tab.app))
	}
	tab.app.Preferences().SetInt(refreshKey, 123) // hand-edited
	if d := loadRefresh(tab.app); d != defaultRefresh {
		t.Errorf("an unknown remembered refresh gives %v, want the default", d)
	}
}

func TestCompactDurationReadsBack(t *testing.T) {
	for d, want := range map[time.Duration]string{
		2 * time.Minute: "2m", 90 * time.Second: "1m30s", time.Hour: "1h", 90 * time.Minute: "1h30m",
		45 * time.Second: "45s", 0: "0s", 10 * time.Minute: "10m", time.Hour + 30*time.Second: "1h0m30s",
	} {
		got := compactDuration(d)
		back, err := time.ParseDuration(got)
		if got != want || err != nil || back != d {
			t.Errorf("compactDuration(%v) = %q (reads back as %v, %v), want %q", d, got, back, err, want)
		}
	}
}
