package ui

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/rigshift/rigshift/store"
)

// The export buttons: each asks where to save, then writes the store's CSV.

func (t *historyTab) onExportJobs() {
	t.export("rigshift-jobs-"+day(t.now())+".csv", func(w io.Writer) error { return t.h.ExportJobsCSV(w) })
}

// onExportEarnings writes the days the earnings chart shows for the
// range picked (a week at least), and names them in the file's name: the
// whole ledger, whatever the range, was not what an owner who picked 7 d
// expected.
func (t *historyTab) onExportEarnings() {
	to := t.now()
	from := earningsFrom(to.Add(-t.span), to)
	t.export("rigshift-earnings-"+day(from)+"-to-"+day(to)+".csv", func(w io.Writer) error {
		return t.h.ExportEarningsCSV(w, from, to)
	})
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// minute names a time to the minute in a file's name: two telemetry
// exports of one day, an hour apart, would otherwise share a name.
func minute(t time.Time) string { return t.Format("2006-01-02-1504") }

// onExportTelemetry writes the chosen GPUs over the shown span into one
// file; the rows name their GPU, so only the first header is kept. The
// file's name says the span and, when one GPU is chosen, which.
func (t *historyTab) onExportTelemetry() {
	gpus, to := t.selectedGPUs(), t.now()
	from := to.Add(-t.span)
	name := "rigshift-telemetry-"
	if len(gpus) == 1 && len(t.gpus) > 1 {
		name += fmt.Sprintf("gpu%d-", gpus[0].Index)
	}
	name += minute(from) + "-to-" + minute(to) + ".csv"
	t.export(name, func(w io.Writer) error {
		for i, g := range gpus {
			dst := w
			if i > 0 {
				dst = store.WithoutHeader(w)
			}
			if err := t.h.ExportTelemetryCSV(dst, g.UUID, from, to); err != nil {
				return err
			}
		}
		return nil
	})
}

func (t *historyTab) export(name string, write func(io.Writer) error) {
	if t.h == nil {
		t.say("No history to export yet.")
		return
	}
	var lines lineCount
	counted := func(w io.Writer) error { return write(io.MultiWriter(w, &lines)) }
	saveAs(t.win, name, counted, func(path string, err error) {
		text := savedText(path, err)
		if err == nil && lines <= 1 { // the column names at most: the owner would open it for nothing
			text += " It has no rows: there was nothing recorded to export."
		}
		t.say(text)
	})
}

// lineCount counts the lines written through it.
type lineCount int

func (n *lineCount) Write(p []byte) (int, error) {
	*n += lineCount(bytes.Count(p, []byte{'\n'}))
	return len(p), nil
}
