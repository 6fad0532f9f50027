package control

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/jobs/logs"
	"github.com/rigshift/rigshift/jobs/proc"
	"github.com/rigshift/rigshift/jobs/progress"
)

// JobState is where a rental job is in its life.
type JobState string

// The job states. Queued → Starting → Running ⇄ Paused → one of the final
// states.
const (
	JobQueued      JobState = "queued"
	JobStarting    JobState = "starting"
	JobRunning     JobState = "running"
	JobPaused      JobState = "paused"
	JobSucceeded   JobState = "succeeded"
	JobFailed      JobState = "failed"
	JobCancelled   JobState = "cancelled"
	JobTimedOut    JobState = "timed out"
	JobInterrupted JobState = "interrupted"
)

// Final reports whether the job is over.
func (s JobState) Final() bool {
	switch s {
	case JobSucceeded, JobFailed, JobCancelled, JobTimedOut, JobInterrupted:
		return true
	}
	return false
}

// Active reports whether the job holds GPUs.
func (s JobState) Active() bool { return s == JobStarting || s == JobRunning || s == JobPaused }

// InterruptPolicy says what happens to a job whose run was cut short by
// RigShift dying or a GPU being lost.
type InterruptPolicy string

// The policies.
const (
	Requeue InterruptPolicy = "requeue" // run it again from the start
	FailJob InterruptPolicy = "fail"    // mark it failed
)

// JobSpec is what the owner types to add a rental job.
type JobSpec struct {
	Client          string          `json:"client"`
	Description     string          `json:"description,omitempty"`
	Command         []string        `json:"command"`       // argv: executable and arguments, no shell
	Env             []string        `json:"env,omitempty"` // "KEY=value"
	Dir             string          `json:"dir,omitempty"`
	GPUCount        int             `json:"gpu_count,omitempty"` // how many GPUs, any of them
	GPUs            []string        `json:"gpus,omitempty"`      // or these GPUs (UUIDs)
	PricePerGPUHour float64         `json:"price_per_gpu_hour"`
	Currency        string          `json:"currency,omitempty"` // default: the settings' currency
	MaxRuntime      time.Duration   `json:"max_runtime,omitempty"`
	OnInterrupt     InterruptPolicy `json:"on_interrupt,omitempty"` // default Requeue
}

// Validate checks the spec against a rig with the given GPU UUIDs and says
// what is wrong in the owner's words, one field at a time (FieldError).
func (s *JobSpec) Validate(rigGPUs []string) error {
	var errs []error
	add := func(field, msg string) { errs = append(errs, &FieldError{Field: field, Msg: msg}) }
	if strings.TrimSpace(s.Client) == "" {
		add("client", "say who the job is for")
	}
	if len(s.Command) == 0 || strings.TrimSpace(s.Command[0]) == "" {
		add("command", "the command is empty")
	}
	validateGPUs(s, rigGPUs, add)
	switch {
	case math.IsNaN(s.PricePerGPUHour) || math.IsInf(s.PricePerGPUHour, 0):
		add("price", "write the price as a number, e.g. 0.45")
	case s.PricePerGPUHour < 0:
		add("price", "the price cannot be negative")
	case s.PricePerGPUHour > MaxAmount:
		add("price", fmt.Sprintf("a price above %.0f a GPU-hour is no real price in any currency: is there a typo?", MaxAmount))
	}
	if s.MaxRuntime < 0 {
		add("max", "the longest run cannot be negative")
	}
	if s.OnInterrupt != "" && s.OnInterrupt != Requeue && s.OnInterrupt != FailJob {
		add("on_interrupt", `choose "requeue" or "fail"`)
	}
	return errors.Join(errs...)
}

// Runnable checks, where the job will run, that its folder and program are
// there: a typo is said when the job is added, not an hour later when it
// reaches the front of the queue and fails. Call it after Validate, or
// with a command at least; it reads the file system.
func (s *JobSpec) Runnable() error {
	var errs []error
	if s.Dir != "" {
		if msg := proc.DirProblem(s.Dir); msg != "" {
			errs = append(errs, &FieldError{Field: "dir", Msg: msg})
		}
	}
	if msg := proc.ProgramProblem(s.Command[0], s.Dir, s.Env); msg != "" {
		errs = append(errs, &FieldError{Field: "command", Msg: msg})
	}
	return errors.Join(errs...)
}

func validateGPUs(s *JobSpec, rigGPUs []string, add func(field, msg string)) {
	switch {
	case len(s.GPUs) > 0:
		for i, u := range s.GPUs {
			switch {
			case !contains(rigGPUs, u):
				add("gpus", fmt.Sprintf("this rig has no GPU %s", u))
			case contains(s.GPUs[:i], u): // it would be billed twice for one card
				add("gpus", fmt.Sprintf("GPU %s is named twice", u))
			}
		}
	case s.GPUCount < 1:
		add("gpus", "a job needs at least one GPU")
	case len(rigGPUs) == 0:
		add("gpus", "RigShift sees no GPU on this rig to run it on")
	case s.GPUCount > len(rigGPUs):
		add("gpus", fmt.Sprintf("the job wants %s but this rig has %d", Plural(s.GPUCount, "GPU"), len(rigGPUs)))
	}
}

// FieldError is a validation error about one field of a JobSpec, so that a
// form can show it next to that field.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// FieldErrors unpacks what Validate returned, by field.
func FieldErrors(err error) map[string]string {
	fields, _ := SplitErrors(err)
	return fields
}

// SplitErrors unpacks a refused job's errors: the first reason for each
// field, and the reasons that belong to no field.
func SplitErrors(err error) (fields map[string]string, general []string) {
	fields = map[string]string{}
	if err == nil {
		return fields, nil
	}
	var joined interface{ Unwrap() []error }
	list := []error{err}
	if errors.As(err, &joined) {
		list = joined.Unwrap()
	}
	for _, e := range list {
		var fe *FieldError
		switch {
		case !errors.As(e, &fe):
			general = append(general, e.Error())
		case fields[fe.Field] == "":
			fields[fe.Field] = fe.Msg
		}
	}
	return fields, general
}

// Job is a rental job as the controller reports it.
type Job struct {
	ID       string   `json:"id"`
	Spec     JobSpec  `json:"spec"`
	State    JobState `json:"state"`
	Position int      `json:"position"`          // place in the queue from 0 while queued; -1 otherwise
	Ahead    int      `json:"ahead"`             // queued jobs ahead of it that can run; -1 when not queued
	Blocked  string   `json:"blocked,omitempty"` // why a queued job cannot run on the rig as it is (a lost GPU, one set aside)
	// WaitsForAside says that Blocked is about GPUs the owner set aside:
	// using them again lets the job run, no reboot needed.
	WaitsForAside bool `json:"waits_for_aside,omitempty"`
	// WaitsForStorage says that a queued job waits because the database
	// refuses writes (a full disk): a start it did not keep would be run,
	// and billed, again after a restart.
	WaitsForStorage bool          `json:"waits_for_storage,omitempty"`
	GPUs            []string      `json:"gpus,omitempty"` // the GPUs it runs or ran on
	Created         time.Time     `json:"created"`
	Started         time.Time     `json:"started,omitzero"`
	Ended           time.Time     `json:"ended,omitzero"`
	Running         time.Duration `json:"running"` // billed time: pauses excluded
	Paused          time.Duration `json:"paused"`
	GPUHours        float64       `json:"gpu_hours"`
	EnergyJ         float64       `json:"energy_j"`
	Earned          float64       `json:"earned"`
	// Electricity is what the job's GPUs and its share of the host drew,
	// at the owner's kWh price; Earned minus Electricity is the job's net.
	Electricity float64           `json:"electricity"`
	Currency    string            `json:"currency"`
	ExitCode    int               `json:"exit_code"`
	Reason      string            `json:"reason,omitempty"` // why it ended, in words
	Progress    progress.Progress `json:"progress"`
	LogPath     string            `json:"log_path,omitempty"`
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Masked is the spec with a client's secrets masked, for what is shown or
// pasted (`job list --json`): a token after a secret flag or in a known
// shape on the command line (as the job's log and the export mask it), and
// the value of each variable whose name says it is a secret, and that
// value wherever the command line repeats it.
func (s JobSpec) Masked() JobSpec {
	red := logs.NewRedactor(envSecrets(s.Env)...)
	if s.Command != nil {
		s.Command = red.Args(s.Command)
		for i, a := range s.Command {
			s.Command[i] = red.Line(a)
		}
	}
	if s.Env != nil {
		env := make([]string, len(s.Env))
		for i, kv := range s.Env {
			if name, _, ok := strings.Cut(kv, "="); ok && jobs.SecretEnvName(name) {
				kv = name + "=" + logs.Mask
			}
			env[i] = kv
		}
		s.Env = env
	}
	return s
}
