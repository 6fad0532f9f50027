package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/socket/sockettest"
	"github.com/rigshift/rigshift/store"
)

func TestCommandsWhenRigShiftIsNotRunning(t *testing.T) {
	dir := privateRuntime(t)
	// --data-dir is in the advice: `rigshift daemon` alone starts the
	// default directory's RigShift, and the command would still find none.
	want := "rigshift: RigShift is not running for data directory " + dir +
		" (start it with `rigshift --data-dir " + dir + "` or `rigshift daemon --data-dir " + dir + "`)\n"
	d := "--data-dir=" + dir
	for _, args := range [][]string{
		{"status", d}, {"mode", "rent", d}, {"job", "list", d}, {"job", "cancel", "J-0001", d},
		{"job", "add", d, "--client", "acme", "--price", "0.4", "--", "python", "train.py"}, {"job", "logs", d, "J-0001"},
		{"export", "jobs", d},
	} {
		code, _, stderr := runCLI(t, args...)
		wantErr := want
		if args[0] == "export" {
			wantErr = "rigshift: there is no RigShift history in " + dir + " yet (no rigshift.db): it begins when RigShift first runs there " +
				"(start it with `rigshift --data-dir " + dir + "` or `rigshift daemon --data-dir " + dir + "`)\n"
		}
		if code != exitError || stderr != wantErr {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
}

// The advice to start RigShift names the commands that start the RigShift
// the command looked for: the default directory's, a simulated rig's
// (started with --simulate, as it keeps its own directory), or another's.
func TestNotRunningSaysHowToStartThatRigShift(t *testing.T) {
	privateRuntime(t)
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	def, sim, other := filepath.Join(data, "rigshift"), filepath.Join(data, "rigshift-simulated"), filepath.Join(data, "my rig")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"status"}, "RigShift is not running for data directory " + def + " (start it with `rigshift` or `rigshift daemon`)"},
		{[]string{"status", "--data-dir", def}, "(start it with `rigshift` or `rigshift daemon`)"},
		{[]string{"mode", "--data-dir", sim}, "(start the simulated rig with `rigshift --simulate 4` or `rigshift daemon --simulate 4`)"},
		{[]string{"job", "list", "--data-dir", other}, "(start it with `rigshift --data-dir '" + other + "'` or `rigshift daemon --data-dir '" + other + "'`)"},
	} {
		code, _, stderr := runCLI(t, c.args...)
		if code != exitError || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
}

func TestStatusSummary(t *testing.T) {
	dir, api := serveFake(t, nil)
	api.St.Mode, api.St.Switching, api.St.DataPath = control.Auto, true, dir+"/rigshift.db"
	api.St.GPUs[0].Work, api.St.GPUs[0].HashRate = "mining", 61.2e6
	api.St.GPUs[1].Work, api.St.GPUs[1].Hot = "job J-0007", true
	api.St.GPUs = append(api.St.GPUs, control.GPUStatus{Index: 2, Work: "mining", Hot: true,
		HeldUntil: time.Date(2026, 5, 1, 14, 7, 30, 0, time.Local)})
	api.St.Miner = control.MinerStatus{Configured: true, Name: "T-Rex", GPUs: 1, HashRate: 61.2e6, Accepted: 120, Rejected: 1}
	api.St.Rates = control.Rates{Currency: "USD", RentPerHour: 0.4, MinePerHour: 0.05, PowerCostPerHour: 0.12, PowerW: 530}
	api.St.StorageProblem = "the disk holding " + dir + "/rigshift.db is full"
	api.St.StorageSince = time.Date(2026, 5, 1, 14, 2, 0, 0, time.Local)
	api.JobList = append(api.JobList, runningJob())
	addJobs(t, api, 2)

	code, out, stderr := runCLI(t, "status", "--data-dir", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Mode: auto (switching)\n",
		"mining      61.2 MH/s", "job J-0007  -", "(too hot, paused)",
		"(too hot again, paused until 14:07:30 at least)",
		"Miner: T-Rex on 1 GPU, 61.2 MH/s, shares 120 accepted / 1 rejected\n",
		"Jobs: 1 running, 2 queued\n", "J-0007  lab  running",
		"now: renting pays 0.40 USD/h, mining 0.05 USD/h, electricity 0.12 USD/h (net 0.33 USD/h at 530 W)\n",
		"Database: " + dir + "/rigshift.db\n",
		"  not saving since 2026-05-01 14:02 (", "ago): the disk holding " + dir + "/rigshift.db is full\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
}

func TestStatusJSON(t *testing.T) {
	dir, api := serveFake(t, nil)
	api.SetMode(control.Mine)
	code, out, _ := runCLI(t, "status", "--json", "--data-dir", dir)
	var st control.Status
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != exitOK {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	if st.Mode != control.Mine || len(st.GPUs) != 2 || time.Since(st.Since) > time.Minute {
		t.Errorf("status = %+v", st)
	}
}

func TestStatusWithoutMiner(t *testing.T) {
	dir, _ := serveFake(t, nil)
	_, out, _ := runCLI(t, "status", "--data-dir", dir)
	if !strings.Contains(out, "Miner: not set up") || !strings.Contains(out, "Mode: idle") {
		t.Errorf("status:\n%s", out)
	}
	// A custom miner without a stats address reports no hash rate: say so,
	// rather than 0 H/s.
	got := minerLine(control.MinerStatus{Configured: true, Name: "custom", GPUs: 2})
	if got != "Miner: custom on 2 GPUs, hash rate unknown, shares 0 accepted / 0 rejected" {
		t.Errorf("miner line %q", got)
	}
}

func TestMode(t *testing.T) {
	dir, api := serveFake(t, nil)
	tests := []struct {
		args []string
		code int
		out  string // stdout, or stderr when the exit is not 0
	}{
		{[]string{"mode", "RENT", "--data-dir", dir}, exitOK, "Mode: rent\n"},
		{[]string{"mode", "--data-dir", dir}, exitOK, "Mode: rent since "},
		{[]string{"mode", "--data-dir", dir, "auto"}, exitOK, "Mode: auto\n"},
		{[]string{"mode", "warp", "--data-dir", dir}, exitUsage, `rigshift: unknown mode "warp": choose idle, mine, rent or auto`},
		{[]string{"mode", "mine", "rent", "--data-dir", dir}, exitUsage, `unexpected argument "rent"`},
		{[]string{"mode", "--bogus"}, exitUsage, "flag provided but not defined: -bogus"},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, tt.args...)
		if code != exitOK {
			out = stderr
		}
		if code != tt.code || !strings.Contains(out, tt.out) {
			t.Errorf("%q: exit %d, %q; want exit %d and %q", tt.args, code, out, tt.code, tt.out)
		}
	}
	if st := api.Status(); st.Mode != control.Auto {
		t.Errorf("mode = %v, want auto", st.Mode)
	}
}

func TestHelpListsTheCommands(t *testing.T) {
	_, out, _ := runCLI(t, "help")
	for _, c := range []string{"status", "mode", "job", "export", "db"} {
		if !strings.Contains(out, "\n  "+c+" ") {
			t.Errorf("help lacks %s:\n%s", c, out)
		}
	}
}

// `rigshift mode` with no mode shows it: the one-line summary says so, or
// an owner looking for how to see the mode would not try it.
func TestHelpSaysModeShowsTheMode(t *testing.T) {
	_, out, _ := runCLI(t, "help")
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "  mode ") && !strings.Contains(line, "show") {
			t.Errorf("help's mode line does not say it shows the mode: %q", line)
		}
	}
}

// On a rig without a display, the first command says whether the last
// day had problems, and where to read them.
func TestStatusCountsTheDaysProblems(t *testing.T) {
	dir, _ := serveFake(t, &sockettest.Exporter{Log: eventLog(time.Now())})
	_, out, _ := runCLI(t, "status", "--data-dir", dir)
	if !strings.Contains(out, "Last 24 h: 3 problems to look at (rigshift events --problems)\n") {
		t.Errorf("status:\n%s", out)
	}
	_, out, _ = runCLI(t, "status", "--json", "--data-dir", dir)
	var st struct {
		Mode           control.Mode `json:"mode"`
		RecentProblems *int         `json:"recent_problems"`
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil || st.RecentProblems == nil || *st.RecentProblems != 3 {
		t.Errorf("--json: %v, %+v\n%s", err, st, out)
	}
	quiet, _ := serveFake(t, &sockettest.Exporter{})
	if _, out, _ := runCLI(t, "status", "--data-dir", quiet); !strings.Contains(out, "Last 24 h: no problems\n") {
		t.Errorf("a quiet day:\n%s", out)
	}
}

// Mine or Auto that waits for the mining hours or the owner's absence
// says so under the miner.
func TestStatusSaysWhyMiningWaits(t *testing.T) {
	dir, api := serveFake(t, nil)
	api.St.Mode = control.Mine
	api.St.Miner = control.MinerStatus{Configured: true, Name: "T-Rex"}
	api.St.MiningHeld = "you are at the computer; mining starts after 10m without keyboard or mouse"
	_, out, _ := runCLI(t, "status", "--data-dir", dir)
	if !strings.Contains(out, "Miner: T-Rex, not mining now\n") ||
		!strings.Contains(out, "\n  waits: you are at the computer; mining starts after 10m without keyboard or mouse\n") {
		t.Errorf("status:\n%s", out)
	}
}

func TestRatesLineSaysOffPeak(t *testing.T) {
	if got, want := todayLine(control.Today{Currency: "EUR", Rent: 13.2, Mine: 0.8, Electricity: 2.46}),
		"today: renting 13.20 EUR, mining 0.80 EUR, electricity 2.46 EUR (net 11.54 EUR)"; got != want {
		t.Errorf("todayLine = %q, want %q", got, want)
	}
	if got := todayLine(control.Today{}); got != "" {
		t.Errorf("todayLine before any total = %q", got)
	}
	got := ratesLine(control.Rates{Currency: "EUR", PowerCostPerHour: 0.06, PowerW: 500, OffPeak: true})
	if got != "now: renting pays 0.00 EUR/h, mining 0.00 EUR/h, electricity 0.06 EUR/h (net -0.06 EUR/h at 500 W, off-peak)" {
		t.Errorf("%q", got)
	}
}

// `rigshift mode mine` on a rig with no miner, or outside its mining hours,
// said only "Mode: mine", and the GPUs stayed idle: the switch says why, as
// the window's notice does.
func TestModeMineSaysWhyNothingMines(t *testing.T) {
	dir, api := serveFake(t, nil)
	code, out, _ := runCLI(t, "mode", "mine", "--data-dir", dir)
	if code != exitOK || out != "Mode: mine\nNo miner is set up, so the GPUs stay idle instead of mining: choose one with rigshift settings set miner=…\n" {
		t.Errorf("no miner: exit %d, %q", code, out)
	}
	if _, out, _ := runCLI(t, "mode", "rent", "--data-dir", dir); out != "Mode: rent\n" {
		t.Errorf("rent needs no miner: %q", out)
	}
	api.St.Miner.Configured = true
	api.St.MiningHeld = "outside the mining hours (22:00–07:00); mining starts at 22:00"
	if _, out, _ := runCLI(t, "mode", "auto", "--data-dir", dir); out != "Mode: auto\nMining waits: outside the mining hours (22:00–07:00); mining starts at 22:00\n" {
		t.Errorf("mining held: %q", out)
	}
}

// On a machine where no GPU was found (no driver yet), status says where
// to look, as the mode switch does.
func TestStatusWithoutGPUsSaysWhereToLook(t *testing.T) {
	dir, api := serveFake(t, nil)
	api.St.GPUs = nil
	if code, out, stderr := runCLI(t, "status", "--data-dir", dir); code != exitOK || !strings.Contains(out, "\nGPUs: none found (rigshift gpus says why)\n") {
		t.Errorf("status without GPUs: exit %d\n%s%s", code, out, stderr)
	}
}

// On a machine where no GPU was found (no driver yet), any mode but Idle
// runs nothing: the switch says so instead of blaming the miner.
func TestModeWithoutGPUsSaysNothingRuns(t *testing.T) {
	dir, api := serveFake(t, nil)
	api.St.GPUs = nil
	for _, mode := range []string{"mine", "rent", "auto"} {
		_, out, _ := runCLI(t, "mode", mode, "--data-dir", dir)
		if want := "Mode: " + mode + "\nNo GPUs were found, so nothing runs in any mode; rigshift gpus says why.\n"; out != want {
			t.Errorf("%s without GPUs: %q, want %q", mode, out, want)
		}
	}
	if _, out, _ := runCLI(t, "mode", "idle", "--data-dir", dir); out != "Mode: idle\n" {
		t.Errorf("idle without GPUs: %q", out)
	}
}

// A RigShift closes its socket first when it stops, then stops its miners
// and jobs (seconds, up to a minute) with its database still open: the
// commands said it was not running. They now say it is still stopping.
func TestCommandsWhileRigShiftIsStopping(t *testing.T) {
	dir := privateRuntime(t)
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, args := range [][]string{{"status"}, {"mode", "rent"}, {"job", "list"}} {
		code, _, stderr := runCLI(t, append(args, "--data-dir="+dir)...)
		if code != exitError || !strings.Contains(stderr, "in use") || !strings.Contains(stderr, "still stopping") ||
			strings.Contains(stderr, "not running") || !strings.Contains(stderr, "another XDG_RUNTIME_DIR") {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
	st.Close()
	if _, _, stderr := runCLI(t, "status", "--data-dir="+dir); !strings.Contains(stderr, "is not running") {
		t.Errorf("once the database is closed: %q", stderr)
	}
}

// Idle or Mine from the command line over a running rental job asks
// first in a terminal, as the window does: the job starts again from the
// beginning later. --yes, or a script (no terminal), switches; a script
// is told what the switch stopped.
func TestModeOverARunningJobAsksInATerminal(t *testing.T) {
	dir, api := serveFake(t, nil)
	api.St.Mode = control.Auto
	job := runningJob()
	job.Progress.Percent = 48
	api.JobList = []control.Job{job}
	answer := func(terminal bool, typed string) {
		t.Helper()
		interactive, answers = func() bool { return terminal }, strings.NewReader(typed)
		t.Cleanup(func() { interactive, answers = stdinIsTerminal, os.Stdin })
	}

	answer(true, "n\n")
	code, out, stderr := runCLI(t, "mode", "idle", "--data-dir", dir)
	if code == exitOK || !strings.Contains(out, "Rental job J-0007 for lab (48 % done, 1 h 0 min in) is running. Idle stops it now") ||
		!strings.Contains(out, "Switch to Idle? [y/N] ") || !strings.Contains(stderr, "not switched") {
		t.Errorf("answered no: exit %d\n%s\n%s", code, out, stderr)
	}
	if api.Status().Mode != control.Auto {
		t.Fatal("switched to Idle although the owner answered no")
	}

	answer(true, "y\n")
	if code, out, _ := runCLI(t, "mode", "mine", "--data-dir", dir); code != exitOK || !strings.Contains(out, "Mode: mine") {
		t.Errorf("answered yes: exit %d\n%s", code, out)
	}
	api.St.Mode = control.Auto

	answer(true, "")
	if code, out, _ := runCLI(t, "mode", "idle", "--yes", "--data-dir", dir); code != exitOK || strings.Contains(out, "[y/N]") {
		t.Errorf("--yes still asked: exit %d\n%s", code, out)
	}
	api.St.Mode = control.Auto

	answer(false, "")
	code, out, stderr = runCLI(t, "mode", "idle", "--data-dir", dir)
	if code != exitOK || strings.Contains(out, "[y/N]") || !strings.Contains(out, "Mode: idle") ||
		!strings.Contains(stderr, "Rental job J-0007 for lab (48 % done, 1 h 0 min in) is running. Idle stops it now") {
		t.Errorf("a script's switch: exit %d\n%s\n%s", code, out, stderr)
	}
	api.St.Mode = control.Auto

	answer(true, "") // Rent keeps the job: nothing to ask
	if code, out, _ := runCLI(t, "mode", "rent", "--data-dir", dir); code != exitOK || strings.Contains(out, "[y/N]") {
		t.Errorf("Rent asked: exit %d\n%s", code, out)
	}
}

// failingWriter is an output that cannot be written: a full disk
// (`rigshift status > report.txt` on /dev/full).
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// A report a script redirects to a file must not pass for written when
// the file could not be written: cron would keep an empty report and
// exit 0.
func TestTextOutputThatCannotBeWrittenFails(t *testing.T) {
	dataDir, _ := serveFake(t, nil)
	for _, args := range [][]string{{"status", "--data-dir", dataDir}, {"version"}} {
		var errb bytes.Buffer
		code := Run(args, failingWriter{}, &errb)
		if code != exitError || !strings.HasPrefix(errb.String(), "rigshift: ") || !strings.Contains(errb.String(), "no space left") {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and the write error", args, code, errb.String())
		}
	}
}

// Help asked for goes to stdout, whichever way it is asked, as `rigshift
// --help` and `rigshift job --help` already did: `rigshift status --help |
// less` showed nothing. Help after a wrong flag stays on stderr.
func TestCommandHelpGoesToStdout(t *testing.T) {
	for _, args := range [][]string{{"status", "--help"}, {"job", "add", "-h"}, {"job", "logs", "J-0001", "--help"},
		{"settings", "set", "--help"}, {"export", "telemetry", "--help"}, {"help", "events"}} {
		code, out, stderr := runCLI(t, args...)
		if code != exitOK || !strings.HasPrefix(out, "Usage: rigshift ") || stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want the usage on stdout alone", args, code, out, stderr)
		}
	}
	if !strings.Contains(runOut(t, "settings", "set", "--help"), "\nKeys:\n") {
		t.Error("settings set --help lost its keys")
	}
	code, out, stderr := runCLI(t, "status", "--bogus")
	if code != exitUsage || out != "" || !strings.Contains(stderr, "-bogus") || !strings.Contains(stderr, "Usage: rigshift status") {
		t.Errorf("status --bogus: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

func runOut(t *testing.T, args ...string) string {
	t.Helper()
	_, out, _ := runCLI(t, args...)
	return out
}

// A wrong flag's error starts with "rigshift:" as every other error does:
// a script that picks RigShift's errors out of a log by it missed these.
func TestFlagErrorsStartWithRigShift(t *testing.T) {
	for _, args := range [][]string{{"status", "--bogus"}, {"events", "--since"}, {"job", "add", "--price", "x"},
		{"job", "logs", "J-0001", "-n", "x"}, {"settings", "set", "--nope"}} {
		code, out, stderr := runCLI(t, args...)
		if code != exitUsage || out != "" || !strings.HasPrefix(stderr, "rigshift: ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and an error starting with rigshift:", args, code, out, stderr)
		}
	}
}

// pathFailingWriter fails as a redirected stdout on a full disk does.
type pathFailingWriter struct{}

func (pathFailingWriter) Write([]byte) (int, error) {
	return 0, &fs.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
}

// Output that cannot be written says so without Go's "write /dev/stdout:",
// a file the owner never named (the report was redirected to report.txt):
// it read "rigshift: writing the output: write /dev/stdout: no space left
// on device", and an export "writing the jobs export: write /dev/stdout: …".
func TestOutputThatCannotBeWrittenSaysSoInWords(t *testing.T) {
	dataDir, _ := serveFake(t, nil)
	var errb bytes.Buffer
	Run([]string{"status", "--data-dir", dataDir}, pathFailingWriter{}, &errb)
	want := "rigshift: the output could not be written (no space left on device): what was written is incomplete\n"
	if errb.String() != want {
		t.Errorf("stderr %q, want %q", errb.String(), want)
	}
	stored := privateRuntime(t) // RigShift stopped: the export reads the database
	makeStore(t, stored, time.Now().Add(-2*time.Hour).Truncate(time.Hour))
	for _, args := range [][]string{{"export", "jobs", "--csv"}, {"export", "telemetry", "--csv", "--gpu", gpu0}} {
		errb.Reset()
		Run(append(args, "--data-dir", stored), pathFailingWriter{}, &errb)
		if errb.String() != want {
			t.Errorf("%v: stderr %q, want %q", args, errb.String(), want)
		}
	}
}
