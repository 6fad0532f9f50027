package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// A typo over ssh got 20 lines of usage and no word on what was meant:
// `rigshift staus`, `rigshift job lst`, `rigshift status --jsn`. A name
// close to a real one gets one line naming it, and exit 2.
func TestTyposNameWhatWasMeant(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"staus"}, `rigshift: unknown command "staus": did you mean rigshift status?` + "\n"},
		{[]string{"evnets", "--since", "7d"}, `rigshift: unknown command "evnets": did you mean rigshift events?` + "\n"},
		{[]string{"job", "lst"}, `rigshift: unknown command "lst" for rigshift job: did you mean rigshift job list?` + "\n"},
		{[]string{"export", "earning", "--csv"}, `rigshift: unknown command "earning" for rigshift export: did you mean rigshift export earnings?` + "\n"},
		{[]string{"status", "--jsn", "--data-dir", dir}, "rigshift: there is no flag --jsn for rigshift status: did you mean --json?\n"},
		{[]string{"job", "add", "--clinet", "acme"}, "rigshift: there is no flag --clinet for rigshift job add: did you mean --client?\n"},
		{[]string{"events", "--data-dir", dir, "--folow"}, "rigshift: there is no flag --folow for rigshift events: did you mean --follow?\n"},
		{[]string{"job", "logs", "J-0001", "--datadir", dir}, "rigshift: there is no flag --datadir for rigshift job logs: did you mean --data-dir?\n"},
	}
	for _, c := range cases {
		code, out, stderr := runCLI(t, c.args...)
		if code != exitUsage || out != "" || stderr != c.want {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, stderr, c.want)
		}
	}
	// Nothing close: the list of what there is, as before.
	if code, _, stderr := runCLI(t, "frobnicate"); code != exitUsage || strings.Contains(stderr, "did you mean") || !strings.Contains(stderr, "Commands:") {
		t.Errorf("frobnicate: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "status", "--bogus"); code != exitUsage || strings.Contains(stderr, "did you mean") || !strings.Contains(stderr, "Usage: rigshift status") {
		t.Errorf("status --bogus: exit %d, %q", code, stderr)
	}
}

func TestClosest(t *testing.T) {
	names := []string{"window", "gpus", "gpu", "job", "db", "status", "settings"}
	for typed, want := range map[string]string{"staus": "status", "stauts": "status", "jbo": "job", "gpuss": "gpus",
		"x": "", "dbb": "db", "setings": "settings", "frobnicate": "", "STATUS": "status", "gp": "gpu", "sett": "settings"} {
		if got := closest(typed, names); got != want {
			t.Errorf("closest(%q) = %q, want %q", typed, got, want)
		}
	}
}

// A flag given a value it cannot take says so, and how to write it, in one
// line: the whole usage after it (15 lines of job add's flags) pushed the
// line that said what to fix off an ssh terminal's screen.
func TestWrongFlagValueIsOneLine(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"job", "add", "--data-dir", dir, "--client", "a", "--gpus", "x", "--", "true"}, `rigshift: invalid value "x" for flag -gpus: write a whole number, e.g. 2` + "\n"},
		{[]string{"job", "logs", "J-0001", "-n", "lots", "--data-dir", dir}, `rigshift: invalid value "lots" for flag -n: write a whole number, e.g. 2` + "\n"},
		{[]string{"monitor", "--interval", "soon"}, "rigshift: invalid value \"soon\" for flag -interval: "},
		// slog's own "slog: level string \"loud\": unknown name" said neither what nor how.
		{[]string{"daemon", "--log-level", "loud"}, `rigshift: invalid value "loud" for flag -log-level: choose debug, info, warn or error` + "\n"},
		// A switch's wrong value said "invalid boolean value ... parse error" over the whole usage.
		{[]string{"status", "--json=maybe", "--data-dir", dir}, `rigshift: invalid value "maybe" for flag -json: write --json, or --json=false` + "\n"},
		{[]string{"--hidden=2"}, `rigshift: invalid value "2" for flag -hidden: write --hidden, or --hidden=false` + "\n"},
		// --csv=false is refused: the hint offered it all the same.
		{[]string{"export", "jobs", "--csv=maybe", "--data-dir", dir}, `rigshift: invalid value "maybe" for flag -csv: CSV is the only export format so far: write --csv, or leave it out` + "\n"},
	} {
		code, out, stderr := runCLI(t, c.args...)
		if code != exitUsage || out != "" || !strings.HasPrefix(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and one line %q", c.args, code, out, stderr, c.want)
		}
	}
}

// A command's own flag before it is not one of the window's: `rigshift
// --json status` said "flag provided but not defined: -json" and printed
// the window's usage, where the window's own flags before a command got
// the command line in order.
func TestCommandFlagsBeforeTheCommand(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--json", "status"}, "rigshift status --json"},
		{[]string{"--data-dir", "/srv/rig", "--json", "status"}, "rigshift status --data-dir /srv/rig --json"},
		{[]string{"-n", "5", "job", "logs", "3"}, "rigshift job logs 3 -n 5"},
		{[]string{"--yes", "mode", "idle"}, "rigshift mode idle --yes"},
		{[]string{"--data-dir", "status", "--json", "events"}, "rigshift events --data-dir status --json"},
	} {
		code, out, stderr := runCLI(t, c.args...)
		want := "rigshift: the command comes first, then its flags: " + c.want + "\n"
		if code != exitUsage || out != "" || stderr != want {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %q", c.args, code, out, stderr, want)
		}
	}
}

// Flags before the command, as git and docker take them: `rigshift
// --data-dir /srv/rig status` said `unexpected argument "status"`, which
// the owner had meant as the command.
func TestFlagsBeforeTheCommand(t *testing.T) {
	code, out, stderr := runCLI(t, "--data-dir", "/srv/rig data", "status", "--json")
	want := "rigshift: the command comes first, then its flags: rigshift status --json --data-dir '/srv/rig data'\n"
	if code != exitUsage || out != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want %q", code, out, stderr, want)
	}
}

// A window's flag before a command the flag is not for was moved after
// it: `rigshift --hidden status` was told to run `rigshift status
// --hidden`, which status refuses. It says the flag is not the command's,
// and writes the command line without it.
func TestWindowFlagsBeforeACommandThatLacksThem(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--hidden", "status"}, "rigshift status does not take --hidden, which applies to the window, not to this command: run rigshift status"},
		{[]string{"--hidden", "--data-dir", "/srv/rig", "status"}, "rigshift status does not take --hidden, which applies to the window, not to this command: run rigshift status --data-dir /srv/rig"},
		{[]string{"--simulate", "2", "--log-level=debug", "events"}, "rigshift events does not take --simulate or --log-level, which apply to the window, not to this command: run rigshift events"},
		{[]string{"--hidden", "--json", "status"}, "rigshift status does not take --hidden, which applies to the window, not to this command: run rigshift status --json"},
		{[]string{"--hidden", "job", "logs", "3", "-n", "5"}, "rigshift job logs does not take --hidden, which applies to the window, not to this command: run rigshift job logs 3 -n 5"},
		// Before a job's program, not among its arguments.
		{[]string{"--data-dir", "/srv/rig", "job", "add", "--client", "a", "--", "python", "x"}, "the command comes first, then its flags: rigshift job add --client a --data-dir /srv/rig -- python x"},
		// Flags the command takes are moved, as before.
		{[]string{"--simulate", "2", "gpus"}, "the command comes first, then its flags: rigshift gpus --simulate 2"},
	} {
		code, out, stderr := runCLI(t, c.args...)
		if want := "rigshift: " + c.want + "\n"; code != exitUsage || out != "" || stderr != want {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %q", c.args, code, out, stderr, want)
		}
	}
}

// A command group (job, export, db) after flags, with none of its
// commands: `rigshift --json job` was told to run `rigshift job --json`,
// which is refused too. It names the group's commands, with an example
// of the first that takes the flags.
func TestFlagsBeforeACommandGroup(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--json", "job"}, "rigshift job needs one of its commands (add, list, cancel, move or logs) first, then its flags: for example rigshift job list --json"},
		{[]string{"--data-dir", "/srv/rig", "export"}, "rigshift export needs one of its commands (jobs, earnings or telemetry) first, then its flags: for example rigshift export jobs --data-dir /srv/rig"},
		{[]string{"--hidden", "db"}, "rigshift db needs one of its commands (compact) first, then its flags"},
	} {
		code, out, stderr := runCLI(t, c.args...)
		if want := "rigshift: " + c.want + "\n"; code != exitUsage || out != "" || stderr != want {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %q", c.args, code, out, stderr, want)
		}
	}
}

// A newcomer who opened the window with --simulate 2 asks it the same way:
// `rigshift status --simulate 2` answered Go's "flag provided but not
// defined: -simulate" and the whole usage. It says where a simulated
// rig's RigShift and history are.
func TestSimulateOnACommandThatLacksIt(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	sim := filepath.Join(data, "rigshift-simulated")
	for _, args := range [][]string{{"status", "--simulate", "2"}, {"mode", "mine", "--simulate=2"}, {"events", "-simulate", "4"}} {
		code, out, stderr := runCLI(t, args...)
		want := "rigshift: rigshift " + args[0] + " has no --simulate: a simulated rig keeps its own data directory; add --data-dir " + sim + " for it\n"
		if code != exitUsage || out != "" || stderr != want {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %q", args, code, out, stderr, want)
		}
	}
}
