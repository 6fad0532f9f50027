package progress

import (
	"fmt"
	"strings"
	"time"
)

// Progress is how far a training job has got.
// Its JSON (a job's "progress" in `rigshift job list --json` and the
// control socket) is named like the rest of RigShift's JSON, for scripts.
type Progress struct {
	Source  string        `json:"source"`   // where the figures came from: "tqdm", "trainer", "jsonl", "output" (counters in plain text); "" before any
	Step    int64         `json:"step"`     // steps (tqdm units) done, when HasStep
	HasStep bool          `json:"has_step"` // a step was reported (the Trainer's log dicts give none)
	Total   int64         `json:"total"`    // steps in all; 0 when unknown
	Percent float64       `json:"percent"`  // 0–100; -1 when unknown
	Rate    float64       `json:"rate"`     // steps per second; 0 when unknown
	ETA     time.Duration `json:"eta"`      // time left; -1 when unknown
	Loss    float64       `json:"loss"`     // latest training loss, when HasLoss
	HasLoss bool          `json:"has_loss"`
	Epoch   float64       `json:"epoch"`            // latest epoch, 0 when never reported
	Epochs  int64         `json:"epochs"`           // epochs in all, when the output counts them ("Epoch 3/10"); 0 when unknown
	Done    bool          `json:"done"`             // the job said it finished (train_runtime, "done")
	Runtime time.Duration `json:"runtime"`          // the Trainer's train_runtime, once Done
	Message string        `json:"message"`          // the job's own status line (JSON reports)
	Updated time.Time     `json:"updated,omitzero"` // when any figure last changed; zero before any
}

// Unknown is the Progress before any report: a job not started yet, or
// one that says nothing of its progress.
func Unknown() Progress { return Progress{Percent: -1, ETA: -1} }

// String renders the progress for a status line.
func (p Progress) String() string {
	if p.Source == "" {
		return "no progress reported"
	}
	var parts []string
	if s := p.position(); s != "" {
		parts = append(parts, s)
	}
	if p.ETA >= 0 {
		parts = append(parts, "ETA "+p.ETA.Round(time.Second).String())
	}
	if p.HasLoss {
		parts = append(parts, fmt.Sprintf("loss %.4g", p.Loss))
	}
	if p.Done {
		parts = append(parts, "done")
	}
	if len(parts) == 0 {
		return "no progress reported" // only a message
	}
	return strings.Join(parts, ", ")
}

// position says how far the job got: "step 450/1000 (45.0%)", with the
// epoch first where the output counts them ("epoch 2/5, step 450/1000
// (29.0%)"), or the epoch when no step was reported (the Trainer's log
// dicts alone), or the bare percentage.
func (p Progress) position() string {
	var s string
	switch {
	case p.HasStep && p.Total > 0:
		s = fmt.Sprintf("step %d/%d", p.Step, p.Total)
	case p.HasStep:
		s = fmt.Sprintf("step %d", p.Step)
	case p.Epoch > 0 && p.Epochs == 0:
		s = fmt.Sprintf("epoch %.4g", p.Epoch)
	}
	if p.Epochs > 0 {
		s = strings.TrimSuffix(fmt.Sprintf("epoch %.0f/%d, %s", p.Epoch, p.Epochs, s), ", ")
	}
	switch {
	case p.Percent < 0:
		return s
	case s == "":
		return fmt.Sprintf("%.1f%%", p.Percent)
	}
	return fmt.Sprintf("%s (%.1f%%)", s, p.Percent)
}
