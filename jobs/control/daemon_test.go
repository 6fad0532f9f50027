package control

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/store"
)

const crashHeartbeat = 100 * time.Millisecond

// fakeDaemon is RigShift without a window, as `rigshift daemon` runs it:
// it rents its GPUs out to one long job and prints the job's PID once it
// runs, then works until it is killed.
func fakeDaemon(dir string) int {
	st, err := store.Open(filepath.Join(dir, "rigshift.db"), store.Options{})
	if err != nil {
		fmt.Println("open:", err)
		return 1
	}
	sim, _ := hardware.NewSimulated(2, hardware.SimOptions{Seed: 3})
	c, err := New(Options{Backend: sim, Store: st, Supervisor: fastSupervisor(), Heartbeat: crashHeartbeat})
	if err != nil {
		fmt.Println("controller:", err)
		return 1
	}
	_ = c.SetMode(Rent)
	job, err := c.AddJob(trainerJob("Delta", 1, 100000, 0))
	if err != nil {
		fmt.Println("add job:", err)
		return 1
	}
	go c.Run(context.Background(), nil)
	for {
		time.Sleep(10 * time.Millisecond)
		c.mu.Lock()
		w := c.work[job.ID]
		running := w != nil && c.jobs[job.ID].view.State == JobRunning
		c.mu.Unlock()
		if running {
			fmt.Println("RUNNING", job.ID, w.handle.Status().PID)
			select {}
		}
	}
}
