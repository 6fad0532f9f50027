package ui

import (
	"fmt"
	"image/color"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
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
	clientColumn   = 1
	stateColumn    = 2
	progressColumn = 6
)

// jobTableWidth is what the columns take at their own widths, each with
// the padding the table puts after it.
func jobTableWidth() float32 {
	var w float32
	for _, c := range jobColumns {
		w += c.width + theme.Padding()
	}
	return w
}

// widerClients lays the table out over its whole space and gives the
// Client column what the other columns leave: at fixed widths a wide
// window showed an empty band at the table's right while a long client's
// name was cut short.
type widerClients struct {
	t     *widget.Table
	width float32 // the Client column's width now
}

func (l *widerClients) MinSize([]fyne.CanvasObject) fyne.Size { return l.t.MinSize() }

func (l *widerClients) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	l.t.Move(fyne.NewPos(0, 0))
	l.t.Resize(size)
	w := jobColumns[clientColumn].width + max(0, size.Width-jobTableWidth())
	if w != l.width {
		l.width = w
		l.t.SetColumnWidth(clientColumn, w)
	}
}

// jobCell is one cell of the table: a label, or a bar in the Progress
// column, over a band that marks the selected job's whole row.
type jobCell struct {
	band  *canvas.Rectangle
	label *widget.Label
	meter *meter
	mode  func() control.Mode // the rig's, for why a queued job waits
}

// newJobTable is the queue and history table over rows(), which the jobs
// screen keeps sorted. isSelected says which job's row is marked: the
// screen follows a job, not a row, so the mark moves with the job when
// the table re-sorts (Fyne's own mark stays on the cell that was tapped).
func newJobTable(rows func() []control.Job, isSelected func(control.Job) bool, mode func() control.Mode) *widget.Table {
	cells := map[fyne.CanvasObject]*jobCell{}
	t := widget.NewTable(
		func() (int, int) { return len(rows()), len(jobColumns) },
		func() fyne.CanvasObject {
			c := &jobCell{band: canvas.NewRectangle(color.Transparent), label: widget.NewLabel("J-0000"), meter: newMeter(60), mode: mode}
			obj := container.NewStack(newThemed(c.band, func() { c.band.FillColor = theme.Color(theme.ColorNameSelection) }),
				c.label, c.meter.obj)
			cells[obj] = c
			return obj
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			j := rows()[id.Row]
			c := cells[o]
			picked := isSelected(j)
			setVisible(c.band, picked)
			c.fill(j, id.Col, picked)
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

// fill shows column col of job j; picked says the row is the selected one.
func (c *jobCell) fill(j control.Job, col int, picked bool) {
	label, m := c.label, c.meter
	showBar := col == progressColumn && j.Progress.Percent >= 0 && j.State != control.JobQueued
	setVisible(m.obj, showBar)
	setVisible(label, !showBar)
	if showBar {
		m.set(j.Progress.Percent/100, percent(&j), true)
		return
	}
	label.Truncation = fyne.TextTruncateEllipsis
	imp := widget.MediumImportance
	// On the selected row's blue band the state's colours read at 3.0:1
	// to 3.9:1 (a blue "running" the faintest), under the
	// 4.5:1 text wants; the word says the state, in the text's colour.
	if col == stateColumn && !picked {
		imp = stateImportance(j.State)
	}
	if label.Importance != imp {
		label.Importance = imp
		label.Refresh()
	}
	text := jobCellText(j, col)
	if col == progressColumn && j.State == control.JobQueued {
		text = queueWord(&j, c.mode())
	}
	setText(label, text)
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

// jobCellText is the text of one cell.
func jobCellText(j control.Job, col int) string {
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
	if j.Started.IsZero() && j.Earned == 0 {
		return "–" // nothing earned yet, as nothing ran: no "$0.00" beside the queue's other dashes
	}
	return money(j.Earned, j.Currency)
}

// queueWord is a queued job's Progress cell: why it waits, or "next", in
// a word or two (the job's details say it whole). A dash there told
// nothing of a queue held back by a GPU set aside or by the mode.
func queueWord(j *control.Job, mode control.Mode) string {
	switch {
	case j.Blocked != "" && j.WaitsForAside:
		return "waits: GPU set aside"
	case j.Blocked != "":
		return "waits: GPU missing"
	case j.WaitsForStorage:
		return "waits: can't save"
	case !mode.RunsJobs():
		return "waits: " + mode.Title() + " mode"
	case j.Ahead > 0:
		return fmt.Sprintf("%d ahead", j.Ahead)
	}
	return "next"
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
func when(t time.Time) string { return whenAt(t, time.Now()) }

// whenAt is when, today being now's day: yesterday's 23:59 has its date,
// or it would read as a time still to come.
func whenAt(t, now time.Time) string {
	switch {
	case t.IsZero():
		return "–"
	case control.SameDay(t, now):
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
