package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/rigshift/rigshift/store"
)

// everyHelp is every command's --help, as an owner reads them side by side.
var everyHelp = [][]string{
	{"window"}, {"daemon"}, {"gpus"}, {"monitor"}, {"status"}, {"mode"}, {"gpu"},
	{"job", "add"}, {"job", "list"}, {"job", "cancel"}, {"job", "move"}, {"job", "logs"},
	{"events"}, {"settings"}, {"settings", "set"},
	{"export", "jobs"}, {"export", "earnings"}, {"export", "telemetry"}, {"db", "compact"},
}

// helpFlagLine is a flag's line in a --help: "  -data-dir DIR".
var helpFlagLine = regexp.MustCompile(`(?m)^  -([a-z-]+)(?: (\S+))?$`)

// helpOf is the text under a flag's line in a --help.
func helpOf(out, line string) string {
	_, after, _ := strings.Cut(out, line+"\n")
	text, _, _ := strings.Cut(after, "\n")
	return text
}

// The same flag is written the same way in every command's --help, and
// every length of time as a duration: `status --help` said "-data-dir
// directory" where `daemon --help` and the README say "--data-dir DIR",
// `export telemetry` "-gpu string" where `job add` says "-gpu GPU", and
// `monitor` "-interval time" beside "-for duration".
func TestHelpTextsAgree(t *testing.T) {
	durations := map[string]bool{"for": true, "interval": true, "max": true, "since": true}
	seen := map[string]string{} // flag → its placeholder, and where first seen
	for _, cmd := range everyHelp {
		code, out, stderr := runCLI(t, append(cmd, "--help")...)
		if code != exitOK {
			t.Fatalf("%v --help: exit %d, %s", cmd, code, stderr)
		}
		name := strings.Join(cmd, " ")
		for _, m := range helpFlagLine.FindAllStringSubmatch(out, -1) {
			flag, arg := m[1], m[2]
			if durations[flag] && arg != "duration" {
				t.Errorf("rigshift %s --help: -%s %s; want -%s duration, as the other lengths of time", name, flag, arg, flag)
			}
			if durations[flag] && strings.Contains(helpOf(out, m[0]), `(default "`) {
				t.Errorf("rigshift %s --help: -%s's default is quoted, as no other length of time is:\n%s", name, flag, helpOf(out, m[0]))
			}
			if arg == "" {
				continue // a switch
			}
			if first, ok := seen[flag]; ok && !strings.HasPrefix(first, arg+" ") {
				t.Errorf("rigshift %s --help: -%s %s; %s", name, flag, arg, "elsewhere -"+flag+" "+first)
			} else if !ok {
				seen[flag] = arg + " (rigshift " + name + ")"
			}
		}
	}
	for _, flag := range []string{"data-dir", "dir"} {
		if got := seen[flag]; !strings.HasPrefix(got, "DIR ") {
			t.Errorf("-%s %s; the README writes --%s DIR", flag, got, flag)
		}
	}
}

// Every --data-dir help gives its default as a folder the owner can look
// in, as the commands that ask a RigShift do: the window's and the
// daemon's said "the user's data directory", which names no folder.
func TestDataDirHelpNamesTheDefault(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	def, err := store.DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"window", "daemon", "status"} {
		if _, out, _ := runCLI(t, cmd, "--help"); !strings.Contains(out, "(default "+def) {
			t.Errorf("rigshift %s --help does not name the default data directory %s:\n%s", cmd, def, out)
		}
	}
	for _, cmd := range []string{"window", "daemon"} {
		if _, out, _ := runCLI(t, cmd, "--help"); !strings.Contains(out, def+"-simulated with --simulate") {
			t.Errorf("rigshift %s --help does not name a simulated rig's data directory:\n%s", cmd, out)
		}
	}
}

// `rigshift version --help` printed the version as if asked for it; it
// says what the command does, with no empty list of flags.
func TestVersionHelp(t *testing.T) {
	code, out, stderr := runCLI(t, "version", "--help")
	if code != exitOK || out != "Usage: rigshift version\n\nExample:\n  rigshift version\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}
