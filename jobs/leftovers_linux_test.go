//go:build linux

package jobs

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/jobstest"
	"github.com/rigshift/rigshift/jobs/progress"
)

// A RigShift from before RIGSHIFT_INSTANCE (before 3 Dec 2026) that was
// killed mid-job left the job's workers running, marked only by the
// progress file it named in the data directory. The first start of an
// upgraded RigShift ends them too: the job runs again from the queue, and
// the old run would go on holding its GPU. A job of another data
// directory is left alone.
func TestKillLeftoversEndsWhatAnOlderRigShiftLeft(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	old, oldDone := jobstest.StartMarked(t, progress.EnvVar+"="+filepath.Join(dir, "logs", "J-0003", "20261205-004846.446.progress.jsonl"))
	_, keepDone := jobstest.StartMarked(t, progress.EnvVar+"="+filepath.Join(other, "logs", "J-0001", "20261205-004846.446.progress.jsonl"))
	groups := KillLeftovers(dir)
	if len(groups) != 1 || groups[0] != old.Process.Pid {
		t.Errorf("ended groups %v, want the old job's %d", groups, old.Process.Pid)
	}
	if !endedWithin(oldDone, 3*time.Second) {
		t.Error("the old RigShift's job still runs")
	}
	if endedWithin(keepDone, 100*time.Millisecond) {
		t.Error("the job of another data directory was ended")
	}
}

// endedWithin reports whether done closes within d.
func endedWithin(done chan struct{}, d time.Duration) bool {
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}
