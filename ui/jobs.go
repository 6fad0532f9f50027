package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

// jobsTab is the rental queue and history: a table, the selected job's
// details with its live log, and the buttons to add, cancel, move and run
// a job again.
type jobsTab struct {
	q       jobQueue
	win     fyne.Window
	rigGPUs []string
	jobs    []control.Job // sorted as shown
	queue   []string      // queued job IDs, front first
	sel     string
	mark    widget.TableCellID // the cell picked last: Fyne's focus mark sits there
	table   *widget.Table
	fitted  *fyne.Container  // the table, its Client column as wide as the window allows
	split   *container.Split // the table over the details
	detail  *jobDetail
	empty   fyne.CanvasObject // shown instead of split until there is a job
	form    *addJobForm       // the open add-job dialog, for tests
	asking  *modal            // the open "cancel?" question
	note    *widget.Label
	buttons map[string]*keyButton
}

func newJobsTab(q jobQueue, win fyne.Window, rigGPUs []string) *jobsTab {
	t := &jobsTab{q: q, win: win, rigGPUs: rigGPUs, detail: newJobDetail(q), note: widget.NewLabel("")}
	t.note.Importance = widget.DangerImportance
	t.note.Wrapping = fyne.TextWrapWord
	t.note.Hide()
	return t
}

func (t *jobsTab) build() fyne.CanvasObject {
	t.table = newJobTable(func() []control.Job { return t.jobs }, func(j control.Job) bool { return j.ID == t.sel },
		func() control.Mode { return t.detail.mode })
	t.table.OnSelected = func(id widget.TableCellID) {
		t.mark = id
		t.onSelect(id.Row)
		t.table.UnselectAll() // the band marks the job's row instead of Fyne's mark on one cell
	}
	t.empty = emptyState("No rental jobs yet",
		"Add a client's training job: its command (for example python train.py --epochs 3), "+
			"how many GPUs it needs and what it pays per GPU-hour. RigShift runs it in Rent or Auto mode, "+
			"bills it by the second and tells you when it is done.",
		widget.NewButtonWithIcon("Add a job", theme.ContentAddIcon(), t.onAdd))
	t.fitted = container.New(&widerClients{t: t.table, width: jobColumns[clientColumn].width}, t.table)
	t.split = container.NewVSplit(t.fitted, t.detail.build())
	t.split.Offset = 0.45
	// Until the first job, the help takes the whole screen: an empty table
	// and empty details under it would read as something broken.
	t.split.Hide()
	// The buttons come first in the tree, as on screen, so that Tab walks
	// them before the table (NewBorder puts the middle first).
	top := container.NewVBox(t.toolbar(), t.note)
	return container.New(layout.NewBorderLayout(top, nil, nil, nil), top, container.NewStack(t.split, t.empty))
}

func (t *jobsTab) toolbar() fyne.CanvasObject {
	add := newKeyButton("Add job", theme.ContentAddIcon(), t.onAdd)
	add.Importance = widget.HighImportance
	t.buttons = map[string]*keyButton{
		"cancel": newKeyButton("Cancel job", theme.CancelIcon(), t.onCancel),
		"up":     newKeyButton("Move up", theme.MoveUpIcon(), func() { t.onMove(-1) }),
		"down":   newKeyButton("Move down", theme.MoveDownIcon(), func() { t.onMove(1) }),
		"again":  newKeyButton("Run again", theme.ViewRefreshIcon(), t.onAgain),
	}
	t.enableButtons()
	b := t.buttons
	// The queue's order and a second run beside the rest where they fit,
	// else under them: in one row the five buttons and the list of screens
	// needed about 656 px, past the smallest window (640 px).
	return container.New(&sideBySide{}, container.NewHBox(add, widget.NewSeparator(), b["cancel"]),
		container.NewHBox(b["up"], b["down"], b["again"]))
}

// showJobs follows the controller: its jobs, and its mode, which says why
// a queued job waits. It runs on the UI goroutine.
func (t *jobsTab) showJobs(jobs []control.Job, mode control.Mode) {
	t.detail.mode = mode
	t.jobs = sortJobs(jobs)
	t.queue = t.queue[:0]
	for _, j := range t.jobs {
		if j.State == control.JobQueued {
			t.queue = append(t.queue, j.ID)
		}
	}
	if t.sel == "" && len(t.jobs) > 0 && t.jobs[0].State.Active() {
		t.sel = t.jobs[0].ID // a running job is what the owner looks for first
	}
	setVisible(t.empty, len(t.jobs) == 0)
	setVisible(t.split, len(t.jobs) > 0)
	t.table.Refresh()
	t.moveMark()
	t.detail.show(t.selected())
	t.enableButtons()
}

func (t *jobsTab) onSelect(row int) {
	if row >= 0 && row < len(t.jobs) {
		if t.jobs[row].ID != t.sel {
			t.note.Hide() // what an action on the last job met is not about this one
		}
		t.sel = t.jobs[row].ID
		t.table.Refresh()
		t.detail.show(t.selected())
		t.enableButtons()
	}
}

// moveMark keeps Fyne's focus mark on the picked job's row when the job
// moved in the table (see focusmark.go).
func (t *jobsTab) moveMark() {
	for row, j := range t.jobs {
		if j.ID == t.sel && row != t.mark.Row && hasFocus(t.table) {
			t.mark.Row = row
			t.table.Highlight(t.mark)
		}
	}
}

func (t *jobsTab) selected() *control.Job {
	for i := range t.jobs {
		if t.jobs[i].ID == t.sel {
			return &t.jobs[i]
		}
	}
	return nil
}

// enableButtons offers only what makes sense for the selected job.
func (t *jobsTab) enableButtons() {
	j := t.selected()
	pos := t.queuePos()
	want := [...]struct {
		key string
		on  bool
	}{{"cancel", j != nil && !j.State.Final()}, {"up", pos > 0},
		{"down", pos >= 0 && pos < len(t.queue)-1}, {"again", j != nil && j.State.Final()}}
	// Those enabled first: a button disabled with the focus hands it on to
	// the next one enabled (Move up at the front, to Move down).
	for _, on := range []bool{true, false} {
		for _, w := range want {
			if w.on == on {
				enable(t.buttons[w.key], on)
			}
		}
	}
}

// queuePos is the selected job's place in the queue, -1 when not queued.
func (t *jobsTab) queuePos() int {
	for i, id := range t.queue {
		if id == t.sel {
			return i
		}
	}
	return -1
}

// enable enables or disables b. A button that the keyboard pressed and
// that is disabled by what it did (Move up, the job at the front) hands
// the focus on to the next control: Fyne keeps it on the disabled button,
// unseen, and the next Tab starts at the top of the window.
func enable(b *keyButton, on bool) {
	if on && b.Disabled() {
		b.Enable()
	} else if !on && !b.Disabled() {
		if hasFocus(b) {
			fyne.CurrentApp().Driver().CanvasForObject(b).FocusNext()
		}
		b.Disable()
	}
}

// act runs a controller call off the UI goroutine and says in words when
// it failed.
func (t *jobsTab) act(what string, call func() error) {
	go func() {
		err := call()
		runOnUI(func() {
			if err != nil {
				t.note.SetText(fmt.Sprintf("Could not %s: %v", what, err))
			} else {
				t.note.SetText("")
			}
			setVisible(t.note, t.note.Text != "")
		})
	}()
}
