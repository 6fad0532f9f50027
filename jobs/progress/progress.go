package progress

import (
	"fmt"
	"time"
)

// Progress is how far a training job has got.
type Progress struct {
	Source  string        // where the figures came from: "tqdm", "trainer", "jsonl"; "" before any
	Step    int64         // steps (tqdm units) done
	Total   int64         // steps in all; 0 when unknown
	Percent float64       // 0–100; -1 when unknown
	Rate    float64       // steps per second; 0 when unknown
	ETA     time.Duration // time left; -1 when unknown
	Loss    float64       // latest training loss, when HasLoss
	HasLoss bool
	Epoch   float64       // latest epoch, 0 when never reported
	Done    bool          // the job said it finished (train_runtime, "done")
	Runtime time.Duration // the Trainer's train_runtime, once Done
	Message string        // the job's own status line (JSON reports)
	Updated time.Time     // when any figure last changed; zero before any
}

// Unknown is the Progress before any report: a job not started yet, or
// one that says nothing of its progress.
func Unknown() Progress { return Progress{Percent: -1, ETA: -1} }

// String renders the progress for a status line.
func (p Progress) String() string {
	if p.Source == "" {
		return "no progress reported"
	}
	s := fmt.Sprintf("step %d", p.Step)
	if p.Total > 0 {
		s = fmt.Sprintf("step %d/%d", p.Step, p.Total)
	}
	if p.Percent >= 0 {
		s += fmt.Sprintf(" (%.1f%%)", p.Percent)
	}
	if p.ETA >= 0 {
		s += ", ETA " + p.ETA.Round(time.Second).String()
	}
	if p.HasLoss {
		s += fmt.Sprintf(", loss %.4g", p.Loss)
	}
	if p.Done {
		s += ", done"
	}
	return s
}
