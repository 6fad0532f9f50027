package socket

import (
	"bytes"
	"strings"
	"testing"
	"time"

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

// A month of long events does not fit in one reply line: the newest that
// fit come back, and the connection stays in step.
func TestEventsFitInAReply(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	var log []store.Event
	for i := range 5000 {
		log = append(log, store.Event{Time: now.Add(-time.Duration(i) * time.Minute), Kind: "notice:job-failed",
			Message: "Last output:\n" + strings.Repeat("x", 400)})
	}
	c := serve(t, Config{Export: &sockettest.Exporter{Log: log}}).client(t)
	evs, err := c.Events(now.Add(-30*24*time.Hour), now, 0)
	if err != nil || len(evs) == 0 || len(evs) >= len(log) || !evs[0].Time.Equal(now) {
		t.Fatalf("Events = %d events, %v; want the newest that fit", len(evs), err)
	}
	if _, err := c.TelemetryGPUs(); err != nil {
		t.Errorf("the connection is out of step after a long answer: %v", err)
	}
}
