package store

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/logs"
)

// CSV exports follow RFC 4180 (encoding/csv), start with a header row and
// write times as ISO-8601 in UTC. Energy is in kWh, money in the record's
// currency.

// farFuture is later than anything RigShift records (the year 2262, the
// last instant a time key can hold).
var farFuture = time.Unix(0, math.MaxInt64)

// csvTime formats t for CSV; the zero time is an empty field.
func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.999Z07:00")
}

// csvText is free text typed by the owner or a client (a client's name, a
// job's description): one that begins like a formula (=, +, -, @) is
// written after an apostrophe, so that a spreadsheet opening the export
// shows it instead of running it.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// csvFloat formats a number without exponent or trailing zeros.
func csvFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// kWh converts joules.
func kWh(j float64) string { return csvFloat(j / 3.6e6) }

// ExportJobsCSV writes every rental job as CSV, oldest first, with what its
// electricity cost and what it netted, from the earnings it booked (a
// running job's run so far is booked as it ends).
func (s *Store) ExportJobsCSV(w io.Writer) error {
	jobs, err := s.ListJobs()
	if err != nil {
		return fmt.Errorf("exporting jobs: %w", err)
	}
	electricity, err := s.electricityByJob()
	if err != nil {
		return fmt.Errorf("exporting jobs: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "client", "description", "state", "created_at", "started_at", "ended_at",
		"gpu_count", "gpu_uuids", "ran_on", "price_per_gpu_hour", "currency", "running_seconds", "paused_seconds",
		"gpu_hours", "energy_kwh", "earned", "electricity_cost", "net", "exit_code", "reason", "command"})
	for _, j := range jobs {
		cw.Write([]string{j.ID, csvText(j.Client), csvText(j.Description), j.State, csvTime(j.CreatedAt),
			csvTime(j.StartedAt), csvTime(j.EndedAt), strconv.Itoa(j.GPUCount),
			strings.Join(j.GPUUUIDs, ";"), strings.Join(j.RanOn, ";"), csvFloat(j.PricePerGPUHour), j.Currency,
			csvFloat(j.RunningSeconds), csvFloat(j.PausedSeconds), csvFloat(j.GPUHours),
			kWh(j.EnergyJ), csvFloat(j.Earned), csvFloat(electricity[j.ID]), csvFloat(j.Earned - electricity[j.ID]),
			strconv.Itoa(j.ExitCode), csvText(j.Reason),
			csvText(commandText(j.Command))})
	}
	return flushCSV(cw, "jobs")
}

// electricityByJob is what each rental job's booked runs cost in
// electricity, by job ID.
func (s *Store) electricityByJob() (map[string]float64, error) {
	recs, err := s.Earnings(time.Unix(0, 0), farFuture)
	if err != nil {
		return nil, err
	}
	cost := map[string]float64{}
	for _, r := range recs {
		if r.Kind == KindRental {
			cost[r.JobID] += r.ElectricityCost
		}
	}
	return cost, nil
}

// commandText is a job's command as its log shows it: a client's token
// after --hub_token, --api-key=… or in a known shape (hf_…) masked.
func commandText(argv []string) string {
	red := logs.NewRedactor()
	return red.Line(cmdline.Quote(red.Args(argv)))
}

// ExportEarningsCSV writes every earnings record as CSV, by start time.
func (s *Store) ExportEarningsCSV(w io.Writer) error {
	return s.ExportEarningsBetweenCSV(w, time.Unix(0, 0), farFuture)
}

// ExportEarningsBetweenCSV writes the earnings records of [from, to) as
// CSV, by start time: those that began in it, and whole the one that
// began before from and ran into it (its start says so).
func (s *Store) ExportEarningsBetweenCSV(w io.Writer, from, to time.Time) error {
	recs, err := s.Earnings(from, to)
	if err != nil {
		return fmt.Errorf("exporting earnings: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "kind", "job_id", "gpu", "start", "end", "seconds", "energy_kwh",
		"revenue", "electricity_cost", "net", "currency", "detail"})
	for _, r := range recs {
		cw.Write([]string{strconv.FormatUint(r.ID, 10), r.Kind, r.JobID, r.GPU, csvTime(r.Start),
			csvTime(r.End), csvFloat(r.End.Sub(r.Start).Seconds()), kWh(r.EnergyJ),
			csvFloat(r.Revenue), csvFloat(r.ElectricityCost), csvFloat(r.Net()), r.Currency, csvText(r.Detail)})
	}
	return flushCSV(cw, "earnings")
}

// flushCSV ends a CSV export, reporting write errors (a closed pipe, a
// full disk).
func flushCSV(cw *csv.Writer, what string) error {
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing the %s export: %w", what, err)
	}
	return nil
}
