package ui

import (
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

// jobColumns are the table's columns and their widths.
var jobColumns = []struct {
	title string
	width float32
}{
	{"Job", 80}, {"Client", 150}, {"State", 100}, {"GPUs", 56}, {"Started", 110},
	{"Duration", 100}, {"Progress", 150}, {"Earned", 90},
}

const (
	stateColumn    = 2
	progressColumn = 6
)

// newJobTable is the queue and history table over rows(), which the jobs
// screen keeps sorted; each cell is a label, or a bar in the Progress column.
func newJobTable(rows func() []control.Job) *widget.Table {
	meters := map[fyne.CanvasObject]*meter{} // each cell's bar, by cell
	t := widget.NewTable(
		func() (int, int) { return len(rows()), len(jobColumns) },
		func() fyne.CanvasObject {
			m := newMeter(60)
			cell := container.NewStack(widget.NewLabel("J-0000"), m.obj)
			meters[cell] = m
			return cell
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			fillJobCell(rows()[id.Row], id.Col, o.(*fyne.Container), meters[o])
		},
	)
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return heading("Header") }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(jobColumns[id.Col].title)
		}
	}
	for i, c := range jobColumns {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

func fillJobCell(j control.Job, col int, cell *fyne.Container, m *meter) {
	label := cell.Objects[0].(*widget.Label)
	showBar := col == progressColumn && j.Progress.Percent >= 0 && j.State != control.JobQueued
	setVisible(m.obj, showBar)
	setVisible(label, !showBar)
	if showBar {
		m.set(j.Progress.Percent/100, fmt.Sprintf("%.0f %%", j.Progress.Percent), true)
		return
	}
	label.Truncation = fyne.TextTruncateEllipsis
	imp := widget.MediumImportance
	if col == stateColumn {
		imp = stateImportance(j.State)
	}
	if label.Importance != imp {
		label.Importance = imp
		label.Refresh()
	}
	setText(label, jobCell(j, col))
}

// stateImportance colours a job's state so that the table reads at a
// glance: green done, red failed, amber paused, blue running.
func stateImportance(s control.JobState) widget.Importance {
	switch s {
	case control.JobSucceeded:
		return widget.SuccessImportance
	case control.JobFailed, control.JobTimedOut, control.JobInterrupted:
		return widget.DangerImportance
	case control.JobPaused:
		return widget.WarningImportance
	case control.JobStarting, control.JobRunning:
		return widget.HighImportance
	}
	return widget.MediumImportance
}

// jobCell is the text of one cell.
func jobCell(j control.Job, col int) string {
	switch col {
	case 0:
		return j.ID
	case 1:
		return j.Spec.Client
	case 2:
		return string(j.State)
	case 3:
		return fmt.Sprint(gpuCount(j))
	case 4:
		return when(j.Started)
	case 5:
		return jobDuration(j)
	case 6:
		return "–"
	}
	return money(j.Earned, j.Currency)
}

func gpuCount(j control.Job) int {
	if len(j.GPUs) > 0 {
		return len(j.GPUs)
	}
	if len(j.Spec.GPUs) > 0 {
		return len(j.Spec.GPUs)
	}
	return j.Spec.GPUCount
}

func jobDuration(j control.Job) string {
	if j.Started.IsZero() {
		return "–"
	}
	return span(j.Running)
}

// when writes a time of today as "14:02", and older ones with the date.
func when(t time.Time) string {
	switch {
	case t.IsZero():
		return "–"
	case time.Since(t) < 20*time.Hour:
		return t.Local().Format("15:04")
	}
	return t.Local().Format("Jan 2 15:04")
}

// sortJobs orders the table: running jobs first, then the queue in its
// order, then finished jobs newest first.
func sortJobs(jobs []control.Job) []control.Job {
	rank := func(j control.Job) int {
		switch {
		case j.State.Active():
			return 0
		case j.State == control.JobQueued:
			return 1
		}
		return 2
	}
	out := slices.Clone(jobs)
	slices.SortStableFunc(out, func(a, b control.Job) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		switch rank(a) {
		case 1:
			return a.Position - b.Position
		case 2:
			return b.Ended.Compare(a.Ended)
		}
		return 0
	})
	return out
}
