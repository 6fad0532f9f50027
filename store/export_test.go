package store

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"
)

// parseCSV reads an export back, checking it is well-formed RFC 4180.
func parseCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("export is not valid CSV: %v\n%s", err, data)
	}
	return recs
}

func TestExportJobsCSV(t *testing.T) {
	s := openTest(t, Options{})
	s.PutJob(JobRecord{ID: "J-0001", Client: `Acme, "AI" Inc`, Description: "line1\nline2", State: "done",
		CreatedAt: t0.In(time.FixedZone("CET", 3600)), EndedAt: t0.Add(90 * time.Minute), GPUCount: 2,
		GPUUUIDs: []string{"GPU-a", "GPU-b"}, RanOn: []string{"GPU-b"}, EnergyJ: 7.2e6, Earned: 1.25, Command: []string{"python", "train.py", "--name", "big run"}})
	// Its two runs' electricity, and another job's and mining's that are not its.
	for _, r := range []EarningRecord{
		{Kind: KindRental, JobID: "J-0001", GPU: "GPU-b", Start: t0, End: t0.Add(time.Hour), Revenue: 1, ElectricityCost: 0.25},
		{Kind: KindRental, JobID: "J-0001", GPU: "GPU-b", Start: t0.Add(time.Hour), End: t0.Add(90 * time.Minute), Revenue: 0.25, ElectricityCost: 0.125},
		{Kind: KindRental, JobID: "J-0002", GPU: "GPU-a", Start: t0, End: t0.Add(time.Hour), Revenue: 1, ElectricityCost: 5},
		{Kind: KindMining, GPU: "GPU-b", Start: t0, End: t0.Add(time.Hour), Revenue: 1, ElectricityCost: 7},
	} {
		if _, err := s.PutEarning(r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := s.ExportJobsCSV(&buf); err != nil {
		t.Fatal(err)
	}
	recs := parseCSV(t, buf.Bytes())
	if len(recs) != 2 {
		t.Fatalf("%d records, want header + 1", len(recs))
	}
	got := map[string]string{}
	for i, h := range recs[0] {
		got[h] = recs[1][i]
	}
	want := map[string]string{"id": "J-0001", "client": `Acme, "AI" Inc`, "description": "line1\nline2",
		"created_at": "2025-03-10T12:00:00Z", "started_at": "", "ended_at": "2025-03-10T13:30:00Z",
		"gpu_uuids": "GPU-a;GPU-b", "ran_on": "GPU-b", "energy_kwh": "2", "earned": "1.25", "electricity_cost": "0.375", "net": "0.875", "command": "python train.py --name 'big run'"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("column %s = %q, want %q", k, got[k], v)
		}
	}
}

func TestExportEarningsCSV(t *testing.T) {
	s := openTest(t, Options{})
	s.PutEarning(EarningRecord{Kind: KindRental, JobID: "J-0001", GPU: "GPU-a", Start: t0, End: t0.Add(time.Hour),
		EnergyJ: 3.6e6, Revenue: 2, ElectricityCost: 0.5, Currency: "USD"})
	var buf bytes.Buffer
	if err := s.ExportEarningsCSV(&buf); err != nil {
		t.Fatal(err)
	}
	recs := parseCSV(t, buf.Bytes())
	want := []string{"1", "rental", "J-0001", "GPU-a", "2025-03-10T12:00:00Z", "2025-03-10T13:00:00Z",
		"3600", "1", "2", "0.5", "1.5", "USD", ""}
	if len(recs) != 2 || strings.Join(recs[1], "|") != strings.Join(want, "|") {
		t.Errorf("earnings CSV = %q, want header + %q", recs, want)
	}
}

func TestExportTelemetryCSVUsesFinestKeptResolution(t *testing.T) {
	s := openTest(t, Options{RawRetention: time.Hour, MinuteRetention: 3 * time.Hour})
	now := t0.Add(5 * time.Hour)
	setClock(s, t0)
	w := s.Telemetry()
	for i := range 5 * 3600 / 10 { // every 10 s for five hours
		w.Add(point(t0.Add(time.Duration(i)*10*time.Second), "g0", 20))
	}
	w.Flush()
	setClock(s, now)
	s.Prune()

	var buf bytes.Buffer
	if err := s.ExportTelemetryCSV(&buf, "g0", t0, now); err != nil {
		t.Fatal(err)
	}
	recs := parseCSV(t, buf.Bytes())
	if recs[0][0] != "time" || recs[0][4] != "temp_c_min" || len(recs[0]) != 4+3*int(metricCount)+2 {
		t.Fatalf("header = %v", recs[0])
	}
	perRes := map[string]int{}
	var last time.Time
	for _, r := range recs[1:] {
		at, err := time.Parse(time.RFC3339Nano, r[0])
		if err != nil || !strings.HasSuffix(r[0], "Z") {
			t.Fatalf("time %q is not ISO-8601 UTC", r[0])
		}
		if !at.After(last) {
			t.Fatalf("rows overlap or go back in time at %s (%s)", r[0], r[2])
		}
		last = at
		perRes[r[2]]++
	}
	// 1h rows up to where 1m rows begin (now-3h = t0+2h), 1m rows up to
	// where raw begins (t0+4h), raw (every 10 s) after
	if perRes["1h"] != 2 || perRes["1m"] != 120 || perRes["raw"] != 360 {
		t.Errorf("rows per resolution = %v, want 1h:2 1m:120 raw:360", perRes)
	}
	if got := recs[1][4:7]; strings.Join(got, ",") != "20,20,20" {
		t.Errorf("temp min/avg/max of the first row = %v", got)
	}
}

// The CSV named a GPU by its UUID alone: its index and name, as the
// window and 'rigshift status' show them, come last on each row, so that
// a reader of the columns by position still finds the others where they
// were; empty for a GPU the store does not remember.
func TestExportTelemetryCSVNamesTheGPU(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0)
	if err := s.RememberGPUs([]GPURecord{{UUID: "g1", Index: 1, Name: "NVIDIA GeForce RTX 3090"}}); err != nil {
		t.Fatal(err)
	}
	w := s.Telemetry()
	w.Add(point(t0, "g1", 20))
	w.Add(point(t0, "g9", 30))
	w.Flush()
	for _, tt := range []struct{ gpu, index, name string }{
		{"g1", "1", "NVIDIA GeForce RTX 3090"},
		{"g9", "", ""},
	} {
		var buf bytes.Buffer
		if err := s.ExportTelemetryCSV(&buf, tt.gpu, t0, t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		recs := parseCSV(t, buf.Bytes())
		n := 4 + 3*int(metricCount)
		if len(recs) != 2 || len(recs[0]) != n+2 || len(recs[1]) != n+2 {
			t.Fatalf("%s: CSV = %q", tt.gpu, recs)
		}
		if got := strings.Join(recs[0][n:], ","); got != "gpu_index,gpu_name" {
			t.Errorf("the last columns are %s, want gpu_index,gpu_name", got)
		}
		if recs[1][1] != tt.gpu || recs[1][n] != tt.index || recs[1][n+1] != tt.name {
			t.Errorf("%s: row %q, want index %q and name %q last", tt.gpu, recs[1], tt.index, tt.name)
		}
	}
}

// failingWriter fails every write, like a closed pipe.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestExportReportsWriteErrors(t *testing.T) {
	s := openTest(t, Options{})
	s.PutJob(JobRecord{ID: "J-0001"})
	for name, export := range map[string]func() error{
		"jobs":      func() error { return s.ExportJobsCSV(failingWriter{}) },
		"earnings":  func() error { return s.ExportEarningsCSV(failingWriter{}) },
		"telemetry": func() error { return s.ExportTelemetryCSV(failingWriter{}, "g0", t0, t0) },
	} {
		if err := export(); err == nil || !strings.Contains(err.Error(), "broken pipe") {
			t.Errorf("%s export on a broken writer = %v", name, err)
		}
	}
}

// A fresh history, begun in the middle of an hour, exports its raw samples,
// not one hourly row that sums them up.
func TestExportTelemetryCSVOfAFreshHistoryIsRaw(t *testing.T) {
	s := openTest(t, Options{})
	start := t0.Add(7*time.Minute + 13*time.Second)
	setClock(s, start)
	w := s.Telemetry()
	for i := range 30 {
		w.Add(point(start.Add(time.Duration(i)*time.Second), "g0", 20))
	}
	w.Flush()
	var buf bytes.Buffer
	if err := s.ExportTelemetryCSV(&buf, "g0", t0, start.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	recs := parseCSV(t, buf.Bytes())
	perRes := map[string]int{}
	for _, r := range recs[1:] {
		perRes[r[2]]++
	}
	if perRes["raw"] != 30 || len(recs) != 31 {
		t.Errorf("rows per resolution = %v, want 30 raw rows only", perRes)
	}
}

// A client's name that begins like a formula is not run by the
// spreadsheet that opens the export: it is written after an apostrophe.
func TestExportDefusesFormulas(t *testing.T) {
	s := openTest(t, Options{})
	s.PutJob(JobRecord{ID: "J-0001", Client: `=HYPERLINK("http://evil.example","x")`, Description: "-rf tuning",
		State: "done", Command: []string{"python", "train.py"}})
	var buf bytes.Buffer
	if err := s.ExportJobsCSV(&buf); err != nil {
		t.Fatal(err)
	}
	row := parseCSV(t, buf.Bytes())[1]
	if row[1] != `'=HYPERLINK("http://evil.example","x")` || row[2] != "'-rf tuning" || row[len(row)-1] != "python train.py" {
		t.Errorf("client %q, description %q, command %q", row[1], row[2], row[len(row)-1])
	}
}

// A client's token on the job's command line is masked in the export, as
// in the job's log: the jobs CSV goes to an accountant or a spreadsheet,
// and the token would open the client's account to whoever reads it.
func TestExportJobsCSVMasksSecretsInTheCommand(t *testing.T) {
	s := openTest(t, Options{})
	s.PutJob(JobRecord{ID: "J-0001", Client: "Acme", State: "succeeded", Command: []string{"python", "train.py",
		"--hub_token", "hf_abcdefghijklmnopqrstuvwxyz0123456789", "--api-key=s3cretKeyValue", "--epochs", "3"}})
	var buf bytes.Buffer
	if err := s.ExportJobsCSV(&buf); err != nil {
		t.Fatal(err)
	}
	row := parseCSV(t, buf.Bytes())[1]
	got := row[len(row)-1]
	if strings.Contains(got, "hf_abc") || strings.Contains(got, "s3cretKeyValue") ||
		!strings.HasPrefix(got, "python train.py --hub_token ") || !strings.HasSuffix(got, " --epochs 3") {
		t.Errorf("command %q", got)
	}
}
