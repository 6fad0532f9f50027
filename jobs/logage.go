package jobs

import (
	"os"
	"path/filepath"
	"time"
)

// pruneEvery is how often a start also looks for logs past LogMaxAge.
const pruneEvery = 24 * time.Hour

// pruneOldLogsOnceADay removes, in the background and at most once a day,
// what pruneLogsBefore would; starting is the workload about to start,
// whose folder may be made while the prune runs. s.mu is held.
func (s *Supervisor) pruneOldLogsOnceADay(now time.Time, starting string) {
	if s.cfg.LogDir == "" || now.Sub(s.lastPrune) < pruneEvery {
		return
	}
	s.lastPrune = now
	active := map[string]bool{safeName(starting): true}
	for id, r := range s.runs {
		if !r.finished() {
			active[safeName(id)] = true
		}
	}
	go pruneLogsBefore(s.cfg.LogDir, now.Add(-s.cfg.LogMaxAge), active)
}

// pruneLogsBefore removes, in every workload's folder under logDir but the
// active ones, the files of runs that started before cutoff, and folders
// left empty. Every rental job has a folder of its own, so keeping each
// workload's last LogRuns runs kept every finished job's log (up to 24 MiB
// each) for ever. Files it does not recognise stay, and so do their
// folders.
func pruneLogsBefore(logDir string, cutoff time.Time, active map[string]bool) {
	folders, err := os.ReadDir(logDir)
	if err != nil {
		return
	}
	for _, f := range folders {
		if !f.IsDir() || active[f.Name()] {
			continue
		}
		dir := filepath.Join(logDir, f.Name())
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if started, ok := runStarted(e); ok && started.Before(cutoff) {
				_ = os.Remove(filepath.Join(dir, e.Name()))
			}
		}
		_ = os.Remove(dir) // only if it is empty now
	}
}

// runStarted reads the start of the run a file belongs to from its name
// (runStampLayout, local time, then .log, .log.1 or .progress.jsonl).
func runStarted(e os.DirEntry) (time.Time, bool) {
	name := e.Name()
	if len(name) <= len(runStampLayout) || !e.Type().IsRegular() {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(runStampLayout, name[:len(runStampLayout)], time.Local)
	return t, err == nil
}
