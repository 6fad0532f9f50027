package jobs

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// Every rental job has a log folder of its own, so keeping a workload's
// last runs kept every finished job's logs for ever. Runs past the age go,
// and a folder with them; a running workload's, and files RigShift did not
// write, stay.
func TestOldJobLogsAreRemoved(t *testing.T) {
	logDir := t.TempDir()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.Local)
	stamp := func(daysAgo int) string { return now.AddDate(0, 0, -daysAgo).Format(runStampLayout) }
	files := map[string][]string{
		"J-0001":  {stamp(120) + ".log", stamp(120) + ".log.1", stamp(120) + ".progress.jsonl"},
		"J-0002":  {stamp(100) + ".log", stamp(10) + ".log"},
		"J-0003":  {stamp(200) + ".log"}, // running now, started long ago
		"miner-0": {stamp(95) + ".log", stamp(1) + ".log"},
		"mine":    {stamp(150) + ".log", "notes.txt"},
	}
	for dir, names := range files {
		for _, n := range names {
			path := filepath.Join(logDir, dir, n)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte("x\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	pruneLogsBefore(logDir, now.AddDate(0, 0, -90), map[string]bool{"J-0003": true})

	left := map[string][]string{}
	for dir := range files {
		entries, err := os.ReadDir(filepath.Join(logDir, dir))
		if os.IsNotExist(err) {
			continue
		}
		for _, e := range entries {
			left[dir] = append(left[dir], e.Name())
		}
	}
	want := map[string][]string{
		"J-0002":  {stamp(10) + ".log"},
		"J-0003":  {stamp(200) + ".log"},
		"miner-0": {stamp(1) + ".log"},
		"mine":    {"notes.txt"},
	}
	if len(left) != len(want) {
		t.Errorf("folders left: %v, want %v", left, want)
	}
	for dir, names := range want {
		if !slices.Equal(left[dir], names) {
			t.Errorf("%s keeps %v, want %v", dir, left[dir], names)
		}
	}
}
