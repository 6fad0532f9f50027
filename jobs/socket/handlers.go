package socket

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/rigshift/rigshift/jobs/control"
)

// DefaultLogLines is how many log lines job.logs returns when the request
// does not say; MaxLogLines is the most it returns.
const (
	DefaultLogLines = 100
	MaxLogLines     = 10000
)

// handler answers one op from the controller.
type handler func(api control.API, req Request) (any, error)

// handlers are the ops answered with a single reply line.
var handlers = map[string]handler{
	OpStatus:    func(api control.API, _ Request) (any, error) { return api.Status(), nil },
	OpMode:      setMode,
	OpJobAdd:    addJob,
	OpJobList:   listJobs,
	OpJobGet:    withID(func(api control.API, req Request) (any, error) { return api.Job(req.ID) }),
	OpJobCancel: withID(func(api control.API, req Request) (any, error) { return nil, api.CancelJob(req.ID) }),
	OpJobMove:   withID(moveJob),
	OpJobLogs:   withID(jobLogs),
	OpSettings:  func(api control.API, _ Request) (any, error) { return api.Settings(), nil },
	OpGPUAside:  setGPUAside,
	OpSettingsSave: func(api control.API, req Request) (any, error) {
		if req.Settings == nil {
			return nil, errors.New(`bad request: "settings" (all of them) is missing`)
		}
		if err := api.SaveSettings(*req.Settings); err != nil {
			return nil, err
		}
		return api.Settings(), nil
	},
}

// answer decodes a request line and writes the reply (for an export, the
// CSV chunks first). Only a failed write is returned: the connection is
// then of no more use. A request whose answer panics is answered with an
// error instead of taking the whole RigShift, its jobs with it, down.
func (s *Server) answer(w io.Writer, line []byte) (err error) {
	req, err := decodeRequest(line)
	if err != nil {
		return writeReply(w, errorReply(err))
	}
	defer func() {
		if p := recover(); p != nil {
			s.cfg.Logf("control socket: %q request panicked: %v", req.Op, p)
			err = writeReply(w, Reply{Error: fmt.Sprintf("RigShift failed to answer the %q request (internal error: %v)", req.Op, p)})
		}
	}()
	switch req.Op {
	case OpExport:
		return s.export(w, req.ExportRequest)
	case OpTelemetryGPUs:
		return writeReply(w, s.telemetryGPUs())
	case OpEvents:
		return writeReply(w, s.events(req))
	case OpWindowShow:
		return writeReply(w, s.showWindow())
	}
	h, ok := handlers[req.Op]
	if !ok {
		return writeReply(w, errorReply(fmt.Errorf("unknown request %q (is this RigShift older than the command?)", req.Op)))
	}
	return writeReply(w, s.call(h, req))
}

// call runs a handler (answer recovers from its panics).
func (s *Server) call(h handler, req Request) (rep Reply) {
	result, err := h(s.cfg.API, req)
	if err != nil {
		return errorReply(err)
	}
	if p, ok := result.(partial); ok {
		rep = okReply(p.items)
		rep.Omitted = p.omitted
		return rep
	}
	return okReply(result)
}

// setMode switches the mode and answers with the status after the switch.
func setMode(api control.API, req Request) (any, error) {
	m, err := control.ParseMode(req.Mode)
	if err != nil {
		return nil, err
	}
	if err := api.SetMode(m); err != nil {
		return nil, err
	}
	return api.Status(), nil
}

// setGPUAside sets a GPU aside or uses it again, and answers with the
// status after.
func setGPUAside(api control.API, req Request) (any, error) {
	if req.ID == "" {
		return nil, fmt.Errorf(`bad request: %q needs the GPU's UUID as "id"`, req.Op)
	}
	if err := api.SetGPUAside(req.ID, req.Aside); err != nil {
		return nil, err
	}
	return api.Status(), nil
}

func addJob(api control.API, req Request) (any, error) {
	if req.Spec == nil {
		return nil, errors.New(`bad request: "spec" (the job) is missing`)
	}
	return api.AddJob(*req.Spec)
}

func listJobs(api control.API, _ Request) (any, error) {
	jobs := api.Jobs()
	if jobs == nil {
		jobs = []control.Job{}
	}
	fitted := fitJobs(jobs, jobsReplyLimit)
	return partial{fitted, len(jobs) - len(fitted)}, nil
}

// jobsReplyLimit is what the job list may take of a reply: all but room
// for the envelope. A variable, so that a test need not make 64 MiB of jobs.
var jobsReplyLimit = MaxReply - 1024

// partial is a list answer that left some items out to fit in a reply.
type partial struct {
	items   any
	omitted int
}

// fitJobs leaves out the oldest finished of jobs (newest first) until
// their JSON takes at most limit bytes: a long history, or jobs with long
// command lines (a spec may take up to MaxLine), could otherwise outgrow a
// reply line, and the owner would get no list at all. Jobs still queued or
// running are all kept; the whole history is in the jobs export.
func fitJobs(jobs []control.Job, limit int) []control.Job {
	for {
		b, err := json.Marshal(jobs)
		finished := 0
		for _, j := range jobs {
			if j.State.Final() {
				finished++
			}
		}
		if err != nil || len(b) <= limit || finished == 0 {
			return jobs
		}
		keep := finished / 2 // the newer half
		jobs = slices.DeleteFunc(slices.Clone(jobs), func(j control.Job) bool {
			if !j.State.Final() {
				return false
			}
			keep--
			return keep < 0
		})
	}
}

// moveJob moves a queued job. The protocol counts places from 1, as the
// owner does; the controller counts from 0.
func moveJob(api control.API, req Request) (any, error) {
	if req.Position < 1 {
		return nil, fmt.Errorf("bad request: position %d: the front of the queue is 1", req.Position)
	}
	return nil, api.MoveJob(req.ID, req.Position-1)
}

func jobLogs(api control.API, req Request) (any, error) {
	n := req.Lines
	switch {
	case n == 0:
		n = DefaultLogLines
	case n < 0:
		return nil, fmt.Errorf("bad request: lines %d: ask for one line or more", n)
	}
	lines, err := api.JobLogs(req.ID, min(n, MaxLogLines))
	if lines == nil && err == nil {
		lines = []string{}
	}
	return lines, err
}

// withID rejects a request without a job ID before h sees it.
func withID(h handler) handler {
	return func(api control.API, req Request) (any, error) {
		if req.ID == "" {
			return nil, fmt.Errorf(`bad request: %q needs the job's "id"`, req.Op)
		}
		return h(api, req)
	}
}
