package socket

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/socket/sockettest"
	"github.com/rigshift/rigshift/store"
)

const gpu0 = "GPU-00000000-0000-0000-0000-000000000000"

func exportServer(t *testing.T, failAt int) *Client {
	ex := &sockettest.Exporter{Jobs: "id,client\nJ-0001,acme\n", Earnings: "id,kind\n1,mining\n",
		GPUs: []string{gpu0}, FailAt: failAt}
	return serve(t, Config{Export: ex}).client(t)
}

func TestExportStreamsCSV(t *testing.T) {
	c := exportServer(t, 0)
	var buf bytes.Buffer
	if err := c.Export(&buf, ExportRequest{What: ExportJobs}); err != nil || buf.String() != "id,client\nJ-0001,acme\n" {
		t.Errorf("jobs export = %q, %v", buf.String(), err)
	}
	buf.Reset()
	// A week of minutes: hundreds of kilobytes, many chunks.
	from := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	req := ExportRequest{What: ExportTelemetry, GPU: gpu0, From: from, To: from.Add(7 * 24 * time.Hour)}
	if err := c.Export(&buf, req); err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(buf.String(), "\n"); rows != 7*24*60+2 || buf.Len() < 4*maxChunk {
		t.Errorf("telemetry export: %d rows, %d bytes", rows, buf.Len())
	}
	// The connection is still in step after a stream.
	if gpus, err := c.TelemetryGPUs(); err != nil || len(gpus) != 1 {
		t.Errorf("TelemetryGPUs = %v, %v", gpus, err)
	}
}

func TestExportErrors(t *testing.T) {
	c := exportServer(t, 100)
	from := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		req  ExportRequest
		want string
	}{
		{ExportRequest{What: "invoices"}, `unknown export "invoices"`},
		{ExportRequest{What: ExportTelemetry, GPU: gpu0}, `needs "gpu", "from" and "to"`},
		{ExportRequest{What: ExportTelemetry, GPU: gpu0, From: from, To: from.Add(-time.Hour)}, `"from" before "to"`},
		{ExportRequest{What: ExportTelemetry, GPU: "GPU-nope", From: from, To: from}, "no telemetry for GPU GPU-nope"},
		{ExportRequest{What: ExportTelemetry, GPU: gpu0, From: from, To: from.Add(time.Hour)}, "the database went away"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := c.Export(&buf, tt.req)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want %q", tt.req, err, tt.want)
		}
	}
}

func TestExportWithoutExporter(t *testing.T) {
	c := serve(t, Config{}).client(t)
	err := c.Export(&bytes.Buffer{}, ExportRequest{What: ExportJobs})
	if err == nil || !strings.Contains(err.Error(), "does not offer exports") {
		t.Errorf("Export = %v", err)
	}
	if _, err := c.TelemetryGPUs(); err == nil {
		t.Error("TelemetryGPUs without an exporter succeeded")
	}
}

func TestEventsOverTheSocket(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	ex := &sockettest.Exporter{Log: []store.Event{
		{Time: now, Kind: "mode", Message: "rent", Reason: "user"},
		{Time: now.Add(-time.Hour), Kind: "notice:job-failed", JobID: "J-0002", Title: "Job J-0002 failed", Message: "bad's job failed\nLast output:\noops"},
		{Time: now.Add(-48 * time.Hour), Kind: "mode", Message: "mine", Reason: "restored"},
	}}
	c := serve(t, Config{Export: ex}).client(t)
	evs, err := c.Events(now.Add(-24*time.Hour), now, 0)
	if err != nil || len(evs) != 2 || evs[1].Title != "Job J-0002 failed" || evs[1].Message != ex.Log[1].Message || !evs[0].Time.Equal(now) {
		t.Errorf("Events = %+v, %v", evs, err)
	}
	if evs, err := c.Events(now.Add(-72*time.Hour), now, 1); err != nil || len(evs) != 1 || evs[0].Message != "rent" {
		t.Errorf("Events with a limit of 1 = %+v, %v", evs, err)
	}
	if _, err := c.Events(now, now.Add(-time.Hour), 0); err == nil || !strings.Contains(err.Error(), `"from" before "to"`) {
		t.Errorf("Events backwards = %v", err)
	}
	if evs, err := c.Events(now.Add(time.Hour), now.Add(2*time.Hour), 0); err != nil || evs == nil || len(evs) != 0 {
		t.Errorf("Events of a quiet hour = %#v, %v; want an empty list", evs, err)
	}
	if _, err := serve(t, Config{}).client(t).Events(now.Add(-time.Hour), now, 0); err == nil {
		t.Error("Events without an exporter succeeded")
	}
}

// A busy month of long events (2.4 MB of JSON) is more than a request line
// may hold, and still comes back whole.
func TestALongEventLogComesBack(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	log := longEvents(now, 5000)
	c := serve(t, Config{Export: &sockettest.Exporter{Log: log}}).client(t)
	evs, err := c.Events(now.Add(-30*24*time.Hour), now, 0)
	if err != nil || len(evs) != len(log) {
		t.Fatalf("Events = %d events, %v; want all %d", len(evs), err, len(log))
	}
	if _, err := c.TelemetryGPUs(); err != nil {
		t.Errorf("the connection is out of step after a long answer: %v", err)
	}
}

// Events that would not fit in a reply line come back as the newest that fit.
func TestEventsFitInAReply(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	log := longEvents(now, 100)
	rep := fitEvents(log, 10_000)
	var evs []store.Event
	if err := json.Unmarshal(rep.Result, &evs); err != nil || len(rep.Result) > 10_000 || len(evs) == 0 || !evs[0].Time.Equal(now) {
		t.Fatalf("%d events in %d bytes, %v; want the newest in at most 10 000 bytes", len(evs), len(rep.Result), err)
	}
}

// Jobs that would not fit in a reply line (a long history, or jobs with
// long command lines: a spec may take up to MaxLine) come back as all
// those that hold or wait for GPUs and the newest finished ones that fit.
func TestJobsFitInAReply(t *testing.T) {
	var jobs []control.Job
	for i := 100; i > 0; i-- { // newest first, as the controller lists them
		state := control.JobSucceeded
		if i == 100 || i == 3 {
			state = control.JobQueued // one waiting since long ago
		} else if i == 99 {
			state = control.JobRunning
		}
		jobs = append(jobs, control.Job{ID: fmt.Sprintf("J-%04d", i), State: state,
			Spec: control.JobSpec{Client: "acme", Command: []string{strings.Repeat("c", 400)}}})
	}
	fit := fitJobs(jobs, 10_000)
	b, _ := json.Marshal(fit)
	if len(b) > 10_000 || len(fit) < 5 {
		t.Fatalf("%d jobs in %d bytes; want some, in at most 10 000 bytes", len(fit), len(b))
	}
	ids := func(js []control.Job) (s []string) {
		for _, j := range js {
			s = append(s, j.ID)
		}
		return s
	}
	got := ids(fit)
	if want := append(ids(jobs[:len(fit)-1]), "J-0003"); !slices.Equal(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
	if len(fitJobs(jobs, 1<<20)) != len(jobs) {
		t.Error("jobs that fit were dropped")
	}
}

// The client is told how many jobs the list left out, and `--json` still
// prints the jobs alone.
func TestJobListSaysWhatItLeftOut(t *testing.T) {
	defer func(limit int) { jobsReplyLimit = limit }(jobsReplyLimit)
	jobsReplyLimit = 10_000
	s := serve(t, Config{})
	for i := range 40 {
		s.api.JobList = append(s.api.JobList, control.Job{ID: fmt.Sprintf("J-%04d", 40-i), State: control.JobSucceeded,
			Spec: control.JobSpec{Client: "acme", Command: []string{strings.Repeat("c", 400)}}})
	}
	c, err := Dial(s.dataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	list, err := c.JobList()
	if err != nil || list.Omitted == 0 || len(list.Jobs)+list.Omitted != 40 {
		t.Fatalf("%d jobs, %d left out, %v; want 40 in all, some left out", len(list.Jobs), list.Omitted, err)
	}
	if b, _ := json.Marshal(list); !strings.HasPrefix(string(b), `[{"id":"J-0040"`) {
		t.Errorf("JSON %.40s…", b)
	}
	jobsReplyLimit = 1 << 20
	if list, _ := c.JobList(); list.Omitted != 0 || len(list.Jobs) != 40 {
		t.Errorf("all fit: %d jobs, %d left out", len(list.Jobs), list.Omitted)
	}
}

// longEvents are n failed jobs with 400 characters of output each, a
// minute apart, newest first.
func longEvents(now time.Time, n int) []store.Event {
	var log []store.Event
	for i := range n {
		log = append(log, store.Event{Time: now.Add(-time.Duration(i) * time.Minute), Kind: "notice:job-failed",
			Message: "Last output:\n" + strings.Repeat("x", 400)})
	}
	return log
}

// A year of rental jobs is more than a request line may hold, and still
// lists: a reply line may be far longer than a request.
func TestAYearOfJobsLists(t *testing.T) {
	s := serve(t, Config{})
	for i := range 3000 {
		s.api.JobList = append(s.api.JobList, control.Job{ID: fmt.Sprintf("J-%04d", i), State: control.JobSucceeded,
			Spec: control.JobSpec{Client: "acme", Command: []string{"python", "train.py", "--config", strings.Repeat("c", 200)}}})
	}
	c := s.client(t)
	jobs, err := c.Jobs()
	if err != nil || len(jobs) != 3000 {
		t.Fatalf("Jobs = %d jobs, %v", len(jobs), err)
	}
}

// RigShift quits (or hangs) halfway through an export, after some of the
// CSV has come: the owner reads that it stopped (or is stuck) and that the
// export is incomplete, not "EOF" or "i/o timeout".
func TestExportSaysWhenRigShiftStopsOrHangsMidway(t *testing.T) {
	dir, ln := fakeRigShift(t)
	hangUp := make(chan bool, 2)
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.Read(make([]byte, 4096))         // the request
			conn.Write([]byte("10\nid,client\n")) // the first chunk of the CSV
			if <-hangUp {
				conn.Close()
				continue
			}
			defer conn.Close() // stuck: sends nothing more
		}
	}()
	for _, stop := range []bool{true, false} {
		hangUp <- stop
		c, err := Dial(dir)
		if err != nil {
			t.Fatal(err)
		}
		c.Timeout = 100 * time.Millisecond
		var buf bytes.Buffer
		err = c.Export(&buf, ExportRequest{What: ExportJobs})
		c.Close()
		want := "RigShift stopped"
		if !stop {
			want = "RigShift did not answer within 100ms; it may be stuck"
		}
		if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "the jobs export is incomplete") ||
			stop != errors.Is(err, ErrStopped) || buf.String() != "id,client\n" {
			t.Errorf("stopped %v: %v (got %q), want %q… the jobs export is incomplete", stop, err, buf.String(), want)
		}
	}
}

// slowExporter takes longer than the write timeout to find that a
// telemetry export has no more rows (a --to years ahead), or that it
// failed.
type slowExporter struct {
	sockettest.Exporter
	err error
}

func (e *slowExporter) ExportTelemetryCSV(io.Writer, string, time.Time, time.Time) error {
	time.Sleep(300 * time.Millisecond)
	return e.err
}

// An export that is slow to end kept the write deadline of its last chunk
// (or of the request), long past: its final answer could not be written,
// and the owner read "RigShift stopped … the export is incomplete" from a
// RigShift that ran on, instead of its end or its error.
func TestSlowExportStillAnswers(t *testing.T) {
	from := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	req := ExportRequest{What: ExportTelemetry, GPU: gpu0, From: from, To: from.AddDate(1000, 0, 0)}
	for _, want := range []error{nil, errors.New("the database went away")} {
		c := serve(t, Config{Export: &slowExporter{err: want}, WriteTimeout: 100 * time.Millisecond}).client(t)
		err := c.Export(&bytes.Buffer{}, req)
		if (want == nil && err != nil) || (want != nil && (err == nil || !strings.Contains(err.Error(), want.Error()))) {
			t.Errorf("export ending in %v: %v", want, err)
		}
	}
}
