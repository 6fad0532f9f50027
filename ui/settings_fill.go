package ui

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/miners"
	"github.com/rigshift/rigshift/jobs/proc"
)

// onShow reads the settings off the UI goroutine and fills the form,
// unless the owner has begun to edit it: an edit not saved yet survives a
// look at another screen, and Save merges it with what changed meanwhile.
func (t *settingsTab) onShow() {
	t.measureDataUse()
	go func() {
		s := t.keeper.Settings()
		runOnUI(func() {
			if !t.unsaved() {
				t.fill(s)
			}
		})
	}()
}

// unsaved reports whether the owner has changed the form since it was
// last filled.
func (t *settingsTab) unsaved() bool { return t.filled != "" && t.formState() != t.filled }

// showDataPath shows the history database's folder.
func (t *settingsTab) showDataPath(path string) {
	if path != "" && t.dbPath != path {
		t.dbPath = path
		t.dataDir.SetText(filepath.Dir(path))
		t.measureDataUse()
	}
}

// measureDataUse shows, once read off the UI goroutine, how much room the
// data takes; each time the screen is shown, not at every refresh (it
// walks the job logs).
func (t *settingsTab) measureDataUse() {
	if t.dbPath == "" {
		return
	}
	path := t.dbPath
	go func() {
		words := dataUse(path)
		runOnUI(func() {
			t.dataUse.SetText(words)
			t.dataUse.Hidden = words == ""
		})
	}()
}

func (t *settingsTab) fill(s control.Settings) {
	t.loaded = s
	for _, c := range minerChoices {
		if c.miner == s.Miner.Miner {
			t.miner.SetSelected(c.label)
		}
	}
	args := s.Miner.Extra
	if s.Miner.Miner == miners.Custom {
		args = s.Miner.Args
	}
	t.format.SetSelected(string(s.Miner.StatsFormat))
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	vals := map[string]string{
		"executable": s.Miner.Executable, "pool": s.Miner.Pool, "wallet": s.Miner.Wallet,
		"worker": s.Miner.Worker, "password": s.Miner.Password, "algorithm": s.Miner.Algorithm,
		"args": cmdline.Quote(args), "stats": s.Miner.StatsURL,
		"currency": s.Currency, "price": num(s.ElectricityPerKWh), "overhead": num(s.HostOverheadW),
		"per_mhs": num(s.MiningPerMHsDay), "per_gpu": num(s.MiningPerGPUDay),
		"limit": num(s.ThermalLimitC), "resume": num(s.ResumeBelowC), "stall": control.CompactDuration(s.StallAfter),
		"hours": "", "away": control.CompactDuration(defaultAwayFor), "cheap_hours": "", "cheap_price": "",
	}
	if !s.CheapHours.AllDay() {
		vals["cheap_hours"], vals["cheap_price"] = s.CheapHours.String(), num(s.CheapPerKWh)
	}
	if !s.MiningHours.AllDay() {
		vals["hours"] = s.MiningHours.String()
	}
	if s.MineWhenAwayFor > 0 {
		vals["away"] = control.CompactDuration(s.MineWhenAwayFor)
	}
	for k, v := range vals {
		t.entries[k].SetText(v)
	}
	for k, c := range t.notices {
		c.SetChecked(s.NoticeOn(k))
	}
	t.checks["login"].SetChecked(startsAtLogin(s.StartAtLogin))
	t.checks["minimised"].SetChecked(s.StartMinimised)
	t.checks["tray"].SetChecked(s.CloseToTray)
	t.checks["away"].SetChecked(s.MineWhenAwayFor > 0)
	t.filled = t.formState()
}

// follow shows settings saved elsewhere (`rigshift settings`) while the
// screen is open, unless the owner has begun to edit the form: their edits
// stay, and Save merges them with what changed (mergeSettings).
func (t *settingsTab) follow() {
	go func() {
		s := t.keeper.Settings()
		runOnUI(func() {
			if fmt.Sprint(s) != fmt.Sprint(t.loaded) && t.formState() == t.filled {
				t.fill(s)
			}
		})
	}()
}

// formState is what the form shows, to tell whether the owner edited it.
func (t *settingsTab) formState() string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(t.entries)) {
		b.WriteString(t.entries[k].Text + "\x00")
	}
	b.WriteString(t.miner.Selected + "\x00" + t.format.Selected)
	for _, k := range slices.Sorted(maps.Keys(t.checks)) {
		fmt.Fprint(&b, t.checks[k].Checked)
	}
	for _, k := range slices.Sorted(maps.Keys(t.notices)) {
		fmt.Fprint(&b, t.notices[k].Checked)
	}
	return b.String()
}

// read turns the form into settings; errs holds what could not be read.
func (t *settingsTab) read() (control.Settings, map[string]string) {
	s, errs := t.loaded, map[string]string{}
	text := func(k string) string { return strings.TrimSpace(t.entries[k].Text) }
	number := func(k string, dst *float64) {
		v, err := parseNumber(text(k))
		switch {
		case err != nil || text(k) == "": // an emptied price is no free electricity
			errs[k] = control.NumberProblem(err, "write a number, e.g. "+t.entries[k].PlaceHolder)
			if k == "per_mhs" || k == "per_gpu" {
				errs[k] += " (0 for none)"
			}
		case v < 0: // said here, not only in a note under the form that names no field
			errs[k] = "cannot be negative"
		}
		*dst = v
	}
	t.readMiner(&s, errs)
	s.Currency = strings.ToUpper(text("currency"))
	if !control.IsCurrencyCode(s.Currency) {
		errs["currency"] = "write the currency's three-letter code, e.g. USD, EUR or GBP"
	}
	number("price", &s.ElectricityPerKWh)
	t.readTariff(&s, errs, number)
	number("overhead", &s.HostOverheadW)
	number("per_mhs", &s.MiningPerMHsDay)
	number("per_gpu", &s.MiningPerGPUDay)
	number("limit", &s.ThermalLimitC)
	number("resume", &s.ResumeBelowC)
	var err error
	if s.StallAfter, err = control.ParseDuration(text("stall")); err != nil {
		errs["stall"] = "write a duration such as 2m or 90s"
	} else if s.StallAfter < control.MinStallAfter {
		errs["stall"] = "at least " + control.CompactDuration(control.MinStallAfter) + ": shorter restarts healthy miners"
	}
	t.readWhen(&s, errs)
	s.NoticesOff = t.noticesOff()
	s.StartAtLogin, s.StartMinimised = t.checks["login"].Checked, t.checks["minimised"].Checked
	s.CloseToTray = t.checks["tray"].Checked
	return s, errs
}

// readMiner reads the miner's fields into s and says, next to each field,
// what would keep the miner from starting: a wrong program path is found
// when the owner saves, not as a crash loop when mining starts.
func (t *settingsTab) readMiner(s *control.Settings, errs map[string]string) {
	text := func(k string) string { return strings.TrimSpace(t.entries[k].Text) }
	m := s.Miner
	m.Miner = ""
	for _, c := range minerChoices {
		if c.label == t.miner.Selected {
			m.Miner = c.miner
		}
	}
	if m.Miner == "" {
		s.Miner = miners.Preset{} // no miner: Mine and Auto leave spare GPUs idle
		return
	}
	m.Executable, m.Pool, m.Wallet = proc.HomePath(text("executable")), text("pool"), text("wallet")
	m.Worker, m.Password, m.Algorithm = text("worker"), t.entries["password"].Text, text("algorithm")
	var args []string
	if line := text("args"); line != "" {
		var err error
		if args, err = cmdline.Split(line); err != nil {
			errs["args"] = strings.TrimPrefix(err.Error(), cmdline.ErrInvalid.Error()+": ")
		}
	}
	if m.Miner == miners.Custom {
		m.Args, m.Extra = args, nil
		m.StatsURL, m.StatsFormat = text("stats"), miners.Format(t.format.Selected)
		if m.StatsURL != "" && m.StatsFormat == "" {
			errs["stats"] = "pick the format of its answers below"
		}
	} else {
		m.Extra = args
	}
	for k, msg := range m.Problems() {
		if errs[k] == "" {
			errs[k] = msg
		}
	}
	s.Miner = m
}

// readTariff reads the cheaper hours and their price; the price is asked
// for only with the hours.
func (t *settingsTab) readTariff(s *control.Settings, errs map[string]string, number func(string, *float64)) {
	var err error
	if s.CheapHours, err = control.ParseCheapHours(t.entries["cheap_hours"].Text); err != nil {
		errs["cheap_hours"] = err.Error()
	}
	if s.CheapHours.AllDay() && strings.TrimSpace(t.entries["cheap_price"].Text) == "" {
		s.CheapPerKWh = 0
		return
	}
	number("cheap_price", &s.CheapPerKWh)
}

// defaultAwayFor is what the away field offers: Salad's ten minutes.
const defaultAwayFor = 10 * time.Minute

// readWhen reads the mining hours and the away time into s.
func (t *settingsTab) readWhen(s *control.Settings, errs map[string]string) {
	var err error
	if s.MiningHours, err = control.ParseDailyHours(t.entries["hours"].Text); err != nil {
		errs["hours"] = err.Error()
	}
	s.MineWhenAwayFor = 0
	if !t.checks["away"].Checked {
		return
	}
	text := strings.TrimSpace(t.entries["away"].Text)
	if text == "" {
		text = control.CompactDuration(defaultAwayFor)
	}
	d, err := control.ParseDuration(text)
	switch {
	case err != nil:
		errs["away"] = "write a duration such as 10m or 1h"
	case d < control.MinAwayFor || d > control.MaxAwayFor:
		errs["away"] = "between " + control.CompactDuration(control.MinAwayFor) + " and " + control.CompactDuration(control.MaxAwayFor)
	}
	s.MineWhenAwayFor = d
}

// noticesOff lists the unchecked kinds, keeping kinds this version of the
// screen does not know.
func (t *settingsTab) noticesOff() []control.NoticeKind {
	var off []control.NoticeKind
	for _, k := range t.loaded.NoticesOff {
		if t.notices[k] == nil {
			off = append(off, k)
		}
	}
	for _, k := range control.NoticeKinds() {
		if !t.notices[k].Checked && !slices.Contains(off, k) {
			off = append(off, k)
		}
	}
	return off
}

// onCopyFolder puts the data folder's path on the clipboard, for a
// terminal or a backup tool.
func (t *settingsTab) onCopyFolder() {
	if t.dataDir.Text == "" {
		return
	}
	t.app.Clipboard().SetContent(t.dataDir.Text)
	t.say("Copied the data folder's path.", false)
}

func (t *settingsTab) onOpenFolder() {
	if t.dataDir.Text == "" {
		return
	}
	u := &url.URL{Scheme: "file", Path: t.dataDir.Text}
	if err := t.app.OpenURL(u); err != nil {
		t.say("Could not open the folder: "+folderNotOpened(err), true) // not in the green of a "Saved." before it
	}
}

// folderNotOpened says why the desktop did not open a folder: Fyne asks
// xdg-open, and a desktop without it (a bare window manager, no
// xdg-utils) answered with Go's `exec: "xdg-open": executable file not
// found in $PATH`.
func folderNotOpened(err error) string {
	var ee *exec.Error
	if errors.As(err, &ee) && errors.Is(err, exec.ErrNotFound) {
		return "this desktop has no program that opens folders (" + ee.Name + ", of the xdg-utils package). Copy puts its path on the clipboard."
	}
	return err.Error()
}
