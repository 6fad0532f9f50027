package cli

import (
	"errors"
	"flag"
	"io"
	"slices"
	"strings"
	"testing"
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
