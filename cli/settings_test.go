package cli

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/miners"
	"github.com/rigshift/rigshift/jobs/socket/sockettest"
	"github.com/rigshift/rigshift/store"
)

// The shell leaves "~" alone after "=": miner.executable=~/t-rex/t-rex was
// refused as "there is no program at ~/t-rex/t-rex". It is in the home
// folder, saved as its full path, running or not.
func TestSettingsMinerProgramInTheHomeFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	program := filepath.Join(home, "t-rex", "t-rex")
	os.MkdirAll(filepath.Dir(program), 0o755)
	if err := os.WriteFile(program, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	running, _ := serveFake(t, nil)
	for _, dir := range []string{running, t.TempDir()} {
		code, _, stderr := runCLI(t, "settings", "set", "miner=t-rex", "miner.executable=~/t-rex/t-rex",
			"miner.pool=stratum+tcp://rvn.pool.example:6060", "miner.wallet=RXwallet", "miner.algorithm=kawpow", "--data-dir", dir)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if _, out, _ := runCLI(t, "settings", "--data-dir", dir); !strings.Contains(out, "miner.executable       "+program+"\n") {
			t.Errorf("the program is not saved as %s:\n%s", program, out)
		}
	}
}

// A rig without a display sets up its miner from the command line, and
// the running RigShift takes it.
func TestSettingsSetUpAMiner(t *testing.T) {
	dir, api := serveFake(t, nil)
	program := filepath.Join(t.TempDir(), "t-rex")
	if err := os.WriteFile(program, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "settings", "set", "miner=T-Rex", "miner.executable="+program,
		"miner.pool=stratum+tcp://rvn.pool.example:6060", "--data-dir", dir, "miner.wallet=RXwallet",
		"miner.algorithm=kawpow", "miner.extra=--intensity 22", "electricity-per-kwh=0,21", "notify.mode-change=off")
	if code != exitOK || out != "Saved. The miner uses the new setup from now on: a running one restarts with it.\n" {
		t.Fatalf("exit %d: %s%s", code, out, stderr)
	}
	// A notice switched off says nothing of the miner.
	if code, out, _ := runCLI(t, "settings", "set", "notify.storage=off", "--data-dir", dir); code != exitOK || out != "Saved.\n" {
		t.Errorf("a notice switched off: exit %d, %q", code, out)
	}
	s := api.Settings()
	want := miners.Preset{Miner: miners.TRex, Executable: program, Pool: "stratum+tcp://rvn.pool.example:6060",
		Wallet: "RXwallet", Algorithm: "kawpow", Extra: []string{"--intensity", "22"}}
	if got, _ := json.Marshal(s.Miner); string(got) != mustJSON(t, want) || s.ElectricityPerKWh != 0.21 ||
		s.NoticeOn(control.NoticeModeChange) || !s.NoticeOn(control.NoticeJobDone) {
		t.Errorf("settings now %+v", s)
	}
	code, out, _ = runCLI(t, "settings", "--data-dir", dir)
	for _, line := range []string{"miner                  t-rex", "miner.executable       " + program,
		"miner.password         \n", "electricity-per-kwh    0.21", "notify.mode-change     off", "notify.job-done        on"} {
		if code != exitOK || !strings.Contains(out, line) {
			t.Errorf("settings lack %q:\n%s", line, out)
		}
	}
	runCLI(t, "settings", "set", "miner.password=secret", "--data-dir", dir)
	if _, out, _ = runCLI(t, "settings", "--data-dir", dir); strings.Contains(out, "secret") || !strings.Contains(out, "(set)") {
		t.Errorf("the password shows:\n%s", out)
	}
	if _, out, _ = runCLI(t, "settings", "--json", "--data-dir", dir); strings.Contains(out, "secret") || !strings.Contains(out, `"(set)"`) {
		t.Errorf("the password shows in JSON:\n%s", out)
	}
	runCLI(t, "settings", "set", "miner.extra=--name 'rig one'", "--data-dir", dir)
	if _, out, _ = runCLI(t, "settings", "--data-dir", dir); !strings.Contains(out, "miner.extra            --name 'rig one'\n") {
		t.Errorf("the extra arguments do not read back as typed:\n%s", out)
	}
	if code, _, stderr := runCLI(t, "settings", "set", "miner.extra=", "--data-dir", dir); code != exitOK || len(api.Settings().Miner.Extra) != 0 {
		t.Errorf("miner.extra= (taking the arguments away): exit %d, %q, extra %q", code, stderr, api.Settings().Miner.Extra)
	}
	if code, _, _ := runCLI(t, "settings", "set", "miner=none", "--data-dir", dir); code != exitOK || api.Settings().MinerConfigured() {
		t.Errorf("miner=none: exit %d, miner %+v", code, api.Settings().Miner)
	}
}

// What RigShift refuses is said by key, and nothing is saved.
func TestSettingsRefusedByKey(t *testing.T) {
	dir, api := serveFake(t, nil)
	before := api.Settings()
	code, _, stderr := runCLI(t, "settings", "set", "miner=t-rex", "miner.executable=/nowhere/t-rex",
		"resume-below-c=90", "--data-dir", dir)
	for _, want := range []string{"the settings were not saved:", "\n  miner.executable: ", "\n  miner.pool: write the pool",
		"\n  resume-below-c: the resume temperature (90 °C) must be below the limit (83 °C)"} {
		if code != exitError || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, stderr)
		}
	}
	if got := api.Settings(); got.ResumeBelowC != before.ResumeBelowC || got.MinerConfigured() {
		t.Errorf("refused settings were kept: %+v", got)
	}
	for _, tc := range []struct{ arg, want string }{
		{"fan-speed=100", `there is no setting "fan-speed"`},
		{"electricty-per-kwh=0.2", `there is no setting "electricty-per-kwh": did you mean electricity-per-kwh?`},
		{"notify.jobdone=off", `there is no setting "notify.jobdone": did you mean notify.job-done?`},
		{"miner=trex", "miner=trex: did you mean t-rex? (choose one of xmrig, t-rex"},
		{"electricty-per-kwh=0.2", `there is no setting "electricty-per-kwh": did you mean electricity-per-kwh?`},
		{"notify.jobdone=off", `there is no setting "notify.jobdone": did you mean notify.job-done?`},
		{"miner=trex", "miner=trex: did you mean t-rex? (choose one of xmrig, t-rex"},
		{"currency=dollars", "three-letter code"},
		{"pause-at-c=hot", "write a number, e.g. 83"},
		// 83, the pause temperature's example, is refused as a resume one.
		{"resume-below-c=cool", "write a number, e.g. 70"},
		{"electricity-per-kwh=NaN", "write a number, e.g. 0.21"},
		{"host-overhead-w=inf", "write a number, e.g. 80"},
		{"host-overhead-w=1,500", `"1,500": the comma could group thousands or mark the decimals; write 1500 or 1.5`},
		{"restart-stalled-after=soon", "a duration such as 2m"},
		{"mining-hours=9 to 5", "write the hours as FROM-UNTIL"},
		{"mining-hours=22:00-25:00", `"25:00" is not a time of day`},
		{"mine-when-away-for=soon", "a duration such as 10m"},
		{"miner=cgminer", "choose one of xmrig, t-rex"},
		{"notify.thermal=maybe", "write on or off"},
		{"currency", "write KEY=VALUE"},
	} {
		code, _, stderr := runCLI(t, "settings", "set", tc.arg, "--data-dir", dir)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, %q", tc.arg, code, stderr)
		}
	}
	if code, _, stderr := runCLI(t, "settings", "set", "--data-dir", dir); code != exitUsage || !strings.Contains(stderr, "KEY=VALUE") {
		t.Errorf("nothing to set: exit %d, %q", code, stderr)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A script sets up a rig before its service first starts: with RigShift
// stopped the settings go into the database, checked the same way, and
// RigShift starts with them.
func TestSettingsWhileStopped(t *testing.T) {
	dir := privateRuntime(t)
	db := filepath.Join(dir, store.FileName)
	if code, out, stderr := runCLI(t, "settings", "--data-dir", dir); code != exitOK || !strings.Contains(out, "pause-at-c             83") {
		t.Errorf("a new rig's settings: exit %d\n%s%s", code, out, stderr)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("reading the settings made a database: %v", err)
	}
	if code, _, _ := runCLI(t, "settings", "set", "fan-speed=100", "--data-dir", dir); code != exitUsage {
		t.Errorf("a typo: exit %d", code)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a typo made a database: %v", err)
	}
	if code, _, stderr := runCLI(t, "settings", "set", "miner=xmrig", "--data-dir", dir); code != exitError || !strings.Contains(stderr, "miner.executable") {
		t.Errorf("an incomplete miner: exit %d, %q", code, stderr)
	}
	code, out, stderr := runCLI(t, "settings", "set", "electricity-per-kwh=0.3", "currency=eur", "--data-dir", dir)
	if code != exitOK || !strings.Contains(out, "Saved in "+db+": RigShift is not running") {
		t.Fatalf("exit %d: %s%s", code, out, stderr)
	}
	got := control.DefaultSettings()
	if err := holdStore(t, dir).GetSettings(&got); err != nil || got.ElectricityPerKWh != 0.3 || got.Currency != "EUR" || got.ThermalLimitC != 83 {
		t.Errorf("stored settings %+v, %v", got, err)
	}
}

// Saved settings this version refuses (an older RigShift checked less, or
// the file was edited by hand) are corrected at start; `settings set`
// while RigShift was stopped took them as they were, and refused every
// change over the value it had not been asked about: "pause-at-c: …".
// It corrects them as a start does, says what, and keeps it in the log.
func TestSettingsSetWhileStoppedCorrectsWhatThisVersionRefuses(t *testing.T) {
	dir := privateRuntime(t)
	bad := control.DefaultSettings()
	bad.ThermalLimitC = 0
	saveSettings(t, dir, bad)
	code, out, stderr := runCLI(t, "settings", "set", "electricity-per-kwh=0.3", "--data-dir", dir)
	if code != exitOK || !strings.Contains(out, "Corrected saved settings this version refuses: pause at 0 → 83 °C") || !strings.Contains(out, "Saved in") {
		t.Fatalf("exit %d: %s%s", code, out, stderr)
	}
	got := control.DefaultSettings()
	held := holdStore(t, dir)
	if err := held.GetSettings(&got); err != nil || got.ElectricityPerKWh != 0.3 || got.ThermalLimitC != 83 {
		t.Errorf("stored settings %+v, %v", got, err)
	}
	evs, err := held.Events(time.Time{}, time.Now().Add(time.Hour), 10)
	if err != nil || len(evs) != 2 || evs[1].Kind != store.EventKindSettings || !strings.Contains(evs[1].Message, "pause at 0 → 83 °C") ||
		!strings.Contains(evs[0].Message, "electricity") { // newest first
		t.Errorf("events %+v, %v; want the correction, then the change", evs, err)
	}
}

// A change made while RigShift is stopped is in the event log, as one
// made in the running RigShift is: the log did not say why the rig
// paused at another temperature after a restart.
func TestSettingsSetWhileStoppedKeepsTheChangeInTheLog(t *testing.T) {
	dir := privateRuntime(t)
	code, out, stderr := runCLI(t, "settings", "set", "pause-at-c=78", "resume-below-c=70", "--data-dir", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s%s", code, out, stderr)
	}
	events := func() []store.Event {
		s := openStore(t, dir)
		defer s.Close()
		evs, err := s.Events(time.Time{}, time.Now().Add(time.Hour), 10)
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}
	evs := events()
	if len(evs) != 1 || evs[0].Kind != store.EventKindSettings || !strings.Contains(evs[0].Message, "78") {
		t.Errorf("events %+v; want the change to 78 °C", evs)
	}
	code, _, stderr = runCLI(t, "settings", "set", "pause-at-c=78", "--data-dir", dir)
	if evs := events(); code != exitOK || len(evs) != 1 {
		t.Errorf("setting what was already set: exit %d (%s), events %+v; want no new one", code, stderr, evs)
	}
}

// A currency saved in small letters is the rig's own, corrected: a queued
// job priced in it does not hold the change back.
func TestSettingsSetWhileStoppedCorrectsACurrencyInSmallLetters(t *testing.T) {
	dir := privateRuntime(t)
	s := openStore(t, dir)
	bad := control.DefaultSettings()
	bad.Currency = "usd"
	if err := s.PutSettings(bad); err != nil {
		t.Fatal(err)
	}
	if err := s.PutJob(store.JobRecord{ID: "J-0001", Client: "acme", Command: []string{"python"}, GPUCount: 1,
		PricePerGPUHour: 0.4, Currency: "USD", State: string(control.JobQueued)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, stderr := runCLI(t, "settings", "set", "electricity-per-kwh=0.3", "--data-dir", dir)
	if code != exitOK || !strings.Contains(out, "Corrected saved settings this version refuses: the currency (usd → USD)") {
		t.Fatalf("exit %d: %s%s", code, out, stderr)
	}
}

// setAndShow sets the key=value pairs in a new data directory (RigShift
// not running), shows the settings and checks that they print each line
// of want; it returns the directory.
func setAndShow(t *testing.T, set []string, want ...string) string {
	t.Helper()
	dir := privateRuntime(t)
	if code, _, stderr := runCLI(t, append(append([]string{"settings", "set"}, set...), "--data-dir", dir)...); code != exitOK {
		t.Fatalf("settings set %q: exit %d: %s", set, code, stderr)
	}
	code, out, _ := runCLI(t, "settings", "--data-dir", dir)
	for _, w := range want {
		if code != exitOK || !strings.Contains(out, w) {
			t.Errorf("after %q the settings lack %q:\n%s", set, w, out)
		}
	}
	return dir
}

// The mining hours and "only while I'm away" are set and shown as typed.
func TestSettingsMiningHoursAndAway(t *testing.T) {
	dir := setAndShow(t, []string{"mining-hours=22:00–7:00", "mine-when-away-for=10m"},
		"mining-hours           22:00-07:00\n", "mine-when-away-for     10m\n")
	code, _, stderr := runCLI(t, "settings", "set", "mine-when-away-for=30s", "--data-dir", dir)
	if code != exitError || !strings.Contains(stderr, "mine-when-away-for: mine after 1m to 24h away") {
		t.Errorf("30 s away: exit %d, %q", code, stderr)
	}
	runCLI(t, "settings", "set", "mining-hours=any time", "mine-when-away-for=off", "--data-dir", dir)
	if _, out, _ := runCLI(t, "settings", "--data-dir", dir); !strings.Contains(out, "mining-hours           any\n") ||
		!strings.Contains(out, "mine-when-away-for     off\n") {
		t.Errorf("turned off:\n%s", out)
	}
}

// A zero duration turns mining only while away off, as "0" and "off" do:
// "0s" was refused with "write a duration such as 10m, or 0".
func TestSettingsAwayForZeroDurationIsOff(t *testing.T) {
	dir := privateRuntime(t)
	for _, off := range []string{"0s", "0m"} {
		runCLI(t, "settings", "set", "mine-when-away-for=10m", "--data-dir", dir)
		if code, _, stderr := runCLI(t, "settings", "set", "mine-when-away-for="+off, "--data-dir", dir); code != exitOK {
			t.Errorf("%s: exit %d: %s", off, code, stderr)
		}
		if _, out, _ := runCLI(t, "settings", "--data-dir", dir); !strings.Contains(out, "mine-when-away-for     off\n") {
			t.Errorf("%s:\n%s", off, out)
		}
	}
}

// A night rate is set and shown as typed, and a bad window refused.
func TestSettingsCheapHours(t *testing.T) {
	dir := privateRuntime(t)
	if _, out, _ := runCLI(t, "settings", "--data-dir", dir); !strings.Contains(out, "cheap-hours            none\n") {
		t.Errorf("a rig without cheaper hours:\n%s", out)
	}
	if code, _, stderr := runCLI(t, "settings", "set", "cheap-hours=22:00-22:00", "cheap-per-kwh=0.1", "--data-dir", dir); code != exitUsage || !strings.Contains(stderr, `write "none" for no cheaper hours`) {
		t.Errorf("a window that ends as it starts: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "settings", "set", "cheap-hours=22:00-07:00", "cheap-per-kwh=0,12", "--data-dir", dir); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	_, out, _ := runCLI(t, "settings", "--data-dir", dir)
	for _, want := range []string{"cheap-hours            22:00-07:00\n", "cheap-per-kwh          0.12\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("settings lack %q:\n%s", want, out)
		}
	}
	// Moved hours keep the price they had.
	if code, _, stderr := runCLI(t, "settings", "set", "cheap-hours=01:00-05:00", "--data-dir", dir); code != exitOK {
		t.Errorf("hours moved: exit %d, %q", code, stderr)
	}
	if _, out, _ := runCLI(t, "settings", "--data-dir", dir); !strings.Contains(out, "cheap-hours            01:00-05:00\ncheap-per-kwh          0.12\n") {
		t.Errorf("moved hours lost their price:\n%s", out)
	}
	// Hours again after none: the old price is not assumed.
	if code, _, stderr := runCLI(t, "settings", "set", "cheap-hours=none", "--data-dir", dir); code != exitOK {
		t.Fatalf("no cheaper hours: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "settings", "set", "cheap-hours=01:00-05:00", "--data-dir", dir); code != exitUsage || !strings.Contains(stderr, "cheap-per-kwh=0.10 (0 if free)") {
		t.Errorf("hours without their price: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "settings", "set", "cheap-hours=nights", "--data-dir", dir); code != exitUsage || !strings.Contains(stderr, "FROM-UNTIL") {
		t.Errorf("a bad window: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "settings", "set", "cheap-per-kwh=-1", "--data-dir", dir); code != exitError || !strings.Contains(stderr, "cannot be negative") {
		t.Errorf("a negative price: exit %d, %q", code, stderr)
	}
}

// GPUs set aside can be given by UUID before RigShift first starts (a
// script setting a rig up), and shown.
func TestSettingsGPUsAside(t *testing.T) {
	dir := privateRuntime(t)
	if code, _, stderr := runCLI(t, "settings", "set", "gpus-aside="+gpu1+", "+gpu0+","+gpu1, "--data-dir", dir); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, out, _ := runCLI(t, "settings", "--data-dir", dir); !strings.Contains(out, "gpus-aside             "+gpu1+","+gpu0+"\n") {
		t.Errorf("settings do not list both GPUs once:\n%s", out)
	}
	const hex = "GPU-9e2fb1ae-0c1d-4e5f-8a9b-0c1d2e3f4a5b"
	runCLI(t, "settings", "set", "gpus-aside="+strings.ToUpper(hex), "--data-dir", dir)
	if _, out, _ := runCLI(t, "settings", "--data-dir", dir); !strings.Contains(out, "gpus-aside             "+hex+"\n") {
		t.Errorf("a UUID typed in capitals is not kept as the GPU's own:\n%s", out)
	}
	code, _, stderr := runCLI(t, "settings", "set", "gpus-aside=1", "--data-dir", dir)
	if code == exitOK || !strings.Contains(stderr, `"1" is not a GPU UUID`) {
		t.Errorf("an index: exit %d, %q", code, stderr)
	}
	runCLI(t, "settings", "set", "gpus-aside=none", "--data-dir", dir)
	if _, out, _ := runCLI(t, "settings", "--data-dir", dir); !strings.Contains(out, "gpus-aside             none\n") {
		t.Errorf("after none:\n%s", out)
	}
}

// RigShift sets whole GPUs aside: a MIG instance's UUID, which no GPU of
// the rig has, is refused instead of saved and never matched.
func TestSettingsGPUsAsideRefusesAMIGInstance(t *testing.T) {
	dir := privateRuntime(t)
	code, _, stderr := runCLI(t, "settings", "set", "gpus-aside=MIG-41b3359b-8f5d-5a0d-9e7b-1c2f3a4b5c6d", "--data-dir", dir)
	if code == exitOK || !strings.Contains(stderr, "MIG") {
		t.Errorf("a MIG instance: exit %d, %q", code, stderr)
	}
}

// The running RigShift refuses a new currency while jobs priced in the old
// one wait or run (their electricity could not be set against them); with
// RigShift stopped the same change went straight into the database, and
// the queued job ran in EUR on a rig that kept its accounts in JPY.
func TestSettingsWhileStoppedKeepTheCurrencyOfQueuedJobs(t *testing.T) {
	dir := privateRuntime(t)
	s := openStore(t, dir)
	if err := s.PutJob(store.JobRecord{ID: "J-0001", Client: "acme", Command: []string{"python"}, GPUCount: 1,
		PricePerGPUHour: 0.4, Currency: "USD", State: string(control.JobQueued)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, _, stderr := runCLI(t, "settings", "set", "currency=JPY", "--data-dir", dir)
	if code != exitError || !strings.Contains(stderr, "currency: 1 rental job waiting or running, priced in USD") {
		t.Errorf("exit %d, %q", code, stderr)
	}
	got := control.DefaultSettings()
	if err := holdStore(t, dir).GetSettings(&got); err != nil || got.Currency != "USD" {
		t.Errorf("stored currency %q, %v", got.Currency, err)
	}
}

// A custom miner's command line, and a preset's extra arguments, hold its
// pool password and API token as often as miner.password does: `rigshift
// settings`, pasted into a support thread, shows neither.
func TestSettingsHideSecretsInMinerArguments(t *testing.T) {
	dir, _ := serveFake(t, nil)
	program := filepath.Join(t.TempDir(), "miner")
	if err := os.WriteFile(program, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "settings", "set", "miner=custom", "miner.executable="+program, "--data-dir", dir,
		"miner.args=-o stratum+tcp://pool.example:4444 -u RXwallet --pass hunter2pool --api-token=tok3nvalue --api-port {port}",
		"miner.extra=--http-access-token s3cretapi")
	if code != exitOK {
		t.Fatalf("exit %d: %s%s", code, out, stderr)
	}
	for _, args := range [][]string{{"settings"}, {"settings", "--json"}} {
		_, out, _ := runCLI(t, append(args, "--data-dir", dir)...)
		for _, secret := range []string{"hunter2pool", "tok3nvalue", "s3cretapi"} {
			if strings.Contains(out, secret) {
				t.Errorf("rigshift %s shows %q:\n%s", strings.Join(args, " "), secret, out)
			}
		}
		if !strings.Contains(out, "RXwallet") || !strings.Contains(out, "{port}") {
			t.Errorf("rigshift %s lost the rest of the arguments:\n%s", strings.Join(args, " "), out)
		}
	}
}

// `settings set electricity-per-kwh=-1` was refused with "prices, revenue
// and overhead cannot be negative", naming no key: among several changes
// the owner had to guess which. The key is named, as for a value that is
// no number, by the settings' own check (the window's form checks its
// fields before).
func TestSettingsNegativeNumberNamesItsKey(t *testing.T) {
	dir, _ := serveFake(t, nil)
	code, _, stderr := runCLI(t, "settings", "set", "currency=EUR", "host-overhead-w=-80", "mining-per-gpu-day=-1", "--data-dir", dir)
	if want := "rigshift: the settings were not saved:\n  host-overhead-w: cannot be negative\n  mining-per-gpu-day: cannot be negative\n"; code != exitError || stderr != want {
		t.Errorf("exit %d, %q; want %q", code, stderr, want)
	}
}

// A duration is read with spaces in it, as the window's Settings screen
// reads it: "1m 30s" saved there, and was refused here with "write a
// duration such as 2m or 90s".
func TestSettingsDurationsWithSpaces(t *testing.T) {
	setAndShow(t, []string{"restart-stalled-after=1m 30s", "mine-when-away-for=10 m"},
		"restart-stalled-after  1m30s\n", "mine-when-away-for     10m\n")
}

// "-0" is zero, shown as 0: it was kept as negative zero, and the settings
// and the event log said "-0" ("the electricity price (0.15 → -0 USD/kWh)").
func TestSettingsMinusZeroIsZero(t *testing.T) {
	setAndShow(t, []string{"electricity-per-kwh=-0", "host-overhead-w=-0,0"},
		"electricity-per-kwh    0\n", "host-overhead-w        0\n")
}

// `settings --json` printed the stored shape: the miner's Go field names
// ("Executable"), durations in nanoseconds, and nothing for unset keys; a
// script could not feed a value back to `settings set`. It prints the keys
// and values the text shows, each of which `settings set` takes back.
func TestSettingsJSONIsTheKeysSettingsSetTakes(t *testing.T) {
	dir, api := serveFake(t, nil)
	program := filepath.Join(t.TempDir(), "t-rex")
	if err := os.WriteFile(program, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "settings", "set", "restart-stalled-after=3m", "host-overhead-w=95", "--data-dir", dir,
		"miner=t-rex", "miner.executable="+program, "miner.pool=stratum+tcp://rvn.pool.example:6060", "miner.wallet=RXwallet",
		"miner.algorithm=kawpow", "miner.password= pass word "); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, out, _ := runCLI(t, "settings", "--json", "--data-dir", dir)
	var values map[string]string
	if err := json.Unmarshal([]byte(out), &values); code != exitOK || err != nil {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	if len(values) != len(settingKeys) || values["restart-stalled-after"] != "3m" || values["host-overhead-w"] != "95" {
		t.Errorf("settings --json:\n%s", out)
	}
	before := api.Settings()
	if before.Miner.Password != " pass word " { // as typed, as the Settings screen takes it
		t.Errorf("the password was saved as %q", before.Miner.Password)
	}
	var args []string
	for k, v := range values {
		args = append(args, k+"="+v)
	}
	if code, _, stderr := runCLI(t, append([]string{"settings", "set", "--data-dir", dir}, args...)...); code != exitOK {
		t.Fatalf("settings set with every value settings --json gave: exit %d: %s", code, stderr)
	}
	if after := api.Settings(); !reflect.DeepEqual(after, before) {
		t.Errorf("settings changed by setting them to what they were (the password to \"(set)\"?):\n%+v\n%+v", before, after)
	}
}

// `rigshift settings --data-dir` with a mistyped folder showed the settings
// a new rig starts with, exit 0, as if they were that rig's: it says so.
func TestSettingsWithoutADatabaseSayTheyAreTheDefaults(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "typo")
	for _, args := range [][]string{{"settings"}, {"settings", "--json"}} {
		code, out, stderr := runCLI(t, append(args, "--data-dir", dir)...)
		want := "No RigShift data in " + dir + " yet: these are the settings a new rig starts with.\n"
		if code != exitOK || stderr != want || !strings.Contains(out, "pause-at-c") {
			t.Errorf("rigshift %s: exit %d, stderr %q, out:\n%s", strings.Join(args, " "), code, stderr, out)
		}
	}
}

// `rigshift settings` while RigShift is stopped shows the settings it
// will run with: a pause at 0 °C saved by an older RigShift was shown as
// it was saved, though the next start corrects it to 83 °C.
func TestSettingsWhileStoppedShowsThemCorrected(t *testing.T) {
	dir := privateRuntime(t)
	bad := control.DefaultSettings()
	bad.ThermalLimitC = 0
	saveSettings(t, dir, bad)
	code, out, stderr := runCLI(t, "settings", "--data-dir", dir)
	if code != exitOK || !regexp.MustCompile(`(?m)^pause-at-c\s+83$`).MatchString(out) || !strings.Contains(stderr, "pause at 0 → 83 °C") {
		t.Errorf("exit %d:\n%s%s", code, out, stderr)
	}
}

// olderRigShift is a running RigShift of a version before the mining
// hours: the settings it is sent come back without them, as its Settings
// type has no such field.
type olderRigShift struct{ *sockettest.API }

func (o olderRigShift) SaveSettings(s control.Settings) error {
	s.MiningHours, s.MineWhenAwayFor = control.DailyHours{}, 0
	return o.API.SaveSettings(s)
}

// A setting the running RigShift does not know, because the service still
// runs the version before an upgrade, is said not to be taken: 'settings
// set mining-hours=22:00-07:00' said "Saved." and the rig mined at every
// hour.
func TestSettingsSetSaysWhatAnOlderRunningRigShiftDidNotTake(t *testing.T) {
	api := olderRigShift{sockettest.NewAPI(2)}
	dir := serveAPI(t, api, nil)
	code, out, stderr := runCLI(t, "settings", "set", "electricity-per-kwh=0.2", "mining-hours=22:00-07:00", "--data-dir", dir)
	if code != exitError || !strings.Contains(stderr, "mining-hours") || !strings.Contains(stderr, "restart") ||
		strings.Contains(stderr, "electricity-per-kwh") || strings.Contains(out, "Saved.") {
		t.Errorf("exit %d\n%s%s", code, out, stderr)
	}
	if got := api.Settings(); got.ElectricityPerKWh != 0.2 {
		t.Errorf("the price it knows was not saved: %+v", got)
	}
}

// Settings an older RigShift saved and this one refuses (RigShift of early
// December took a kWh price of 1e300 and an overhead of 1e12 W) are read
// while RigShift is stopped as its next start will run them: repaired. A
// script that set the rig up after an upgrade, before the service first
// started, had every change refused over the values it did not touch, and
// 'rigshift settings' showed a price 301 digits long.
func TestSettingsWhileStoppedRepairWhatAnOlderRigShiftSaved(t *testing.T) {
	dir := privateRuntime(t)
	old := control.DefaultSettings()
	old.ElectricityPerKWh, old.HostOverheadW, old.ThermalLimitC = 1e300, 1e12, 90
	saveSettings(t, dir, old)
	if code, out, stderr := runCLI(t, "settings", "--data-dir", dir); code != exitOK ||
		!strings.Contains(out, "electricity-per-kwh    0.15\n") || !strings.Contains(out, "host-overhead-w        80\n") {
		t.Errorf("the settings shown: exit %d\n%s%s", code, out, stderr)
	}
	if code, out, stderr := runCLI(t, "settings", "set", "currency=EUR", "--data-dir", dir); code != exitOK {
		t.Fatalf("settings set currency=EUR: exit %d: %s%s", code, out, stderr)
	}
	code, out, stderr := runCLI(t, "events", "--data-dir", dir)
	if code != exitOK || !strings.Contains(out, "Corrected saved settings this version refuses: the electricity price (1e+300 → 0.15") {
		t.Errorf("the repair saved with the change is not in the event log: exit %d\n%s%s", code, out, stderr)
	}
	got := control.DefaultSettings()
	if err := holdStore(t, dir).GetSettings(&got); err != nil || got.Currency != "EUR" ||
		got.ElectricityPerKWh != 0.15 || got.HostOverheadW != 80 || got.ThermalLimitC != 90 {
		t.Errorf("stored settings %+v, %v", got, err)
	}
}

// Saved settings with a value of the wrong kind: `settings set` while
// RigShift is stopped read them first and failed, as the start did, and
// the owner had no way to fix them. It takes the change over the default
// for the unreadable value, says so, and keeps it in the event log.
func TestSettingsSetOverSettingsReadOnlyInPart(t *testing.T) {
	dir := privateRuntime(t)
	saveSettings(t, dir, map[string]any{"electricity_per_kwh": "cheap", "thermal_limit_c": 78})
	code, out, stderr := runCLI(t, "settings", "--data-dir", dir)
	if code != exitOK || !regexp.MustCompile(`(?m)^pause-at-c\s+78$`).MatchString(out) || !strings.Contains(stderr, "electricity_per_kwh holds a text where a number belongs") {
		t.Errorf("settings: exit %d:\n%s%s", code, out, stderr)
	}
	code, out, stderr = runCLI(t, "settings", "set", "currency=EUR", "--data-dir", dir)
	if code != exitOK || !strings.Contains(out, "electricity_per_kwh holds a text where a number belongs, back to its default") {
		t.Fatalf("settings set: exit %d: %s%s", code, out, stderr)
	}
	got := control.DefaultSettings()
	if err := holdStore(t, dir).GetSettings(&got); err != nil || got.Currency != "EUR" || got.ThermalLimitC != 78 {
		t.Errorf("stored settings %+v, %v", got, err)
	}
}

// Settings refused on a full disk while RigShift is stopped say so once:
// "the settings were not saved: saving settings: the disk … is full".
func TestSettingsSetOnAFullDiskSaysItOnce(t *testing.T) {
	dir := privateRuntime(t)
	s := openStore(t, dir)
	defer s.Close()
	s.FailWrites(syscall.ENOSPC)
	_, err := storeSettings{s}.SaveSettings(control.DefaultSettings())
	if err == nil || strings.Contains(err.Error(), "saving settings") || !strings.Contains(err.Error(), "is full") || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("SaveSettings on a full disk: %v", err)
	}
}

// saveSettings saves v (control.Settings, or a shape of an older or
// damaged one) as the settings in dir's database, RigShift stopped.
func saveSettings(t *testing.T, dir string, v any) {
	t.Helper()
	inStore(t, dir, func(s *store.Store) {
		if err := s.PutSettings(v); err != nil {
			t.Fatal(err)
		}
	})
}
