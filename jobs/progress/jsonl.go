package progress

import (
	"bytes"
	"encoding/json"
)

// EnvVar names the environment variable through which RigShift tells a
// training job where it may report exact progress.
//
// The contract (also in jobs/PROGRESS.md):
//
//   - RigShift creates an empty file and puts its absolute path in
//     RIGSHIFT_PROGRESS before the job starts.
//   - The job appends one JSON object per line (UTF-8, ending in "\n"),
//     whenever it likes; once per step or per few seconds is plenty.
//   - Every field is optional: "step" (steps done), "total" (steps in the
//     whole job), "percent" (0–100; overrides step/total), "loss" (latest
//     training loss), "epoch", "eta_seconds" (the job's own estimate of the
//     time left), "done" (true when the work is finished), "message" (a
//     short status for the owner, ≤ 200 characters shown).
//   - Unknown fields, lines that are not JSON objects and lines longer than
//     64 KiB are ignored. The newest value of each field wins.
//   - From the first report with "step", "total", "percent" or
//     "eta_seconds", reports take precedence over tqdm bars and Trainer
//     logs in the output; so does a reported "loss".
//
// Example:
//
//	{"step": 450, "total": 1000, "loss": 0.123, "epoch": 1.35}
const EnvVar = "RIGSHIFT_PROGRESS"

// Report is one JSON line of the RIGSHIFT_PROGRESS contract. Nil fields
// were absent (or not of their type).
type Report struct {
	Step       *float64
	Total      *float64
	Percent    *float64
	Loss       *float64
	Epoch      *float64
	ETASeconds *float64
	Done       *bool
	Message    *string
}

// ParseJSONLine parses one line of the progress file. A field of the wrong
// type is dropped; the line is rejected only when it is not a JSON object.
func ParseJSONLine(line []byte) (Report, bool) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] != '{' {
		return Report{}, false
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(line, &fields) != nil {
		return Report{}, false
	}
	r := Report{
		Step: field[float64](fields, "step"), Total: field[float64](fields, "total"),
		Percent: field[float64](fields, "percent"), Loss: field[float64](fields, "loss"),
		Epoch: field[float64](fields, "epoch"), ETASeconds: field[float64](fields, "eta_seconds"),
		Done: field[bool](fields, "done"), Message: field[string](fields, "message"),
	}
	r.dropInvalid()
	return r, true
}

// field decodes fields[key] as a T, or returns nil when it is absent, null
// or of another type.
func field[T any](fields map[string]json.RawMessage, key string) *T {
	raw, ok := fields[key]
	if !ok {
		return nil
	}
	var v *T
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	return v
}

// dropInvalid clears values no job means: negative counts, percent out of
// range.
func (r *Report) dropInvalid() {
	for _, p := range []**float64{&r.Step, &r.Total, &r.ETASeconds} {
		if *p != nil && **p < 0 {
			*p = nil
		}
	}
	if r.Percent != nil && (*r.Percent < 0 || *r.Percent > 100) {
		r.Percent = nil
	}
}
