package cli

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/store"
)

// runExport is `rigshift export <jobs|earnings|telemetry> --csv`.
//
// While RigShift runs it holds the database's lock, so the export is
// streamed from it over the control socket; when it does not run, the
// database is opened directly. Either way the export is the same.
func runExport(args []string, stdout, stderr io.Writer) error {
	return runGroup("export", exportCommands(), args, stdout, stderr)
}

func exportCommands() []subcommand {
	return []subcommand{
		{"jobs", "every rental job as CSV", exportCommand(socket.ExportJobs)},
		{"earnings", "every earnings record as CSV", exportCommand(socket.ExportEarnings)},
		{"telemetry", "the GPUs' telemetry over a time range as CSV (one GPU with --gpu)", runExportTelemetry},
	}
}

// exportCommand is the command of an export without arguments.
func exportCommand(what string) func(args []string, stdout, stderr io.Writer) error {
	return func(args []string, stdout, stderr io.Writer) error {
		var df dataFlags
		fs := newFlagSet("export "+what, stderr, "rigshift export "+what+" --csv > "+what+".csv")
		df.register(fs)
		csvFlag(fs)
		if err := parse(fs, args); err != nil {
			return err
		}
		src, err := openExportSource(df)
		if err != nil {
			return err
		}
		defer src.Close()
		return src.Export(stdout, socket.ExportRequest{What: what})
	}
}

// telemetryFlags are `rigshift export telemetry`'s flags.
type telemetryFlags struct {
	dataFlags
	gpu, from, to string
}

func runExportTelemetry(args []string, stdout, stderr io.Writer) error {
	var f telemetryFlags
	fs := newFlagSet("export telemetry", stderr, "rigshift export telemetry --gpu 0 --from 2025-03-01 --to 2025-03-31 --csv > gpu0.csv")
	f.dataFlags.register(fs)
	fs.StringVar(&f.gpu, "gpu", "", "the `GPU`: its UUID (or a unique start of it), or its index as in 'rigshift status' while RigShift runs; every GPU when left out")
	fs.StringVar(&f.from, "from", "", "start: YYYY-MM-DD (local midnight), YYYY-MM-DD HH:MM (local) or an RFC 3339 time; default 24 hours before --to")
	fs.StringVar(&f.to, "to", "now", "end: YYYY-MM-DD (the whole day), YYYY-MM-DD HH:MM (local), an RFC 3339 time or now")
	csvFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	req, err := f.request(time.Now())
	if err != nil {
		return err
	}
	src, err := openExportSource(f.dataFlags)
	if err != nil {
		return err
	}
	defer src.Close()
	if f.gpu == "" || f.gpu == "all" {
		return exportEveryGPU(src, stdout, req)
	}
	if req.GPU, err = resolveGPU(src, f.gpu); err != nil {
		return err
	}
	return src.Export(stdout, req)
}

// exportEveryGPU writes each GPU with telemetry history in one CSV, by
// index, under one header (each row names its GPU), as the window's
// "All GPUs" does: a script had to loop over the UUIDs itself.
func exportEveryGPU(src exportSource, w io.Writer, req socket.ExportRequest) error {
	known, err := src.TelemetryGPUs()
	if err != nil {
		return err
	}
	if len(known) == 0 {
		return errors.New("there is no telemetry history yet: RigShift records every GPU each second while it runs")
	}
	index, err := src.GPUIndex()
	if err != nil {
		return err
	}
	slices.SortStableFunc(known, func(a, b string) int { return cmp.Compare(indexOr(index, a), indexOr(index, b)) })
	for i, uuid := range known {
		dst := w
		if i > 0 {
			dst = store.WithoutHeader(w)
		}
		req.GPU = uuid
		if err := src.Export(dst, req); err != nil {
			return err
		}
	}
	return nil
}

// indexOr is a GPU's index, or a large number for one whose index is not
// known (it goes last).
func indexOr(index map[string]int, uuid string) int {
	if i, ok := index[uuid]; ok {
		return i
	}
	return math.MaxInt
}

// request checks the flags and reads the time range.
func (f telemetryFlags) request(now time.Time) (socket.ExportRequest, error) {
	req := socket.ExportRequest{What: socket.ExportTelemetry}
	var err error
	if req.To, err = parseTime("--to", f.to, true, now); err != nil {
		return req, err
	}
	req.From = req.To.Add(-24 * time.Hour)
	if f.from != "" {
		if req.From, err = parseTime("--from", f.from, false, now); err != nil {
			return req, err
		}
	}
	if !req.From.Before(req.To) {
		return req, usageError{msg: fmt.Sprintf("--from (%s) must be before --to (%s)", req.From.Format(time.RFC3339), req.To.Format(time.RFC3339))}
	}
	// Telemetry is recorded from 1970 up to now: a range beyond ("all of
	// it", 0001-01-01 to 9999-12-31) is held to that, rather than sent as
	// the zero time JSON leaves out, or walked year by empty year.
	req.From, req.To = maxTime(req.From, time.Unix(0, 0)), minTime(req.To, now)
	if !req.From.Before(req.To) {
		return req, usageError{msg: fmt.Sprintf("--from (%s) is in the future: there is no telemetry yet", req.From.Format(time.RFC3339))}
	}
	return req, nil
}

// parseTime reads an RFC 3339 time, a local time to the minute as
// 'rigshift status' writes one (2025-03-31 18:00), a date (local time; as
// an end, the date's last instant, so that --to 2025-03-31 takes in all
// of that day) or "now".
func parseTime(flagName, s string, end bool, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "now") {
		return now, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02 15:04", s, time.Local); err == nil {
		return t, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usageError{msg: fmt.Sprintf("%s %q: write a date as 2025-03-31, a time as 2025-03-31 18:00 (local) or in RFC 3339", flagName, s)}
	}
	return dayBound(d, time.Local, end), nil
}

// dayBound is the first instant in loc of date d (its year, month and
// day) or, as an end, its last: the days earnings are totalled by, so a
// day whose clocks jump from 00:00 to 01:00 starts at the jump, not an
// hour before it in the day before.
func dayBound(d time.Time, loc *time.Location, end bool) time.Time {
	noon := time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, loc)
	if end {
		return store.DayStart(noon.AddDate(0, 0, 1)).Add(-time.Nanosecond)
	}
	return store.DayStart(noon)
}

// csvFlag registers --csv. CSV is the only format for now; the flag lets
// scripts say what they expect, and leaves room for others.
func csvFlag(fs *flag.FlagSet) {
	fs.Var(csvSwitch{}, "csv", "write CSV (the only format so far)")
}

// csvSwitch is --csv, which can only be on: as a plain switch, a wrong
// value ("--csv=maybe") was told to write --csv=false, which is refused.
type csvSwitch struct{}

func (csvSwitch) String() string   { return "true" }
func (csvSwitch) IsBoolFlag() bool { return true }

func (csvSwitch) Set(v string) error {
	if on, err := strconv.ParseBool(v); err != nil || !on {
		return errors.New("CSV is the only export format so far: write --csv, or leave it out")
	}
	return nil
}
