package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/progress"
)

// demoJobs is a week of a small rental business: one job running, two
// queued, and a history of finished, failed and cancelled ones.
func demoJobs(now time.Time, gpus []hardware.GPUInfo) []control.Job {
	spec := func(client, desc, cmd string, n int, price float64) control.JobSpec {
		return control.JobSpec{Client: client, Description: desc, Command: []string{"python", cmd, "--epochs", "3"},
			GPUCount: n, PricePerGPUHour: price, Currency: "USD", MaxRuntime: 8 * time.Hour}
	}
	// done is a finished job; pct is how far it got (a failed or
	// cancelled job stops part way).
	done := func(id string, s control.JobSpec, ago, ran time.Duration, st control.JobState, pct float64, reason string) control.Job {
		start := now.Add(-ago)
		h := ran.Hours() * float64(s.GPUCount)
		return control.Job{ID: id, Spec: s, State: st, Created: start.Add(-10 * time.Minute), Started: start,
			Ended: start.Add(ran), Running: ran, GPUHours: h, EnergyJ: h * 300 * 3600, Earned: h * s.PricePerGPUHour,
			Currency: "USD", Reason: reason, Progress: progress.Progress{Percent: pct, ETA: -1, Done: st == control.JobSucceeded}}
	}
	running := control.Job{ID: "J-0048", Spec: spec("acme-ai", "fine-tune llama 8B", "train.py", 2, 0.45),
		State: control.JobRunning, Created: now.Add(-95 * time.Minute), Started: now.Add(-88 * time.Minute), Currency: "USD"}
	if len(gpus) >= 2 {
		running.GPUs = []string{gpus[0].UUID, gpus[1].UUID}
	}
	failed := done("J-0045", spec("pixel-labs", "diffusion LoRA", "lora.py", 1, 0.40), 30*time.Hour, 47*time.Minute, control.JobFailed, 12, "exited with code 1: CUDA out of memory")
	failed.ExitCode = 1
	return []control.Job{
		running,
		{ID: "J-0047", Spec: spec("deepform", "whisper small, 2 epochs", "asr.py", 1, 0.38), State: control.JobQueued, Position: 0, Created: now.Add(-40 * time.Minute), Currency: "USD", Progress: progress.Progress{Percent: -1, ETA: -1}},
		{ID: "J-0046", Spec: spec("acme-ai", "eval run", "eval.py", 4, 0.45), State: control.JobQueued, Position: 1, Ahead: 1, Created: now.Add(-20 * time.Minute), Currency: "USD", Progress: progress.Progress{Percent: -1, ETA: -1}},
		done("J-0044", spec("acme-ai", "fine-tune llama 8B", "train.py", 2, 0.45), 20*time.Hour, 5*time.Hour+12*time.Minute, control.JobSucceeded, 100, ""),
		failed,
		done("J-0043", spec("university lab", "BERT pre-training", "pretrain.py", 4, 0.35), 3*24*time.Hour, 7*time.Hour, control.JobSucceeded, 100, ""),
		done("J-0042", spec("pixel-labs", "SDXL fine-tune", "sdxl.py", 2, 0.42), 4*24*time.Hour, 2*time.Hour, control.JobCancelled, 41, "cancelled by the owner"),
	}
}

// advance moves the running job along: 3 epochs in about 3 hours.
func (c *controller) advance() {
	for i := range c.jobs {
		j := &c.jobs[i]
		if j.State != control.JobRunning {
			continue
		}
		j.Running = time.Since(j.Started)
		total := 3 * time.Hour
		pct := min(99, 100*j.Running.Seconds()/total.Seconds())
		j.Progress = progress.Progress{Source: "tqdm", Step: int64(pct * 30), HasStep: true, Total: 3000, Percent: pct,
			Rate: 0.28, ETA: total - j.Running, Loss: 2.1 - pct/80, HasLoss: true, Epoch: pct / 33.4}
		j.GPUHours = j.Running.Hours() * float64(len(j.GPUs))
		j.EnergyJ = j.GPUHours * 310 * 3600
		j.Earned = j.GPUHours * j.Spec.PricePerGPUHour
	}
}

func (c *controller) running() []control.Job {
	var out []control.Job
	for _, j := range c.jobs {
		if j.State.Active() {
			out = append(out, j)
		}
	}
	return out
}

func (c *controller) queued() int {
	n := 0
	for _, j := range c.jobs {
		if j.State == control.JobQueued {
			n++
		}
	}
	return n
}

func (c *controller) Jobs() []control.Job {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance()
	return slices.Clone(c.jobs)
}

func (c *controller) Job(id string) (control.Job, error) {
	for _, j := range c.Jobs() {
		if j.ID == id {
			return j, nil
		}
	}
	return control.Job{}, fmt.Errorf("no job %s", id)
}

func (c *controller) AddJob(s control.JobSpec) (control.Job, error) {
	var uuids []string
	for _, g := range c.sim.GPUs() {
		uuids = append(uuids, g.UUID)
	}
	if err := s.Validate(uuids); err != nil {
		return control.Job{}, err
	}
	c.mu.Lock()
	place := c.queued()
	j := control.Job{ID: c.newID(), Spec: s, State: control.JobQueued, Position: place, Ahead: place, Created: time.Now(), Currency: "USD",
		Progress: progress.Progress{Percent: -1, ETA: -1}}
	c.jobs = append(c.jobs, j)
	c.mu.Unlock()
	c.signal()
	return j, nil
}
