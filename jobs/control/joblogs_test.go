package control

import (
	"path/filepath"
	"strings"
	"testing"
)

// A job that ran before RigShift last started has no tail in memory: the
// window's details showed "last 0 lines" and an empty log for every such
// job (only `rigshift job logs` read its log file). The log file is read.
func TestJobLogsOfAnEarlierRunComeFromItsLogFile(t *testing.T) {
	dir := t.TempDir()
	withLogs := func(o *Options) { o.Supervisor.LogDir = filepath.Join(dir, "logs") }
	r := newTestRigWith(t, 1, dir, withLogs).run()
	job := r.runningJob(trainerJob("Acme", 1, 3, 0))
	r.eventually("job done", func(Status) bool { return r.jobState(job.ID) == JobSucceeded })
	r.stop()
	if err := r.store.Close(); err != nil {
		t.Fatal(err)
	}

	again := newTestRigWith(t, 1, dir, withLogs)
	tail, err := again.c.JobLogs(job.ID, 50)
	if err != nil {
		t.Fatal(err)
	}
	if log := strings.Join(tail, "\n"); !strings.Contains(log, "training on") {
		t.Errorf("the log of %s after a restart:\n%s", job.ID, log)
	}
	if tail, err := again.c.JobLogs(job.ID, 1); err != nil || len(tail) != 1 {
		t.Errorf("one line asked: %q, %v", tail, err)
	}
}
