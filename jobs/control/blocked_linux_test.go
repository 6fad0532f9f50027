package control

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A job's workers that left its process group (torchrun starts them in
// sessions of their own) hold its GPUs' memory. A GPU blocked by a worker
// the driver still lists (one stuck in a sick driver, or its memory not
// yet freed) stays blocked until the driver lets it go: it was freed at
// the next heartbeat, the worker being in no group of the job's, and the
// next job started on the memory still held.
func TestBlockedGPURemembersTheEscapedWorkers(t *testing.T) {
	dir := t.TempDir()
	r := newTestRigWith(t, 1, dir, func(o *Options) { o.Supervisor.GPUFreeTimeout = 300 * time.Millisecond })
	r.c.procs.(*gpuProcesses).liveOnly = false // the "driver" keeps the dead worker's memory
	r.run()
	pidFile := filepath.Join(dir, "worker")
	job := r.runningJob(JobSpec{Client: "Torch", GPUCount: 1, PricePerGPUHour: 0.40, Command: []string{"/bin/sh", "-c",
		`setsid sh -c 'echo $$ > ` + pidFile + `; exec sleep 1000' & exec sleep 1000`}})
	var worker int
	r.eventually("the worker's PID", func(Status) bool {
		b, _ := os.ReadFile(pidFile)
		worker, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		return worker > 0
	})
	t.Cleanup(func() { syscall.Kill(worker, syscall.SIGKILL) })
	if err := r.sim.AddProcess(0, worker, 8<<30); err != nil {
		t.Fatal(err)
	}
	_ = r.c.CancelJob(job.ID)
	blocked := func() bool {
		r.c.mu.Lock()
		defer r.c.mu.Unlock()
		return r.c.slots[0].blocked != ""
	}
	r.eventually("blocked", func(Status) bool { return blocked() })
	time.Sleep(500 * time.Millisecond) // five heartbeats
	if !blocked() {
		t.Fatal("the GPU was freed while the driver still listed the job's worker")
	}
	r.sim.RemoveProcess(worker)
	r.eventually("free again", func(Status) bool { return !blocked() })
}
