package socket

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
)

// MaxLine is the longest request line, in bytes. A job spec with a long
// command and environment fits many times over.
const MaxLine = 1 << 20

// MaxReply is the longest reply line a client reads. Replies come from
// RigShift itself and can be long: a year of rental jobs, or a busy event
// log, is megabytes.
const MaxReply = 64 << 20

// The ops a request can name.
const (
	OpStatus        = "status"
	OpMode          = "mode"
	OpJobAdd        = "job.add"
	OpJobList       = "job.list"
	OpJobGet        = "job.get"
	OpJobCancel     = "job.cancel"
	OpJobMove       = "job.move"
	OpJobLogs       = "job.logs"
	OpTelemetryGPUs = "telemetry.gpus"
	OpExport        = "export"
	OpEvents        = "events"
	OpSettings      = "settings"
	OpSettingsSave  = "settings.save"
	OpWindowShow    = "window.show"
	OpGPUAside      = "gpu.aside"
)

// Request is one line a client sends. Op says what it asks; the other
// fields are the arguments of the ops that take them.
type Request struct {
	Op       string            `json:"op"`
	Mode     string            `json:"mode,omitempty"`     // mode: idle, mine, rent or auto
	Spec     *control.JobSpec  `json:"spec,omitempty"`     // job.add
	Settings *control.Settings `json:"settings,omitempty"` // settings.save: all of them
	ID       string            `json:"id,omitempty"`       // job.get, job.cancel, job.move, job.logs; gpu.aside: the GPU's UUID
	Aside    bool              `json:"aside,omitempty"`    // gpu.aside: true sets the GPU aside, false uses it again
	Position int               `json:"position,omitempty"` // job.move: 1 is the front of the queue
	Lines    int               `json:"lines,omitempty"`    // job.logs: how many last lines; 0 means DefaultLogLines
	Limit    int               `json:"limit,omitempty"`    // events: the most to return, newest first; 0 means MaxEvents
	ExportRequest
}

// ExportRequest says which CSV export to stream (op "export").
type ExportRequest struct {
	What string    `json:"what,omitempty"` // ExportJobs, ExportEarnings or ExportTelemetry
	GPU  string    `json:"gpu,omitempty"`  // telemetry: the GPU's UUID
	From time.Time `json:"from,omitzero"`  // telemetry and events: the range
	To   time.Time `json:"to,omitzero"`
}

// The exports.
const (
	ExportJobs      = "jobs"
	ExportEarnings  = "earnings"
	ExportTelemetry = "telemetry"
)

// Reply is the line the server answers with.
type Reply struct {
	OK     bool              `json:"ok"`
	Result json.RawMessage   `json:"result,omitempty"`
	Error  string            `json:"error,omitempty"`
	Fields map[string]string `json:"fields,omitempty"` // an invalid job spec: field → reason
	// Omitted is how many items a list left out to fit in one reply (the
	// oldest finished jobs of a long history).
	Omitted int `json:"omitted,omitempty"`
}

// RemoteError is an error RigShift replied with. Fields is set when a job
// spec was invalid: field ("client", "command", "gpus", "price", "max",
// "on_interrupt") → reason.
type RemoteError struct {
	Msg    string
	Fields map[string]string
}

func (e *RemoteError) Error() string { return e.Msg }

// Is reports whether the reply is ErrNoWindow: its words are all that
// cross the socket, and the command line names the data folder in the
// commands it offers instead.
func (e *RemoteError) Is(target error) bool {
	return target == ErrNoWindow && e.Msg == ErrNoWindow.Error()
}

// errorReply words err as a reply, with its field errors if any.
func errorReply(err error) Reply {
	rep := Reply{Error: err.Error()}
	if f := control.FieldErrors(err); len(f) > 0 {
		rep.Fields = f
	}
	return rep
}

// okReply encodes a result. A result that cannot be encoded (a NaN from a
// confused sensor) becomes an error reply rather than a broken line.
func okReply(result any) Reply {
	if result == nil {
		return Reply{OK: true}
	}
	b, err := json.Marshal(result)
	if err != nil {
		return Reply{Error: fmt.Sprintf("RigShift could not encode its answer: %v", err)}
	}
	return Reply{OK: true, Result: b}
}

// decodeRequest reads one request line, wording JSON errors for a person
// typing requests by hand.
func decodeRequest(line []byte) (Request, error) {
	var req Request
	err := json.Unmarshal(line, &req)
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return req, fmt.Errorf("bad request: %q must be a %s, not a %s", typeErr.Field, typeName(typeErr), typeErr.Value)
	case err != nil:
		return req, fmt.Errorf("bad request: not a JSON object on one line (%v)", err)
	case req.Op == "":
		return req, errors.New(`bad request: "op" is missing`)
	}
	return req, nil
}

// typeName is a JSON name for the Go type a field wanted.
func typeName(e *json.UnmarshalTypeError) string {
	switch e.Type.Kind() {
	case reflect.String:
		return "string"
	case reflect.Int, reflect.Int64, reflect.Uint8, reflect.Float64:
		return "number"
	case reflect.Slice:
		return "list"
	case reflect.Bool:
		return "true or false"
	}
	return "JSON " + e.Type.Kind().String()
}
