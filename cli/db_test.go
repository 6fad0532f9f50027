package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestDBCompact(t *testing.T) {
	dir := privateRuntime(t)
	makeStore(t, dir, time.Now().Add(-time.Hour))
	code, out, stderr := runCLI(t, "db", "compact", "--data-dir", dir)
	want := regexp.MustCompile(`^Compacted ` + regexp.QuoteMeta(filepath.Join(dir, "rigshift.db")) + `: [0-9.]+ [KM]iB → [0-9.]+ [KM]iB \([0-9.]+ (B|KiB|MiB) freed\)\n$`)
	if code != exitOK || !want.MatchString(out) {
		t.Errorf("exit %d, %q %s", code, out, stderr)
	}
}

func TestDBCompactRefusals(t *testing.T) {
	dir, _ := serveFake(t, nil)
	code, _, stderr := runCLI(t, "db", "compact", "--data-dir", dir)
	if code != exitError || !strings.Contains(stderr, "RigShift is running for data directory "+dir+"; quit it") {
		t.Errorf("while running: exit %d, %q", code, stderr)
	}
	empty := privateRuntime(t)
	code, _, stderr = runCLI(t, "db", "compact", "--data-dir", empty)
	if code != exitError || !strings.Contains(stderr, "there is no database to compact at "+empty) {
		t.Errorf("no database: exit %d, %q", code, stderr)
	}
	holdStore(t, empty)
	code, _, stderr = runCLI(t, "db", "compact", "--data-dir", empty)
	if code != exitError || !strings.Contains(stderr, "RigShift is already running (database") || !strings.Contains(stderr, "quit it before compacting") {
		t.Errorf("locked: exit %d, %q", code, stderr)
	}
}

// db compact works on the file, and only while RigShift is stopped: its
// --data-dir help said "the RigShift that owns it is the one asked".
func TestDBCompactHelpAsksNoRigShift(t *testing.T) {
	_, out, _ := runCLI(t, "help", "db", "compact")
	if strings.Contains(out, "is the one asked") || !strings.Contains(out, "-data-dir") {
		t.Errorf("help db compact:\n%s", out)
	}
}

// The database is held and nobody answers on the socket: a RigShift still
// stopping its miners and jobs (the owner just quit it), or still
// starting, or another program holding the file. `rigshift status` said
// so, but `rigshift events`, `settings`, `export` and a second `rigshift
// daemon` said only "RigShift is already running", to an owner who had
// just quit it, and nothing about trying again.
func TestALockedDatabaseNobodyAnswersForIsExplained(t *testing.T) {
	dir := privateRuntime(t)
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	holdStore(t, dir)
	defer func(d time.Duration) { exportLockTimeout = d }(exportLockTimeout)
	exportLockTimeout = 50 * time.Millisecond
	db := filepath.Join(dir, "rigshift.db")
	for _, args := range [][]string{{"events"}, {"settings"}, {"export", "jobs", "--csv"}, {"daemon", "--simulate", "1"}} {
		code, _, stderr := runCLI(t, append(args, "--data-dir", dir)...)
		if code != exitError || !strings.Contains(stderr, "RigShift is already running (database "+db+" is locked)") ||
			!strings.Contains(stderr, "does not answer") || !strings.Contains(stderr, "still stopping") || !strings.Contains(stderr, "try again in a moment") {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
}

// A data folder that is a file was reported in Go's words: "compacting
// database: stat /srv/rig/rigshift.db: not a directory", and for the
// other commands "mkdir /srv/rig: not a directory".
func TestADataFolderThatIsAFileIsSaidInWords(t *testing.T) {
	file := filepath.Join(privateRuntime(t), "rig")
	if err := os.WriteFile(file, []byte("notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"db", "compact"}, {"events"}, {"settings"}, {"export", "jobs"}} {
		code, _, stderr := runCLI(t, append(args, "--data-dir", file)...)
		if code != exitError || !strings.Contains(stderr, "the data folder "+file+" is a file, not a folder") || strings.Contains(stderr, "not a directory") {
			t.Errorf("%q: exit %d, %q", args, code, stderr)
		}
	}
}
