package cli

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zone of TestDayBoundOnADayWithoutMidnight, where the machine has no zoneinfo

	"github.com/rigshift/rigshift/jobs/socket/sockettest"
	"github.com/rigshift/rigshift/store"
)

func TestExportThroughRunningRigShift(t *testing.T) {
	ex := &sockettest.Exporter{Jobs: "id,client\nJ-0001,acme\n", Earnings: "id,kind\n", GPUs: []string{gpu0}}
	dir, _ := serveFake(t, ex)
	if code, out, _ := runCLI(t, "export", "jobs", "--csv", "--data-dir", dir); code != exitOK || out != ex.Jobs {
		t.Errorf("jobs: exit %d, %q", code, out)
	}
	code, _, stderr := runCLI(t, "export", "telemetry", "--gpu", "1", "--from", "2025-03-01T10:00:00Z", "--to", "2025-03-01T10:02:00Z", "--data-dir", dir)
	if code != exitError || !strings.Contains(stderr, "no telemetry for GPU "+gpu1) {
		t.Errorf("index 1 is resolved to %s: exit %d, %q", gpu1, code, stderr)
	}
	code, out, _ := runCLI(t, "export", "telemetry", "--gpu", "0", "--from", "2025-03-01T10:00:00Z", "--to", "2025-03-01T10:02:00Z", "--data-dir", dir)
	want := "time,gpu,temp_c\n2025-03-01T10:00:00Z," + gpu0 + ",40\n2025-03-01T10:01:00Z," + gpu0 + ",41\n2025-03-01T10:02:00Z," + gpu0 + ",42\n"
	if code != exitOK || out != want {
		t.Errorf("telemetry: exit %d\n%s", code, out)
	}
}

func TestExportFromTheDatabase(t *testing.T) {
	dir := privateRuntime(t)
	from := time.Now().Add(-2 * time.Hour).Truncate(time.Hour)
	makeStore(t, dir, from)
	code, out, stderr := runCLI(t, "export", "jobs", "--data-dir", dir)
	if code != exitOK || !strings.HasPrefix(out, "id,client,description,state") {
		t.Errorf("jobs: exit %d, %q %s", code, out, stderr)
	}
	code, out, stderr = runCLI(t, "export", "telemetry", "--data-dir", dir, "--gpu", "gpu-00000000", "--from", from.Format(time.RFC3339))
	if rows := strings.Count(out, "\n"); code != exitOK || rows != 61 || !strings.Contains(out, ","+gpu0+",raw,1,60,60,60,200,") {
		t.Errorf("telemetry: exit %d, %d rows, %s\n%s", code, rows, stderr, out[:min(len(out), 400)])
	}
	code, _, stderr = runCLI(t, "export", "telemetry", "--data-dir", dir, "--gpu", "0")
	if code != exitUsage || !strings.Contains(stderr, "--gpu 0: GPU indices are known only while RigShift runs; give the GPU's UUID (GPUs with history: "+gpu0+")") {
		t.Errorf("index without RigShift: exit %d, %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "export", "telemetry", "--data-dir", dir, "--gpu", "GPU-ff")
	if code != exitError || !strings.Contains(stderr, `no telemetry history for GPU "GPU-ff"; GPUs with history: `+gpu0) {
		t.Errorf("unknown GPU: exit %d, %q", code, stderr)
	}
}

func TestExportWhileTheDatabaseIsLocked(t *testing.T) {
	dir := privateRuntime(t)
	holdStore(t, dir)
	defer func(d time.Duration) { exportLockTimeout = d }(exportLockTimeout)
	exportLockTimeout = 50 * time.Millisecond
	code, _, stderr := runCLI(t, "export", "earnings", "--data-dir", dir)
	if code != exitError || !strings.Contains(stderr, "RigShift is already running (database "+dir) {
		t.Errorf("exit %d, %q", code, stderr)
	}
}

func TestExportFlags(t *testing.T) {
	dir := privateRuntime(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"jobs", "--csv=false"}, "CSV is the only export format"},
		{[]string{"telemetry", "--gpu", "0", "--from", "yesterday"}, `--from "yesterday": write a date as 2025-03-31, a time as 2025-03-31 18:00 (local)`},
		{[]string{"telemetry", "--gpu", "0", "--from", "2025-03-02", "--to", "2025-03-01"}, "must be before --to"},
		{[]string{"earnings", "extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(t, append(append([]string{"export"}, tt.args...), "--data-dir", dir)...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: exit %d, %q", tt.args, code, stderr)
		}
	}
}

func TestParseTime(t *testing.T) {
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)
	local := func(y, mo, d, h, mi, s, ns int) time.Time {
		return time.Date(y, time.Month(mo), d, h, mi, s, ns, time.Local)
	}
	tests := []struct {
		in   string
		end  bool
		want time.Time
	}{
		{"now", true, now},
		{"2025-03-01T10:00:00Z", false, time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)},
		{"2025-03-01T10:00:00+02:00", true, time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)},
		{"2025-03-01", false, local(2025, 3, 1, 0, 0, 0, 0)},
		{"2025-03-01", true, local(2025, 3, 1, 23, 59, 59, 999999999)},
		// As 'rigshift status' writes a time: local, to the minute.
		{"2025-03-01 10:00", false, local(2025, 3, 1, 10, 0, 0, 0)},
		{"2025-03-01 10:00", true, local(2025, 3, 1, 10, 0, 0, 0)},
		{" 2025-03-01 22:52 ", false, local(2025, 3, 1, 22, 52, 0, 0)},
	}
	for _, tt := range tests {
		got, err := parseTime("--x", tt.in, tt.end, now)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("parseTime(%q, %v) = %v, %v; want %v", tt.in, tt.end, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "01/03/2025", "2025-13-01", "2025-03-01 25:00", "2025-03-01 10"} {
		if _, err := parseTime("--x", bad, false, now); err == nil {
			t.Errorf("parseTime(%q) succeeded", bad)
		}
	}
}

// A date names the day earnings are totalled by. Where the clocks jump
// from 00:00 to 01:00, the day before ends at the jump and the day after
// starts there: --to used to end an hour early, and --from to start an
// hour before the day.
func TestDayBoundOnADayWithoutMidnight(t *testing.T) {
	loc, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	jump := time.Date(2025, 9, 7, 4, 0, 0, 0, time.UTC) // Sep 7, 00:00 -04 became 01:00 -03
	for _, tt := range []struct {
		date string
		end  bool
		want time.Time
	}{
		{"2025-09-06", false, time.Date(2025, 9, 6, 4, 0, 0, 0, time.UTC)},
		{"2025-09-06", true, jump.Add(-time.Nanosecond)},
		{"2025-09-07", false, jump},
		{"2025-09-07", true, time.Date(2025, 9, 8, 2, 59, 59, 999999999, time.UTC)},
	} {
		d, err := time.Parse(time.DateOnly, tt.date)
		if err != nil {
			t.Fatal(err)
		}
		if got := dayBound(d, loc, tt.end); !got.Equal(tt.want) {
			t.Errorf("dayBound(%s, end %v) = %v, want %v", tt.date, tt.end, got, tt.want.In(loc))
		}
	}
}

// "All of it": --from 0001-01-01 came back from RigShift as `bad request:
// a telemetry export needs "gpu", "from" and "to"` (the zero time is no
// time in JSON), and --to 9999-12-31 kept the store walking empty years
// for a minute. Telemetry is recorded from 1970 up to now: the range is
// held to that.
func TestTelemetryRangeHeldToWhatCanBeRecorded(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	req, err := telemetryFlags{gpu: "0", from: "0001-01-01", to: "9999-12-31"}.request(now)
	if err != nil || !req.From.Equal(time.Unix(0, 0)) || !req.To.Equal(now) {
		t.Errorf("from %v to %v, %v", req.From, req.To, err)
	}
	if _, err := (telemetryFlags{gpu: "0", from: "2030-01-01", to: "2031-01-01"}).request(now); err == nil {
		t.Error("a range all in the future is taken")
	}
}

// Without --gpu, every GPU with history is exported in one file under one
// header, by index, as the window's "All GPUs" does: the command asked
// for one GPU, and a script had to loop over the UUIDs.
func TestExportTelemetryOfEveryGPU(t *testing.T) {
	dir := privateRuntime(t)
	from := time.Now().Add(-2 * time.Hour).Truncate(time.Hour)
	makeStore(t, dir, from)
	inStore(t, dir, func(s *store.Store) {
		w := s.Telemetry()
		for i := range 30 {
			p := store.NewTelemetryPoint(from.Add(time.Duration(i)*time.Minute), gpu1)
			p.Temp, p.Power = 70, 300
			w.Add(p)
		}
	})
	for _, args := range [][]string{{}, {"--gpu", "all"}} {
		code, out, stderr := runCLI(t, append([]string{"export", "telemetry", "--data-dir", dir, "--from", from.Format(time.RFC3339)}, args...)...)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != exitOK || len(lines) != 1+60+30 || !strings.HasPrefix(lines[0], "time,") ||
			strings.Count(out, ","+gpu0+",") != 60 || strings.Count(out, ","+gpu1+",") != 30 {
			t.Errorf("%q: exit %d, %d lines, %s\n%s", args, code, len(lines), stderr, out[:min(len(out), 300)])
		}
	}
	empty := privateRuntime(t)
	inStore(t, empty, func(*store.Store) {})
	if code, _, stderr := runCLI(t, "export", "telemetry", "--data-dir", empty); code != exitError || !strings.Contains(stderr, "there is no telemetry history yet") {
		t.Errorf("no history: exit %d, %q", code, stderr)
	}
}
