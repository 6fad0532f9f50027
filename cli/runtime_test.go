package cli

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rigshift/rigshift/cli/applog"
	"github.com/rigshift/rigshift/store"
)

// On a machine without the NVIDIA driver the log says why RigShift has no
// GPUs: the log is what an owner sends when asking for help.
func TestLogSaysWhyThereAreNoGPUs(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	in, err := startInstance(instanceFlags{dataDir: privateRuntime(t)}, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	defer in.stop()
	if in.rig.gpuErr == nil {
		t.Skip("this machine has NVIDIA GPUs: nothing to explain")
	}
	if got := buf.String(); !strings.Contains(got, "no GPUs to use") || !strings.Contains(got, in.rig.gpuErr.Error()) {
		t.Errorf("the log does not say why there are no GPUs:\n%s", got)
	}
}

// A --metrics address that cannot work is a usage error, said before
// anything starts: a mistyped address started the rig (and a queued job)
// and then stopped it again.
func TestMetricsAddressCheckedBeforeTheRigStarts(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir()) // the failed start's log, not in the tester's home
	dir := filepath.Join(privateRuntime(t), "data")
	for _, addr := range []string{"0.0.0.0:9835", "bogus"} {
		code, _, stderr := runCLI(t, "daemon", "--simulate", "1", "--data-dir", dir, "--metrics", addr)
		if code != exitUsage || !strings.Contains(stderr, "--metrics") {
			t.Errorf("--metrics %s: exit %d, %q", addr, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, store.FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the rig started: its database is there (%v)", err)
	}
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	code, _, stderr := runCLI(t, "daemon", "--simulate", "1", "--data-dir", dir, "--metrics", taken.Addr().String())
	if code != exitError || !strings.Contains(stderr, "cannot serve metrics") {
		t.Errorf("a port in use: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "status", "--data-dir", dir); code != exitError || !strings.Contains(stderr, "not running") {
		t.Errorf("after the failed start: status exit %d, %q", code, stderr)
	}
}

// The real rig's RigShift and a simulated one run at once, each with its
// own data directory. On one shared rigshift.log each rotated the file the
// other was writing away under it, and lines were lost (and one's start
// could take the other's crash report for its own). Each data directory
// logs apart; the default one's log stays where the README says.
func TestEachDataDirectoryLogsApart(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	base, _ := applog.DefaultDir()
	def, _ := store.DefaultDir()
	hashed := func(name string) string { return regexp.QuoteMeta(filepath.Join(base, name)) + "-[0-9a-f]{12}" }
	for _, c := range []struct {
		flags instanceFlags
		want  string // a regular expression
	}{
		{instanceFlags{}, regexp.QuoteMeta(base)},
		{instanceFlags{dataDir: def}, regexp.QuoteMeta(base)},
		{instanceFlags{rigFlags: rigFlags{simulate: 4}}, hashed("rigshift-simulated")},
		{instanceFlags{dataDir: "/srv/rig2"}, hashed("rig2")},
	} {
		if got, err := logDir(c.flags); err != nil || !regexp.MustCompile("^"+c.want+"$").MatchString(got) {
			t.Errorf("logDir(%+v) = %q, %v; want %s", c.flags, got, err, c.want)
		}
	}

	// Both write at once, the real one much more: the last lines of each
	// are all still in its own files.
	var logs [2]*applog.Log
	for i, f := range []instanceFlags{{}, {rigFlags: rigFlags{simulate: 4}}} {
		dir, _ := logDir(f)
		l, err := applog.Open(applog.Options{Dir: dir, MaxBytes: 1000, Files: 3})
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		logs[i] = l
	}
	var written [2][]string
	for i := range 2000 {
		w := i % 7 / 6 // one line in seven is the simulated rig's
		msg := fmt.Sprintf("line %04d", i)
		logs[w].Logger.Info(msg)
		written[w] = append(written[w], msg)
	}
	for w, l := range logs {
		var all string
		for _, suffix := range []string{"", ".1", ".2"} {
			b, _ := os.ReadFile(l.Path() + suffix)
			all += string(b)
		}
		for _, msg := range written[w][len(written[w])-20:] {
			if !strings.Contains(all, msg) {
				t.Errorf("%q is in none of %s's files", msg, l.Path())
			}
		}
	}
}

// A data directory is one log folder however it is reached: through a
// link (to a bigger disk, or /home where it is a link to /var/home),
// relative to the current folder, or before it is made. Named after the
// path as reached, one RigShift's log and its crash report were split
// between two folders, and the next start missed the crash.
func TestADataDirectoryHasOneLogFolder(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	top := t.TempDir()
	real, link := filepath.Join(top, "disk"), filepath.Join(top, "link")
	if err := os.MkdirAll(filepath.Join(real, "rig"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_DATA_HOME", link) // the default data directory, reached through the link
	t.Chdir(real)
	base, _ := applog.DefaultDir()
	for _, same := range [][]string{
		{filepath.Join(real, "rig"), filepath.Join(link, "rig"), "rig", "./rig/"},
		{filepath.Join(real, "new"), filepath.Join(link, "new")}, // not made yet
		{filepath.Join(real, "rigshift"), filepath.Join(link, "rigshift")},
	} {
		want, _ := logDir(instanceFlags{dataDir: same[0]})
		for _, d := range same[1:] {
			if got, err := logDir(instanceFlags{dataDir: d}); err != nil || got != want {
				t.Errorf("logDir(%s) = %q, %v; logDir(%s) = %q", d, got, err, same[0], want)
			}
		}
	}
	if got, _ := logDir(instanceFlags{dataDir: filepath.Join(real, "rigshift")}); got != base {
		t.Errorf("the default data directory reached without its link logs in %q, not %q", got, base)
	}
}

// --data-dir's help says what lives there: the history and the miners' and
// jobs' output, not RigShift's own log, which an owner asked for it would
// look for there in vain.
func TestDataDirHelpSaysWhereTheLogIs(t *testing.T) {
	_, out, _ := runCLI(t, "daemon", "--help")
	if !strings.Contains(out, "miners' and jobs' output") || !strings.Contains(out, "~/.local/state/rigshift") {
		t.Errorf("daemon --help:\n%s", out)
	}
}
