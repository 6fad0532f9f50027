package jobs

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rigshift/rigshift/jobs/proc"
)

// checkGPUsFree waits until no process of the last process group holds
// memory on the workload's GPUs, asking Config.GPUProcesses every
// GPUFreePoll for at most GPUFreeTimeout. It publishes EventGPUsFreed or
// EventGPUsBusy. Lost GPUs are skipped: NVML cannot answer for them.
func (r *run) checkGPUsFree(ctx context.Context) error {
	gp := r.cfg.GPUProcesses
	if gp == nil || r.pgid == 0 {
		return nil
	}
	gpus := r.w.GPUs
	if len(gpus) == 0 {
		gpus = r.sup.knownGPUs()
	}
	gpus = slices.DeleteFunc(slices.Clone(gpus), r.sup.isLost)
	ctx, cancel := context.WithTimeout(ctx, r.cfg.GPUFreeTimeout)
	defer cancel()
	for {
		held, err := r.heldBy(gp, gpus)
		if err == nil && len(held) == 0 {
			r.publish(Event{Kind: EventGPUsFreed})
			return nil
		}
		select {
		case <-ctx.Done():
			err = gpusBusy(held, err)
			r.publish(Event{Kind: EventGPUsBusy, Err: err, PGID: r.pgid, PIDs: heldPIDs(held)})
			return err
		case <-time.After(r.cfg.GPUFreePoll):
		}
	}
}

// heldBy returns, per GPU, the PIDs of our process group that hold memory
// on it.
func (r *run) heldBy(gp GPUProcesses, gpus []string) (map[string][]int, error) {
	held := map[string][]int{}
	for _, uuid := range gpus {
		pids, err := gp.ComputePIDs(uuid)
		if err != nil {
			return held, fmt.Errorf("listing processes on %s: %w", uuid, err)
		}
		for _, pid := range pids {
			if r.ours(pid) {
				held[uuid] = append(held[uuid], pid)
			}
		}
	}
	return held, nil
}

// ours reports whether pid belongs to the workload: a process of its group
// or a descendant that had left it, seen when it was stopped (the driver
// lists one that was killed while it frees its memory), the leader, or a
// process still in its group or in the group of such a descendant.
func (r *run) ours(pid int) bool {
	if pid == r.pgid || slices.Contains(r.members, pid) {
		return true
	}
	g, ok := proc.GroupOf(pid)
	return ok && (g == r.pgid || slices.Contains(r.escaped, g))
}

// heldPIDs lists the PIDs of held once each.
func heldPIDs(held map[string][]int) []int {
	var out []int
	for _, pids := range held {
		out = append(out, pids...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func gpusBusy(held map[string][]int, err error) error {
	if len(held) == 0 && err != nil {
		return fmt.Errorf("%w: %w", ErrGPUsNotFreed, err)
	}
	var parts []string
	for uuid, pids := range held {
		parts = append(parts, fmt.Sprintf("%s held by PIDs %v", uuid, pids))
	}
	slices.Sort(parts)
	return fmt.Errorf("%w: %s", ErrGPUsNotFreed, strings.Join(parts, "; "))
}
