package cli

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rigshift/rigshift/jobs/proc"
)

func TestParseMixed(t *testing.T) {
	tests := []struct {
		args []string
		n    int
		pos  []string
	}{
		{[]string{"J-1", "-n", "5"}, 5, []string{"J-1"}},
		{[]string{"-n", "5", "J-1", "2"}, 5, []string{"J-1", "2"}},
		{[]string{"J-1", "-n=7", "2"}, 7, []string{"J-1", "2"}},
		{[]string{"-n", "3", "--", "-J", "-n"}, 3, []string{"-J", "-n"}},
		{[]string{"a", "--", "-n"}, 1, []string{"a", "-n"}},
		{nil, 1, nil},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		n := fs.Int("n", 1, "")
		pos, err := parseMixed(fs, tt.args)
		if err != nil || *n != tt.n || !slices.Equal(pos, tt.pos) {
			t.Errorf("parseMixed(%q) = %q, n=%d, %v", tt.args, pos, *n, err)
		}
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var ue usageError
	if _, err := parseMixed(fs, []string{"J-1", "-x"}); !errors.As(err, &ue) {
		t.Errorf("unknown flag: %v", err)
	}
}

// `--data-dir "$RIG_DIR"` with the variable unset: the daemon ran on the
// default data directory without a word, and the other commands blamed a
// missing home directory. An empty --data-dir is refused as such.
func TestAnEmptyDataDirIsRefused(t *testing.T) {
	code, _, stderr := runCLI(t, "status", "--data-dir", "")
	if code != exitUsage || !strings.Contains(stderr, `invalid value "" for flag -data-dir: the folder is empty`) {
		t.Errorf("status: exit %d, %q", code, stderr)
	}
	var f instanceFlags
	fs := newFlagSet("daemon", io.Discard, "")
	f.register(fs)
	if err := parse(fs, []string{"--simulate", "1", "--data-dir="}); err == nil {
		t.Errorf("the daemon takes an empty --data-dir, and would run in %q", f.dataDir)
	}
}

// The shell leaves "~" alone after "=": `--data-dir=~/rigdata` made a
// folder named "~" in the current one and a fresh database in it, where
// the settings set went and the daemon kept its history; `--dir=~/work`
// refused the job with "there is no folder /home/me/~/work". A leading ~
// is the home folder, as the Add-job dialog reads it.
func TestATildeIsTheHomeFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Chdir(t.TempDir())
	if code, _, stderr := runCLI(t, "settings", "set", "currency=EUR", "--data-dir=~/rigdata"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(home, "rigdata", "rigshift.db")); err != nil {
		t.Errorf("the database is not in the home folder's rigdata: %v", err)
	}
	if _, err := os.Stat("~"); err == nil {
		t.Error(`a folder named "~" was made`)
	}
	var f instanceFlags
	fs := newFlagSet("daemon", io.Discard, "")
	f.register(fs)
	if err := parse(fs, []string{"--data-dir=~"}); err != nil || f.dataDir != home {
		t.Errorf("daemon --data-dir=~: %q, %v", f.dataDir, err)
	}

	dir, api := serveFake(t, nil)
	if err := os.Mkdir(filepath.Join(home, "work"), 0o700); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--client", "a", "--price", "0", "--dir=~/work", "--", "true")
	if code != exitOK || api.Jobs()[0].Spec.Dir != filepath.Join(home, "work") {
		t.Errorf("job add --dir=~/work: exit %d, %s", code, stderr)
	}
	// ~user is another user's home: left as typed, as before.
	if got := proc.HomePath("~root/x"); got != "~root/x" {
		t.Errorf("~root/x read as %q", got)
	}
}
