//go:build linux

package jobs

import (
	"fmt"
	"runtime"
	"testing"
)

// Every rental job has an ID of its own, and the supervisor kept each
// finished one's run, its tail of up to 256 KiB of output included, for as
// long as RigShift ran: a rig that ran a thousand chatty jobs since it
// started held 140 MB it would never show. It keeps the last few
// finished runs; older jobs' output is in their log files.
func TestFinishedRunsAreForgotten(t *testing.T) {
	sup := NewSupervisor(testConfig(t))
	heap := func() float64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapInuse) / 1e6
	}
	before := heap()
	const jobs = 300
	for i := range jobs {
		w := Workload{ID: fmt.Sprintf("J-%04d", i), Kind: Training, Path: "/bin/sh",
			Args: []string{"-c", `i=0; while [ $i -lt 400 ]; do echo "step $i of a chatty job that says a lot about its loss and its learning rate"; i=$((i+1)); done`}}
		h, err := sup.Start(w)
		if err != nil {
			t.Fatal(err)
		}
		<-h.Done()
	}
	grew := heap() - before
	sup.mu.Lock()
	kept := len(sup.runs)
	sup.mu.Unlock()
	t.Logf("%d jobs ended: %d runs kept, the heap grew by %.1f MB", jobs, kept, grew)
	if kept > keepFinished+1 {
		t.Errorf("the supervisor keeps %d runs after %d jobs ended, want at most %d", kept, jobs, keepFinished+1)
	}
	if grew > 15 {
		t.Errorf("the heap grew by %.1f MB over %d finished jobs", grew, jobs)
	}
	if h, ok := sup.Handle(fmt.Sprintf("J-%04d", jobs-1)); !ok || len(h.Tail()) == 0 {
		t.Error("the last job to end has no tail: a job just ended must still show its output")
	}
	if _, ok := sup.Handle("J-0000"); ok {
		t.Error("the first job's run is still kept")
	}
}
