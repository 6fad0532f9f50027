package ui

import (
	"errors"
	"image/color"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/miners"
)

func newTestSettings(t *testing.T) (*settingsTab, *fakeController) {
	t.Helper()
	testApp(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // autostart files go here
	ctl := newFakeController()
	ctl.settings.Miner = miners.Preset{Miner: miners.TRex, Executable: fakeMiner(t), Pool: "pool:4444",
		Wallet: "RXwallet", Algorithm: "kawpow", Extra: []string{"--intensity", "22"}, APIPort: 4067}
	tab := newSettingsTab(ctl, test.NewTempApp(t), nil)
	w := test.NewWindow(tab.build())
	t.Cleanup(w.Close)
	tab.onShow()
	eventually(t, "the settings", func() bool { return tab.entries["executable"].Text == ctl.settings.Miner.Executable })
	return tab, ctl
}

// fakeMiner is an executable file standing in for a miner's program.
func fakeMiner(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t-rex")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// What would keep the miner from starting is said next to its field when
// the owner saves, and nothing is saved.
func TestSettingsMinerProblemsNextToFields(t *testing.T) {
	tab, ctl := newTestSettings(t)
	if got := tab.entries["args"].Text; got != "--intensity 22" {
		t.Errorf("extra arguments show %q", got)
	}
	tab.entries["executable"].SetText("/opt/nowhere/t-rex")
	tab.entries["wallet"].SetText("")
	tab.entries["args"].SetText("--log | tee")
	test.Tap(tab.save)
	for k, want := range map[string]string{"executable": "there is no program at /opt/nowhere/t-rex",
		"wallet": "write your wallet address", "args": "RigShift runs no shell"} {
		if l := tab.errs[k]; !l.Visible() || !strings.Contains(l.Text, want) {
			t.Errorf("%s: %q (visible %v), want %q", k, l.Text, l.Visible(), want)
		}
	}
	drainUI()
	if n := len(calls(ctl, func() []control.Settings { return ctl.saved })); n != 0 {
		t.Errorf("a miner that cannot start was saved %d times", n)
	}
}

// "~/t-rex/t-rex" in Program is in the owner's home, as a shell reads it:
// it was checked and saved as typed, and refused as "there is no program
// at ~/t-rex/t-rex".
func TestSettingsProgramInTheHomeFolder(t *testing.T) {
	tab, ctl := newTestSettings(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	program := filepath.Join(home, "t-rex", "t-rex")
	os.MkdirAll(filepath.Dir(program), 0o755)
	if err := os.WriteFile(program, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tab.entries["executable"].SetText("~/t-rex/t-rex")
	test.Tap(tab.save)
	if l := tab.errs["executable"]; l.Visible() {
		t.Fatalf("Program ~/t-rex/t-rex refused: %q", l.Text)
	}
	eventually(t, "SaveSettings", func() bool { return len(calls(ctl, func() []control.Settings { return ctl.saved })) == 1 })
	if got := calls(ctl, func() []control.Settings { return ctl.saved })[0].Miner.Executable; got != program {
		t.Errorf("saved the program as %q, want %q", got, program)
	}
}

// A custom miner shows its own command line and stats API instead of the
// presets' pool and wallet, and saves them.
func TestSettingsCustomMiner(t *testing.T) {
	tab, ctl := newTestSettings(t)
	tab.miner.SetSelected("Custom")
	if tab.rows["pool"][1].Visible() || !tab.rows["stats"][1].Visible() || !tab.format.Visible() {
		t.Error("a custom miner shows the pool, or hides its stats API")
	}
	tab.entries["args"].SetText(`--api 127.0.0.1:{port} -o "pool.example:4444"`)
	tab.entries["stats"].SetText("http://127.0.0.1:{port}/summary")
	test.Tap(tab.save)
	if l := tab.errs["stats"]; !l.Visible() || !strings.Contains(l.Text, "format") {
		t.Errorf("a stats API without its format: %q", l.Text)
	}
	tab.format.SetSelected("trex")
	test.Tap(tab.save)
	eventually(t, "SaveSettings", func() bool { return len(calls(ctl, func() []control.Settings { return ctl.saved })) == 1 })
	m := calls(ctl, func() []control.Settings { return ctl.saved })[0].Miner
	if m.Miner != miners.Custom || !slices.Equal(m.Args, []string{"--api", "127.0.0.1:{port}", "-o", "pool.example:4444"}) ||
		m.StatsURL != "http://127.0.0.1:{port}/summary" || m.StatsFormat != miners.FormatTRex || m.Extra != nil {
		t.Errorf("saved %+v", m)
	}
}

// "None" saves no miner at all, whatever the hidden fields still hold.
func TestSettingsNoMiner(t *testing.T) {
	tab, ctl := newTestSettings(t)
	tab.entries["args"].SetText("")
	test.Tap(tab.save)
	if tab.errs["args"].Visible() {
		t.Errorf("no extra arguments is an error: %q", tab.errs["args"].Text)
	}
	eventually(t, "the first save", func() bool {
		return len(calls(ctl, func() []control.Settings { return ctl.saved })) == 1 && strings.HasPrefix(tab.note.Text, "Saved")
	})
	if tab.noMiner.Visible() {
		t.Error("a miner is set up, yet the screen says to pick one")
	}
	tab.miner.SetSelected(noMiner)
	if tab.rows["executable"][1].Visible() || tab.rows["pool"][1].Visible() {
		t.Error("no miner, yet its fields show")
	}
	if !tab.noMiner.Visible() || !strings.Contains(tab.noMiner.Text, "Pick the miner") {
		t.Errorf("no miner, and the screen says %q (shown: %v)", tab.noMiner.Text, tab.noMiner.Visible())
	}
	test.Tap(tab.save)
	eventually(t, "SaveSettings", func() bool { return len(calls(ctl, func() []control.Settings { return ctl.saved })) == 2 })
	if m := calls(ctl, func() []control.Settings { return ctl.saved })[1].Miner; m.Miner != "" || m.Executable != "" {
		t.Errorf("saved %+v", m)
	}
}

func TestSettingsSave(t *testing.T) {
	tab, ctl := newTestSettings(t)
	for key, field := range fieldOf {
		if tab.errs[field] == nil {
			t.Errorf("the check of %s would be said under %q, which the window lacks", key, field)
		}
	}
	// What the save itself refuses goes under its field too: the miner's
	// program was there when the form looked, and gone when RigShift did.
	tab.saveDone(control.Settings{}, &control.FieldError{Field: "miner.executable", Msg: "there is no /opt/t-rex/t-rex"}, false)
	if l := tab.errs["executable"]; !l.Visible() || l.Text != "there is no /opt/t-rex/t-rex" {
		t.Errorf("a refused program: %q (shown %v); note %q", l.Text, l.Visible(), tab.note.Text)
	}
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

// "Saved." goes once the owner edits again: it stayed under an edit not
// yet saved, as if that were saved too.
func TestSettingsSavedGoesWithTheNextEdit(t *testing.T) {
	tab, _ := newTestSettings(t)
	tab.entries["price"].SetText("0.2")
	test.Tap(tab.save)
	eventually(t, "the confirmation", func() bool { return strings.HasPrefix(tab.note.Text, "Saved") })
	tab.checks["away"].SetChecked(true)
	if tab.note.Text != "" {
		t.Errorf("after a new edit the note still reads %q", tab.note.Text)
	}
}

func TestSettingsErrorsInWords(t *testing.T) {
	tab, ctl := newTestSettings(t)
	tab.entries["overhead"].SetText("lots")
	tab.entries["currency"].SetText("dollars")
	test.Tap(tab.save)
	if !tab.errs["overhead"].Visible() || !strings.Contains(tab.errs["overhead"].Text, "write a number") {
		t.Errorf("overhead error %q", tab.errs["overhead"].Text)
	}
	if !strings.Contains(tab.errs["currency"].Text, "three-letter code") {
		t.Errorf("currency error %q", tab.errs["currency"].Text)
	}
	// "1,000" was saved as 1 watt: a comma before three digits is refused
	// with both readings offered.
	tab.entries["overhead"].SetText("1,000")
	test.Tap(tab.save)
	if got := tab.errs["overhead"].Text; !strings.Contains(got, "write 1000 or 1") {
		t.Errorf("overhead error for 1,000: %q", got)
	}
	tab.entries["currency"].SetText("eur")
	tab.entries["overhead"].SetText("80")
	tab.entries["resume"].SetText("90")
	test.Tap(tab.save)
	// Said next to the field, as the fields' own checks are, in words
	// without the command line's key ("resume-below-c: …").
	if l := tab.errs["resume"]; !l.Visible() || l.Text != "the resume temperature (90 °C) must be below the limit (83 °C)" {
		t.Errorf("resume note %q (shown %v); note %q", l.Text, l.Visible(), tab.note.Text)
	}
	if strings.Contains(tab.note.Text, "resume-below-c") {
		t.Errorf("note %q", tab.note.Text)
	}
	drainUI()
	if n := len(calls(ctl, func() []control.Settings { return ctl.saved })); n != 0 {
		t.Errorf("invalid settings were saved %d times", n)
	}
}

// A negative price is refused next to its field: the note under the form
// said only "prices, revenue and overhead cannot be negative", and the
// owner had seven fields to search for the minus sign.
func TestSettingsNegativeNumberIsRefusedAtItsField(t *testing.T) {
	tab, ctl := newTestSettings(t)
	tab.entries["per_gpu"].SetText("-0.40")
	test.Tap(tab.save)
	drainUI()
	if n := len(calls(ctl, func() []control.Settings { return ctl.saved })); n != 0 {
		t.Errorf("a negative revenue was saved %d times", n)
	}
	if got := tab.errs["per_gpu"]; !got.Visible() || !strings.Contains(got.Text, "cannot be negative") {
		t.Errorf("the field's note says %q (visible %v); the form's: %q", got.Text, got.Visible(), tab.note.Text)
	}
}

// The appearance applies at once to every window, whatever the desktop's
// variant, and is remembered; "like the desktop" follows it again.
func TestSettingsAppearance(t *testing.T) {
	tab, _ := newTestSettings(t)
	if tab.look.Selected != "Like the desktop" {
		t.Errorf("appearance shows %q on a fresh install", tab.look.Selected)
	}
	bg := func(v fyne.ThemeVariant) color.Color {
		return tab.app.Settings().Theme().Color(theme.ColorNameBackground, v)
	}
	light, dark := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight),
		theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)
	tab.look.SetSelected("Light")
	if bg(theme.VariantDark) != light || loadAppearance(tab.app) != "light" {
		t.Errorf("after picking Light: a dark desktop gets %v, remembered %q", bg(theme.VariantDark), loadAppearance(tab.app))
	}
	tab.look.SetSelected("Dark")
	if bg(theme.VariantLight) != dark {
		t.Errorf("after picking Dark: a light desktop gets %v", bg(theme.VariantLight))
	}
	tab.look.SetSelected("Like the desktop")
	if bg(theme.VariantLight) != light || bg(theme.VariantDark) != dark || loadAppearance(tab.app) != "" {
		t.Error("like the desktop does not follow the desktop again")
	}
	tab.app.Preferences().SetString(appearanceKey, "sepia") // hand-edited
	if got := loadAppearance(tab.app); got != "" {
		t.Errorf("an unknown appearance loads as %q", got)
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
		got := control.CompactDuration(d)
		back, err := time.ParseDuration(got)
		if got != want || err != nil || back != d {
			t.Errorf("control.CompactDuration(%v) = %q (reads back as %v, %v), want %q", d, got, back, err, want)
		}
	}
}

// The miner's fields appear when its settings arrive; the cards below
// move down to make room instead of covering them.
func TestSettingsMinerFieldsPushTheNextCardDown(t *testing.T) {
	tab, _ := newTestSettings(t)
	pos := func(o fyne.CanvasObject) fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	}
	last := tab.entries["args"]
	if below, bottom := pos(tab.entries["limit"]).Y, pos(last).Y+last.Size().Height; below < bottom {
		t.Errorf("the Safety card starts at y=%.0f, over the miner's last field (ends at y=%.0f)", below, bottom)
	}
}

// A rig that mines only while the owner is away opens Settings with the
// When to mine card tall enough for its away field and the sentence under
// it: the card kept the height it had without them, and the Safety card
// covered the sentence's second line.
func TestSettingsAwayCaptionNotCoveredOnOpen(t *testing.T) {
	testApp(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	ctl := newFakeController()
	ctl.settings.MineWhenAwayFor = 10 * time.Minute
	tab := newSettingsTab(ctl, test.NewTempApp(t), nil)
	w := test.NewWindow(tab.build())
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(970, 750))
	tab.onShow()
	eventually(t, "the away check", func() bool { return tab.checks["away"].Checked })
	when, safety := findCard(tab.scroll.Content, "When to mine"), findCard(tab.scroll.Content, "Safety")
	if when == nil || safety == nil {
		t.Fatal("no When to mine or Safety card")
	}
	how := when.Content.(*fyne.Container).Objects[1]
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject
	if bottom, below := pos(how).Y+how.Size().Height, pos(safety).Y; !how.Visible() || bottom > below {
		t.Errorf("the away sentence (shown %v) ends at y=%.0f, under the Safety card (starts at y=%.0f)", how.Visible(), bottom, below)
	}
	if when.Size().Height < when.MinSize().Height {
		t.Errorf("the When to mine card is %.0f high, %.0f needed", when.Size().Height, when.MinSize().Height)
	}
}

// A long complaint under a field wraps within its column: it widened the
// column, the other with it, and the window past the screen's edge, Save
// settings out of sight.
func TestSettingsLongErrorKeepsTheWindowWidth(t *testing.T) {
	tab, _ := newTestSettings(t)
	c := fyne.CurrentApp().Driver().CanvasForObject(tab.save)
	before := c.Content().MinSize().Width
	tab.entries["cheap_hours"].SetText("22:00-22:00")
	tab.entries["cheap_price"].SetText("0.05")
	test.Tap(tab.save)
	if got := tab.errs["cheap_hours"].Text; got == "" || strings.Contains(got, "mine") {
		t.Fatalf("the complaint under the cheaper hours reads %q", got)
	}
	if after := c.Content().MinSize().Width; after > before {
		t.Errorf("the settings need %.0f px wide with the complaint, %.0f without", after, before)
	}
	cell := tab.rows["cheap_hours"][1]
	note := tab.errs["cheap_hours"]
	if note.Size().Height < note.MinSize().Height || cell.Size().Height < cell.MinSize().Height {
		t.Errorf("the complaint is cut: %v high of %v, its cell %v of %v", note.Size().Height, note.MinSize().Height, cell.Size().Height, cell.MinSize().Height)
	}
}

// findCard is the card titled title in o, or nil.
func findCard(o fyne.CanvasObject, title string) *widget.Card {
	switch c := o.(type) {
	case *widget.Card:
		if c.Title == title {
			return c
		}
	case *fyne.Container:
		for _, x := range c.Objects {
			if found := findCard(x, title); found != nil {
				return found
			}
		}
	}
	return nil
}

// The version is under the data folder, where an owner asking for help
// looks for it; a window given none shows no empty line.
func TestSettingsShowTheVersion(t *testing.T) {
	testApp(t)
	for _, version := range []string{"1.2.3", ""} {
		tab := newSettingsTab(newFakeController(), test.NewTempApp(t), nil)
		tab.version = version
		got := texts(tab.dataCard())
		if has := strings.Contains(got, "RigShift "); has != (version != "") || !strings.Contains(got, "RigShift "+version) && version != "" {
			t.Errorf("version %q: the data card reads\n%s", version, got)
		}
	}
}

// Opening the settings and saving them without an edit saves what was
// loaded: prices were written with four decimals, so 0.12345 per kWh was
// saved as 0.1235 and a tiny revenue per MH/s as 0.
func TestSettingsSavedUnchangedKeepEveryValue(t *testing.T) {
	tab, ctl := newTestSettings(t)
	ctl.mu.Lock()
	ctl.settings.ElectricityPerKWh = 0.12345
	ctl.settings.MiningPerMHsDay = 0.00035
	ctl.settings.MiningPerGPUDay = 0.00004
	want := ctl.settings
	ctl.mu.Unlock()
	tab.onShow()
	eventually(t, "the settings", func() bool { return tab.loaded.ElectricityPerKWh == 0.12345 })
	test.Tap(tab.save)
	eventually(t, "SaveSettings", func() bool { return len(calls(ctl, func() []control.Settings { return ctl.saved })) == 1 })
	got := calls(ctl, func() []control.Settings { return ctl.saved })[0]
	if !reflect.DeepEqual(got, want) {
		t.Errorf("saved without an edit:\n got %+v\nwant %+v", got, want)
	}
}

// When the controller has saved the settings but the autostart entry
// cannot be written, the screen must not say "Not saved", and what was
// saved (close to tray) must apply.
func TestSettingsSavedThoughAutostartFails(t *testing.T) {
	testApp(t)
	bad := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(bad, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", bad) // the autostart file cannot be written under a file
	ctl := newFakeController()
	var applied *control.Settings
	tab := newSettingsTab(ctl, test.NewTempApp(t), func(s control.Settings) { applied = &s })
	w := test.NewWindow(tab.build())
	t.Cleanup(w.Close)
	tab.onShow()
	eventually(t, "the settings", func() bool { return tab.entries["currency"].Text == "USD" })
	tab.checks["login"].SetChecked(true)
	tab.checks["tray"].SetChecked(false)
	test.Tap(tab.save)
	eventually(t, "the answer", func() bool { return tab.note.Text != "" })
	saved := calls(ctl, func() []control.Settings { return ctl.saved })
	if len(saved) == 1 && saved[0].CloseToTray == false && (strings.HasPrefix(tab.note.Text, "Not saved") || applied == nil) {
		t.Errorf("the controller saved the settings (close to tray off), yet the screen says %q and the shell was told: %v",
			tab.note.Text, applied != nil)
	}
}

// A stall time under 30 s is refused by the form: zero or less the
// supervisor ignored (the settings said one thing, the miners did
// another), and a few seconds restart healthy miners.
func TestSettingsRefusesAShortStallTime(t *testing.T) {
	for _, bad := range []string{"0s", "-5m", "5s"} {
		tab, ctl := newTestSettings(t)
		tab.entries["stall"].SetText(bad)
		test.Tap(tab.save)
		drainUI()
		time.Sleep(20 * time.Millisecond)
		drainUI()
		if saved := calls(ctl, func() []control.Settings { return ctl.saved }); len(saved) != 0 {
			t.Errorf("stall %q was accepted and saved as %v", bad, saved[0].StallAfter)
		}
		if !strings.Contains(tab.errs["stall"].Text, "at least 30s") {
			t.Errorf("stall %q: the field says %q", bad, tab.errs["stall"].Text)
		}
	}
}

// A number field emptied and saved is refused next to the field: an
// emptied electricity price was saved as 0, with "Saved.", and every
// earning read too high.
func TestSettingsEmptyNumberIsRefused(t *testing.T) {
	tab, ctl := newTestSettings(t)
	tab.entries["price"].SetText("")
	test.Tap(tab.save)
	time.Sleep(50 * time.Millisecond)
	drainUI()
	if saved := calls(ctl, func() []control.Settings { return ctl.saved }); len(saved) != 0 {
		t.Errorf("an empty electricity price was saved as %v (note %q)", saved[0].ElectricityPerKWh, tab.note.Text)
	}
	if got := tab.errs["price"].Text; got != "write a number, e.g. 0.15" {
		t.Errorf("the price's note says %q", got)
	}
}

// Settings saved elsewhere (`rigshift settings`) while the screen is open
// survive the owner's next Save of other fields; the whole form was
// written back, old values and all.
func TestSettingsSaveKeepsChangesMadeElsewhere(t *testing.T) {
	tab, ctl := newTestSettings(t)
	ctl.mu.Lock()
	ctl.settings.ElectricityPerKWh = 0.31 // `rigshift settings set electricity 0.31`
	ctl.mu.Unlock()
	ctl.changed <- struct{}{}
	drainUI()
	tab.checks["minimised"].SetChecked(true) // the owner changes only this
	test.Tap(tab.save)
	eventually(t, "SaveSettings", func() bool { return len(calls(ctl, func() []control.Settings { return ctl.saved })) == 1 })
	saved := calls(ctl, func() []control.Settings { return ctl.saved })[0]
	if saved.ElectricityPerKWh != 0.31 || !saved.StartMinimised {
		t.Errorf("saved %v per kWh (the CLI's 0.31) and start minimised %v (the owner's true)", saved.ElectricityPerKWh, saved.StartMinimised)
	}
	eventually(t, "the form refilled", func() bool { return tab.entries["price"].Text == "0.31" })
}

// Same lost update through the whole window: the live loop sees the
// controller change but the open Settings screen keeps the old values.

func savedOnce(t *testing.T, ctl *fakeController) control.Settings {
	t.Helper()
	eventually(t, "SaveSettings", func() bool { return len(calls(ctl, func() []control.Settings { return ctl.saved })) == 1 })
	return calls(ctl, func() []control.Settings { return ctl.saved })[0]
}

// `rigshift settings notify.X off` appends: NoticesOff is in the order the
// owner turned them off, and the form lists them in its own. Compared as
// lists, the merge saw an edit the owner never made and wrote the old list
// back over the command line's newer one.
func TestSaveKeepsNoticesTurnedOffElsewhere(t *testing.T) {
	tab, ctl := newTestSettings(t)
	ctl.mu.Lock()
	ctl.settings.NoticesOff = []control.NoticeKind{control.NoticeThermal, control.NoticeJobDone} // CLI order
	ctl.mu.Unlock()
	tab.onShow()
	drainUI()
	eventually(t, "filled", func() bool { return !tab.notices[control.NoticeThermal].Checked })
	tab.entries["overhead"].SetText("120") // the owner edits only this
	ctl.mu.Lock()
	ctl.settings.NoticesOff = append(ctl.settings.NoticesOff, control.NoticeModeChange) // CLI meanwhile
	ctl.mu.Unlock()
	test.Tap(tab.save)
	saved := savedOnce(t, ctl)
	if !slices.Contains(saved.NoticesOff, control.NoticeModeChange) || saved.HostOverheadW != 120 {
		t.Errorf("saved NoticesOff %v (the CLI turned mode_change off meanwhile), overhead %v", saved.NoticesOff, saved.HostOverheadW)
	}
}

// The owner changes only the wallet; the command line changed the pool
// meanwhile. Merged as one field, the miner wrote the old pool back.
func TestSaveKeepsAMinerFieldChangedElsewhere(t *testing.T) {
	tab, ctl := newTestSettings(t)
	tab.entries["wallet"].SetText("RXnewwallet")
	ctl.mu.Lock()
	ctl.settings.Miner.Pool = "stratum+tcp://new.pool:5555" // `rigshift settings set miner.pool ...`
	ctl.mu.Unlock()
	test.Tap(tab.save)
	saved := savedOnce(t, ctl)
	if saved.Miner.Pool != "stratum+tcp://new.pool:5555" || saved.Miner.Wallet != "RXnewwallet" {
		t.Errorf("saved pool %q (CLI's new.pool), wallet %q", saved.Miner.Pool, saved.Miner.Wallet)
	}
}

// The owner keeps typing while the save is under way: the form is not
// refilled over that unsaved edit.
func TestTypingDuringASaveIsKept(t *testing.T) {
	tab, ctl := newTestSettings(t)
	tab.entries["price"].SetText("0.2")
	ctl.mu.Lock() // the keeper is slow: the save's goroutine waits
	test.Tap(tab.save)
	tab.entries["overhead"].SetText("150") // typed while it saves
	ctl.mu.Unlock()
	savedOnce(t, ctl)
	eventually(t, "saveDone", func() bool { drainUI(); return tab.note.Text != "" })
	if got := tab.entries["overhead"].Text; got != "150" {
		t.Errorf("the owner's unsaved edit was replaced by fill: overhead %q", got)
	}
}

// The mining hours and the away time are read from the form, refused next
// to their fields when they make no sense, and shown again as saved.
func TestSettingsWhenToMine(t *testing.T) {
	tab, ctl := newTestSettings(t)
	if tab.entries["hours"].Text != "" || tab.checks["away"].Checked || tab.rows["away"][1].Visible() {
		t.Errorf("a new rig: hours %q, away %v (field shown %v)", tab.entries["hours"].Text, tab.checks["away"].Checked, tab.rows["away"][1].Visible())
	}
	tab.entries["hours"].SetText("22:00 to 07:00")
	tab.checks["away"].SetChecked(true)
	tab.entries["away"].SetText("20s")
	test.Tap(tab.save)
	if !strings.Contains(tab.errs["hours"].Text, "FROM-UNTIL") || !strings.Contains(tab.errs["away"].Text, "between 1m and 24h") {
		t.Errorf("errors: hours %q, away %q", tab.errs["hours"].Text, tab.errs["away"].Text)
	}
	tab.entries["hours"].SetText("22:00-7:00")
	tab.entries["away"].SetText("")
	test.Tap(tab.save)
	eventually(t, "SaveSettings", func() bool { return len(calls(ctl, func() []control.Settings { return ctl.saved })) == 1 })
	s := calls(ctl, func() []control.Settings { return ctl.saved })[0]
	if s.MiningHours.String() != "22:00-07:00" || s.MineWhenAwayFor != 10*time.Minute {
		t.Errorf("saved hours %s, away %s", s.MiningHours, s.MineWhenAwayFor)
	}
	eventually(t, "the form shows what was saved", func() bool {
		return tab.entries["hours"].Text == "22:00-07:00" && tab.entries["away"].Text == "10m" && tab.rows["away"][1].Visible()
	})
	tab.checks["away"].SetChecked(false)
	tab.entries["hours"].SetText("")
	test.Tap(tab.save)
	eventually(t, "the second save", func() bool { return len(calls(ctl, func() []control.Settings { return ctl.saved })) == 2 })
	if s := calls(ctl, func() []control.Settings { return ctl.saved })[1]; !s.MiningHours.AllDay() || s.MineWhenAwayFor != 0 {
		t.Errorf("turned off: hours %s, away %s", s.MiningHours, s.MineWhenAwayFor)
	}
}

// A night rate needs its price; without hours no price is asked for.
func TestSettingsCheaperHours(t *testing.T) {
	tab, ctl := newTestSettings(t)
	tab.entries["cheap_hours"].SetText("22:00-07:00")
	test.Tap(tab.save)
	if !strings.Contains(tab.errs["cheap_price"].Text, "write a number") {
		t.Errorf("hours without a price: %q", tab.errs["cheap_price"].Text)
	}
	tab.entries["cheap_price"].SetText("0,12")
	test.Tap(tab.save)
	eventually(t, "SaveSettings", func() bool { return len(calls(ctl, func() []control.Settings { return ctl.saved })) == 1 })
	s := calls(ctl, func() []control.Settings { return ctl.saved })[0]
	if s.CheapHours.String() != "22:00-07:00" || s.CheapPerKWh != 0.12 {
		t.Errorf("saved %s at %v", s.CheapHours, s.CheapPerKWh)
	}
	eventually(t, "the form shows what was saved", func() bool {
		return tab.entries["cheap_hours"].Text == "22:00-07:00" && tab.entries["cheap_price"].Text == "0.12"
	})
	tab.entries["cheap_hours"].SetText("")
	tab.entries["cheap_price"].SetText("")
	test.Tap(tab.save)
	eventually(t, "the second save", func() bool { return len(calls(ctl, func() []control.Settings { return ctl.saved })) == 2 })
	if s := calls(ctl, func() []control.Settings { return ctl.saved })[1]; !s.CheapHours.AllDay() || s.CheapPerKWh != 0 {
		t.Errorf("no night rate: %s at %v", s.CheapHours, s.CheapPerKWh)
	}
}

// noURLApp is an app whose desktop opens no folder.
type noURLApp struct{ fyne.App }

func (noURLApp) OpenURL(*url.URL) error { return errors.New("no file manager") }

// A folder that cannot be opened is said as a problem, in red, even just
// after "Saved.": the note kept the green of the save before it.
func TestSettingsFolderNotOpenedIsAProblem(t *testing.T) {
	tab, _ := newTestSettings(t)
	tab.app = noURLApp{tab.app}
	tab.say("Saved. The miner uses the new setup from now on: a running one restarts with it.", false)
	tab.showDataPath("/data/rigshift/rigshift.db")
	tab.onOpenFolder()
	if !strings.Contains(tab.note.Text, "no file manager") || tab.note.Importance != widget.DangerImportance {
		t.Errorf("the note says %q with importance %v, want a problem", tab.note.Text, tab.note.Importance)
	}
}

// The settings fit a window 800 px wide, their cards in one column: two
// side by side needed about 960 px, so Fyne widened the window past a small
// screen's edge, and the Save button at its bottom right with it.
func TestSettingsFitANarrowWindow(t *testing.T) {
	rig, _, _ := simRig(t, 2)
	s, _ := newTestShell(t, Deps{Rig: rig, History: &fakeHistory{}, Screen: "settings"})
	if w := s.win.Canvas().Content().MinSize().Width; w > 800 {
		t.Errorf("the settings need a window %.0f px wide", w)
	}
	s.win.Resize(fyne.NewSize(1400, 900)) // wide enough: two columns, side by side
	miner, money := s.sets.entries["executable"], s.sets.entries["price"]
	if a, b := fyne.CurrentApp().Driver().AbsolutePositionForObject(miner), fyne.CurrentApp().Driver().AbsolutePositionForObject(money); a.X >= b.X {
		t.Errorf("in a wide window the money (x %.0f) is not beside the miner (x %.0f)", b.X, a.X)
	}
}

// The Program and Algorithm hints are the chosen miner's: with XMRig
// picked they read /opt/t-rex/t-rex and kawpow, an algorithm XMRig does
// not mine, and an owner copying the hint set up the wrong program.
func TestSettingsHintsFollowTheMiner(t *testing.T) {
	tab, _ := newTestSettings(t)
	for choice, want := range map[string][2]string{
		"XMRig":    {"e.g. /opt/xmrig/xmrig", "optional, e.g. rx/0"},
		"lolMiner": {"e.g. /opt/lolminer/lolMiner", "e.g. ETCHASH"},
		"T-Rex":    {"e.g. /opt/t-rex/t-rex", "e.g. kawpow"},
		"Custom":   {"e.g. /path/to/your/miner", ""},
	} {
		tab.miner.SetSelected(choice)
		if got := tab.entries["executable"].PlaceHolder; got != want[0] {
			t.Errorf("%s: the Program hint reads %q, want %q", choice, got, want[0])
		}
		if got := tab.entries["algorithm"].PlaceHolder; want[1] != "" && got != want[1] {
			t.Errorf("%s: the Algorithm hint reads %q, want %q", choice, got, want[1])
		}
	}
}

// A hint reads as one: "kawpow" alone, grey in the Algorithm field, looked
// filled in, and Save then asked the owner to write the algorithm.
func TestSettingsHintsSayTheyAreExamples(t *testing.T) {
	tab, _ := newTestSettings(t)
	tab.miner.SetSelected("T-Rex")
	for _, k := range []string{"executable", "pool", "wallet", "worker", "password", "algorithm"} {
		if h := tab.entries[k].PlaceHolder; !strings.Contains(h, "e.g.") && !strings.Contains(h, " or ") {
			t.Errorf("%s: the hint %q reads like a value", k, h)
		}
	}
}

// A miner taken away elsewhere (`rigshift settings set miner=none`) shows
// in the open, unedited form at the next status.
func TestSettingsFollowAMinerRemovedElsewhere(t *testing.T) {
	tab, ctl := newTestSettings(t)
	custom := miners.Preset{Miner: miners.Custom, Executable: fakeMiner(t), Args: []string{"--port", "{port}"},
		StatsURL: "http://127.0.0.1:{port}/2/summary", StatsFormat: miners.FormatXMRig}
	for _, want := range []struct {
		preset miners.Preset
		choice string
	}{{custom, "Custom"}, {miners.Preset{}, noMiner}} {
		ctl.mu.Lock()
		ctl.settings.Miner = want.preset
		ctl.mu.Unlock()
		tab.follow()
		eventually(t, "the form shows "+want.choice, func() bool { return tab.miner.Selected == want.choice })
	}
}

// A resume temperature at or above the pause temperature is said next to
// the field too: only the note under the form said it, and the owner who
// typed a wrong figure in the Safety card looked for the red there.
func TestSettingsResumeAboveLimitIsSaidAtItsField(t *testing.T) {
	tab, ctl := newTestSettings(t)
	tab.entries["limit"].SetText("80")
	tab.entries["resume"].SetText("90")
	test.Tap(tab.save)
	drainUI()
	if n := len(calls(ctl, func() []control.Settings { return ctl.saved })); n != 0 {
		t.Errorf("a resume temperature above the limit was saved %d times", n)
	}
	if got := tab.errs["resume"]; !got.Visible() || !strings.Contains(got.Text, "below the limit (80 °C)") {
		t.Errorf("next to Resume below: %q (shown %v)", got.Text, got.Visible())
	}
	tab.entries["limit"].SetText("120")
	tab.entries["resume"].SetText("70")
	test.Tap(tab.save)
	if got := tab.errs["limit"]; !got.Visible() || !strings.Contains(got.Text, "100 °C") {
		t.Errorf("next to Pause above: %q (shown %v)", got.Text, got.Visible())
	}
	if tab.errs["resume"].Visible() {
		t.Errorf("the fixed resume temperature still reads %q", tab.errs["resume"].Text)
	}
}

// A save that leaves the miner as it was says "Saved." alone, as the
// command line does: "A new miner setup applies the next time mining
// starts" after a new electricity price, on a rig with no miner at all,
// left the owner wondering what they had changed.
func TestSettingsSavedNamesTheMinerOnlyWhenItChanged(t *testing.T) {
	tab, ctl := newTestSettings(t)
	tab.entries["price"].SetText("0.32")
	test.Tap(tab.save)
	eventually(t, "the confirmation", func() bool { return strings.HasPrefix(tab.note.Text, "Saved") })
	if tab.note.Text != "Saved." {
		t.Errorf("a new price alone: %q", tab.note.Text)
	}
	tab.entries["wallet"].SetText("RXotherwallet")
	test.Tap(tab.save)
	eventually(t, "the second save", func() bool { return len(calls(ctl, func() []control.Settings { return ctl.saved })) == 2 })
	eventually(t, "the miner's note", func() bool { return strings.Contains(tab.note.Text, "a running one restarts with it") })
}

// The data folder reads in the text's own colour: in a disabled entry it
// was drawn in the disabled grey, which on the light theme's pale field
// could barely be read, and the folder is what an owner copies to find
// the logs or back the history up.
func TestSettingsDataFolderIsReadable(t *testing.T) {
	tab, _ := newTestSettings(t)
	tab.showDataPath("/data/rigshift/rigshift.db")
	drawn := drawnText(tab.dataCard(), "/data/rigshift")
	if drawn == nil {
		t.Fatal("the data card does not show the folder")
	}
	if want := theme.Color(theme.ColorNameForeground); drawn.Color != want {
		t.Errorf("the folder is drawn in %v, not the text colour %v", drawn.Color, want)
	}
}

// "-0" in a number field is zero: it was saved as negative zero, which the
// form, `rigshift settings` and the event log then showed as "-0".
func TestParseNumberMinusZeroIsZero(t *testing.T) {
	for _, s := range []string{"-0", "-0,0", "-0.000"} {
		if n, err := parseNumber(s); err != nil || n != 0 || math.Signbit(n) {
			t.Errorf("parseNumber(%q) = %v, %v; want 0", s, n, err)
		}
	}
}

// Start at login shows whether the desktop will start RigShift: after
// `make uninstall` removed the autostart entry and a reinstall kept the
// history, the box stayed ticked while nothing started at login.
func TestSettingsStartAtLoginShowsTheAutostartEntry(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the autostart entry is written on Linux only")
	}
	for _, entry := range []bool{false, true} {
		testApp(t)
		config := t.TempDir()
		t.Setenv("XDG_CONFIG_HOME", config)
		if entry {
			path := filepath.Join(config, "autostart", "io.rigshift.app.desktop")
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte("[Desktop Entry]\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		ctl := newFakeController()
		ctl.settings.StartAtLogin = true
		tab := newSettingsTab(ctl, test.NewTempApp(t), nil)
		w := test.NewWindow(tab.build())
		tab.onShow()
		eventually(t, "the settings", func() bool { return tab.entries["currency"].Text == "USD" })
		if got := tab.checks["login"].Checked; got != entry {
			t.Errorf("autostart entry there: %v; Start at login ticked: %v", entry, got)
		}
		if !entry { // ticked again and saved, the entry is back
			tab.checks["login"].SetChecked(true)
			test.Tap(tab.save)
			path := filepath.Join(config, "autostart", "io.rigshift.app.desktop")
			eventually(t, "the autostart entry", func() bool { _, err := os.Stat(path); return err == nil })
		}
		w.Close()
	}
}

// The owner could not learn how much room RigShift's data takes (a month
// of an 8-GPU rig is about 135 MB, each job's logs up to 24 MiB) short of
// `rigshift db compact`: the Data card says it under the folder.
func TestSettingsShowsHowMuchRoomTheDataTakes(t *testing.T) {
	tab, _ := newTestSettings(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "rigshift.db")
	if err := os.WriteFile(db, make([]byte, 3<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	logDir := filepath.Join(dir, "logs", "J-0001")
	if err := os.MkdirAll(logDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(logDir, "run.log"), make([]byte, 1536), 0o600); err != nil {
		t.Fatal(err)
	}
	tab.showDataPath(db)
	eventually(t, "the data's size", func() bool {
		return tab.dataUse.Text == "History 3.0 MiB · job logs 1.5 KiB" && tab.dataUse.Visible()
	})
}

// Enter in a field saves what was changed, as Save settings does: it did
// nothing, and an owner who typed a price and pressed Enter could leave
// the screen thinking it saved. Enter with nothing changed saves nothing.
func TestSettingsEnterInAFieldSaves(t *testing.T) {
	tab, ctl := newTestSettings(t)
	saved := func() []control.Settings { return calls(ctl, func() []control.Settings { return ctl.saved }) }
	tab.entries["price"].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	time.Sleep(50 * time.Millisecond)
	if n := len(saved()); n != 0 {
		t.Fatalf("Enter with nothing changed saved %d times", n)
	}
	tab.entries["price"].SetText("0.31")
	tab.entries["price"].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	eventually(t, "the save", func() bool { return len(saved()) == 1 && strings.HasPrefix(tab.note.Text, "Saved") })
	if got := saved()[0].ElectricityPerKWh; got != 0.31 {
		t.Errorf("saved a price of %v, want 0.31", got)
	}
}

// The data folder's path is copied with a button, and its label takes no
// focus: a selectable label, reached with Tab, kept every window shortcut
// (Ctrl+1…4, Ctrl+Tab) to itself.
func TestSettingsDataFolderCopiesWithoutTakingTheFocus(t *testing.T) {
	tab, _ := newTestSettings(t)
	tab.showDataPath("/data/rigshift/rigshift.db")
	if tab.dataDir.Selectable {
		t.Error("the data folder's label takes the focus")
	}
	test.Tap(tab.copyDir)
	if got := tab.app.Clipboard().Content(); got != tab.dataDir.Text || got == "" {
		t.Errorf("the clipboard holds %q, want %q", got, tab.dataDir.Text)
	}
	if !strings.Contains(tab.note.Text, "Copied") {
		t.Errorf("the note says %q", tab.note.Text)
	}
}

// Trying a simulated rig out (`rigshift --simulate 4`), the owner saved
// its settings (a price, say): its Start at login was off, and the save
// removed the autostart entry, the real rig's, so that the rig no longer
// started at login, and nothing said so. A RigShift leaves the entry of
// another data directory alone, and does not show it as its own.
func TestSettingsLeaveAnotherRigShiftsAutostartAlone(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the autostart entry is written on Linux only")
	}
	testApp(t)
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	path := filepath.Join(config, "autostart", "io.rigshift.app.desktop")
	real := []byte("[Desktop Entry]\nType=Application\nName=RigShift\nExec=/usr/bin/rigshift --hidden\n")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, real, 0o644); err != nil {
		t.Fatal(err)
	}
	defer func(i string) { loginInstance = i }(loginInstance)
	loginInstance = filepath.Join(t.TempDir(), "rigshift-simulated")
	ctl := newFakeController()
	ctl.settings.StartAtLogin = true // its own setting, with no entry of its own
	tab := newSettingsTab(ctl, test.NewTempApp(t), nil)
	w := test.NewWindow(tab.build())
	t.Cleanup(w.Close)
	tab.onShow()
	eventually(t, "the settings", func() bool { return tab.entries["currency"].Text == "USD" })
	if tab.checks["login"].Checked {
		t.Error("Start at login ticked for another RigShift's entry")
	}
	tab.entries["price"].SetText("0.31")
	test.Tap(tab.save)
	eventually(t, "the answer", func() bool { return tab.note.Text != "" }) // after the entry is handled
	if n := len(calls(ctl, func() []control.Settings { return ctl.saved })); n != 1 {
		t.Fatalf("saved %d times: %q", n, tab.note.Text)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != string(real) {
		t.Errorf("the real rig's autostart entry after the simulated rig's save: %q, %v", b, err)
	}
}

// noOpenerApp is an app on a desktop without xdg-open, as Fyne reports it.
type noOpenerApp struct{ fyne.App }

func (noOpenerApp) OpenURL(*url.URL) error {
	return &exec.Error{Name: "xdg-open", Err: exec.ErrNotFound}
}

// A desktop with no program to open folders with (a bare window manager
// without xdg-utils) is said in words, with what to do instead: the note
// read `Could not open the folder: exec: "xdg-open": executable file not
// found in $PATH`.
func TestSettingsFolderWithoutAnOpenerSaysWhatToDo(t *testing.T) {
	tab, _ := newTestSettings(t)
	tab.app = noOpenerApp{tab.app}
	tab.showDataPath("/data/rigshift/rigshift.db")
	tab.onOpenFolder()
	want := "Could not open the folder: this desktop has no program that opens folders (xdg-open, of the xdg-utils package). Copy puts its path on the clipboard."
	if tab.note.Text != want {
		t.Errorf("the note says %q, want %q", tab.note.Text, want)
	}
}

// Start at login that cannot be set up says why once, in words: the note
// read "Saved, but start at login could not be set up: cannot set up
// start at login: mkdir /…/not-a-dir: not a directory."
func TestSettingsSayWhyStartAtLoginFailed(t *testing.T) {
	testApp(t)
	bad := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(bad, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", bad)
	tab := newSettingsTab(newFakeController(), test.NewTempApp(t), nil)
	w := test.NewWindow(tab.build())
	t.Cleanup(w.Close)
	tab.onShow()
	eventually(t, "the settings", func() bool { return tab.entries["currency"].Text == "USD" })
	tab.checks["login"].SetChecked(true)
	test.Tap(tab.save)
	want := "Saved, but start at login could not be set up: " + bad + " is a file, not a folder."
	eventually(t, "the answer", func() bool { return strings.HasPrefix(tab.note.Text, "Saved, but") })
	if tab.note.Text != want {
		t.Errorf("the note says %q, want %q", tab.note.Text, want)
	}
}
