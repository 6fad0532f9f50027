package jobs

import (
	"path/filepath"

	"github.com/rigshift/rigshift/jobs/proc"
	"github.com/rigshift/rigshift/jobs/progress"
)

// InstanceEnv is set in every workload's environment to Config.Instance.
// Its children inherit it (torchrun workers, a wrapper script's miner).
const InstanceEnv = "RIGSHIFT_INSTANCE"

// RunEnv is set in each workload process's environment to a value of its
// own, so that descendants that left its process group (torchrun starts
// its workers in sessions of their own) are found and ended with it.
const RunEnv = "RIGSHIFT_RUN"

// KillLeftovers ends the process groups of every process marked with
// instance: what a RigShift that was killed (kill -9, a crash) left
// running. The kernel's parent-death signal reaches only a workload's own
// process, not its children, which would keep a GPU's memory and work.
// Call it only while holding the instance's database, so that no live
// RigShift owns them. A RigShift from before the mark (before 3 Dec 2026)
// left a job's workers marked only by their progress file, which lies in
// the data directory's logs: they are ended too, on the first start after
// an upgrade. It returns the process groups it ended.
func KillLeftovers(instance string) []int {
	if instance == "" {
		return nil
	}
	oldJob := progress.EnvVar + "=" + filepath.Join(instance, "logs") + string(filepath.Separator)
	return proc.KillTagged(InstanceEnv+"="+instance, oldJob)
}

// tagEntry is the RunEnv entry of the run's last process.
func (r *run) tagEntry() string { return RunEnv + "=" + r.tag }
