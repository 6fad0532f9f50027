//go:build unix

package control

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/store"
)

// RigShift killed with SIGKILL during a job: the job's process dies with it,
// and the next start bills the job up to its last heartbeat, records it as
// interrupted and requeues it.
func TestKilledDuringAJob(t *testing.T) {
	dir := t.TempDir()
	child := exec.Command(os.Args[0], "fake-daemon", dir)
	// Killed, it leaves its job's progress file behind: in the test's
	// directory, not the system's temp folder (one more at every run).
	child.Env = append(os.Environ(), "TMPDIR="+t.TempDir())
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	fields := strings.Fields(line)
	if err != nil || len(fields) != 3 || fields[0] != "RUNNING" {
		_ = child.Process.Kill()
		t.Fatalf("daemon said %q, %v", line, err)
	}
	jobID := fields[1]
	trainer, _ := strconv.Atoi(fields[2])
	time.Sleep(700 * time.Millisecond) // a few heartbeats
	killed := time.Now()
	_ = child.Process.Signal(syscall.SIGKILL)
	_ = child.Wait()

	waitGone(t, trainer)
	st, err := store.Open(filepath.Join(dir, "rigshift.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	before, _ := st.GetJob(jobID)
	if before.State != string(JobRunning) || before.RunningSeconds < 0.3 {
		t.Fatalf("job as the killed daemon left it: %+v", before)
	}
	if lost := killed.Sub(before.LastHeartbeat); lost > 10*crashHeartbeat {
		t.Errorf("last heartbeat %v before the kill: more than the heartbeat can lose", lost)
	}
	checkRestoredJob(t, st, jobID, before)
}

func checkRestoredJob(t *testing.T, st *store.Store, id string, before store.JobRecord) {
	t.Helper()
	sim, _ := hardware.NewSimulated(2, hardware.SimOptions{Seed: 3})
	c, err := New(Options{Backend: sim, Store: st, Supervisor: fastSupervisor()})
	if err != nil {
		t.Fatal(err)
	}
	j, _ := c.Job(id)
	if j.State != JobQueued || j.Running != seconds(before.RunningSeconds) || j.Earned != before.Earned || j.Earned <= 0 {
		t.Errorf("restored job %+v; want queued, billed %v s = %v", j, before.RunningSeconds, before.Earned)
	}
	events, _ := st.JobEvents(id)
	last := events[len(events)-2:]
	if last[0].State != string(JobInterrupted) || !strings.Contains(last[0].Message, "RigShift stopped while it ran") || last[1].State != string(JobQueued) {
		t.Errorf("last job events: %+v", last)
	}
	// Its earnings record covers the run it was billed for: from the run's
	// start to its last heartbeat (it ended when RigShift came back).
	recs, _ := st.Earnings(time.Time{}, time.Now().Add(time.Hour))
	var booked []store.EarningRecord
	for _, r := range recs {
		if r.JobID == id {
			booked = append(booked, r)
		}
	}
	if len(booked) != 1 || !booked[0].End.Equal(before.LastHeartbeat) || !booked[0].Start.Equal(before.RunFrom) ||
		booked[0].Start.IsZero() || booked[0].Revenue != before.Earned {
		t.Errorf("earnings booked %+v; want one record from %v to %v for %v", booked, before.RunFrom, before.LastHeartbeat, before.Earned)
	}
}

// waitGone waits for pid to exit: Pdeathsig must take the workload down
// with RigShift.
func waitGone(t *testing.T, pid int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	_ = syscall.Kill(pid, syscall.SIGKILL)
	t.Errorf("workload %d outlived the killed RigShift", pid)
}
