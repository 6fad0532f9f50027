package control

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/store"
)

func TestRepairedLeavesValidSettingsAlone(t *testing.T) {
	s := DefaultSettings()
	s.Currency, s.ThermalLimitC, s.ResumeBelowC, s.StallAfter = "EUR", 75, 60, 5*time.Minute
	if r, changed := s.Repaired(); changed || settingsChange(s, r) != "" {
		t.Errorf("valid settings were repaired: %s", settingsChange(s, r))
	}
}

func TestRepairedPutsBackWhatValidateRefuses(t *testing.T) {
	s := DefaultSettings()
	s.Currency = " eur"
	s.HostOverheadW = -5
	s.ElectricityPerKWh = 2e9
	s.ThermalLimitC, s.ResumeBelowC = 65, 70 // the limit is fine; the resume temperature is not below it
	s.StallAfter = 5 * time.Second
	s.MineWhenAwayFor = 10 * time.Second
	s.GPUsAside = []string{"GPU-a", ""}
	if s.Validate() == nil {
		t.Fatal("the test's settings should be refused")
	}
	r, changed := s.Repaired()
	if !changed {
		t.Fatal("Repaired reported no change")
	}
	if err := r.Validate(); err != nil {
		t.Fatalf("repaired settings are still refused: %v", err)
	}
	d := DefaultSettings()
	if r.Currency != "EUR" || r.HostOverheadW != d.HostOverheadW || r.ElectricityPerKWh != d.ElectricityPerKWh ||
		r.ThermalLimitC != 65 || r.ResumeBelowC >= 65 || r.StallAfter != d.StallAfter || r.MineWhenAwayFor != 0 ||
		len(r.GPUsAside) != 1 || r.GPUsAside[0] != "GPU-a" {
		t.Errorf("repaired: %+v", r)
	}
}

func TestRepairedCurrencyReadsASymbolOrFallsBack(t *testing.T) {
	for in, want := range map[string]string{"€": "EUR", "$": "USD", "gbp": "GBP", "euros": "USD", "": "USD"} {
		s := DefaultSettings()
		s.Currency = in
		if r, _ := s.Repaired(); r.Currency != want {
			t.Errorf("currency %q repaired to %q, want %q", in, r.Currency, want)
		}
	}
}

func TestRepairedTemperaturesStayInRange(t *testing.T) {
	d := DefaultSettings()
	for _, c := range []struct{ limit, resume float64 }{{0, 0}, {31, 40}, {100, 100}, {150, 20}, {83, 29}} {
		l, r := repairedTemperatures(c.limit, c.resume, d)
		s := d
		s.ThermalLimitC, s.ResumeBelowC = l, r
		if err := s.Validate(); err != nil {
			t.Errorf("limit %v, resume %v repaired to %v, %v: %v", c.limit, c.resume, l, r, err)
		}
	}
}

// Settings an older RigShift saved, which this one refuses, are put back
// to their defaults when it starts, kept so, and named in the event log.
func TestStartRepairsSettingsAnOlderVersionSaved(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "rigshift.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	old := DefaultSettings()
	old.StallAfter = 5 * time.Second // restarted healthy miners every few seconds
	old.Currency = "usd"
	if err := st.PutSettings(old); err != nil {
		t.Fatal(err)
	}
	_ = st.Close()

	r := newTestRig(t, 1, dir)
	got := r.c.Settings()
	if got.StallAfter != DefaultSettings().StallAfter || got.Currency != "USD" {
		t.Errorf("running with stall %s, currency %q", got.StallAfter, got.Currency)
	}
	var saved Settings
	if err := r.store.GetSettings(&saved); err != nil || saved.StallAfter != got.StallAfter {
		t.Errorf("the repaired settings were not kept: %v, stall %s", err, saved.StallAfter)
	}
	events, err := r.store.Events(time.Time{}, time.Now().Add(time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	var told string
	for _, ev := range events {
		if ev.Kind == store.EventKindSettings {
			told = ev.Message
		}
	}
	if !strings.Contains(told, "restart a stalled miner after 5s → 2m") || !strings.Contains(told, "currency") {
		t.Errorf("the event log says %q", told)
	}
}

// A value the settings' change words leave out (the cheaper price, with no
// cheaper hours) is corrected too: Repaired said nothing changed, RigShift
// ran on with it, and every later save was refused for it.
func TestRepairedCheapPriceWithoutCheapHours(t *testing.T) {
	s := DefaultSettings()
	s.CheapPerKWh = -1
	r, changed := s.Repaired()
	if !changed || r.Validate() != nil {
		t.Errorf("changed %v, still refused: %v", changed, r.Validate())
	}
}

// Saved settings with a value of the wrong kind (a hand edit, another
// RigShift's) stopped RigShift from starting at all ("the saved settings …
// cannot be read"), and `settings set` read them first too: the owner
// was stuck. It starts with what it can read and the default for the
// rest, keeps them, and says so in the event log.
func TestStartReadsSettingsItCanReadOnlyInPart(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "rigshift.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutSettings(map[string]any{"electricity_per_kwh": "cheap", "thermal_limit_c": 78}); err != nil {
		t.Fatal(err)
	}
	_ = st.Close()

	r := newTestRig(t, 1, dir)
	got := r.c.Settings()
	if got.ThermalLimitC != 78 || got.ElectricityPerKWh != DefaultSettings().ElectricityPerKWh {
		t.Errorf("running with limit %v °C, price %v", got.ThermalLimitC, got.ElectricityPerKWh)
	}
	var saved Settings
	if err := r.store.GetSettings(&saved); err != nil || saved.ThermalLimitC != 78 {
		t.Errorf("the readable settings were not kept: %v, %+v", err, saved)
	}
	events, err := r.store.Events(time.Time{}, time.Now().Add(time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 || !strings.Contains(events[len(events)-1].Message, "electricity_per_kwh holds a text where a number belongs, back to its default") {
		t.Errorf("the event log says %+v", events)
	}
}
