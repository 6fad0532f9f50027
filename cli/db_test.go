package cli

import (
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
