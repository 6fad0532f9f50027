package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/font/sfnt"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/progress"
)

func newTestJobsTab(t *testing.T) (*jobsTab, *fakeController) {
	t.Helper()
	testApp(t)
	ctl := newFakeController()
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	tab := newJobsTab(ctl, w, []string{"GPU-a", "GPU-b"})
	w.SetContent(tab.build())
	w.Resize(defaultSize)
	t.Cleanup(func() { tab.detail.follow("", false) })
	now := time.Now()
	tab.showJobs([]control.Job{
		{ID: "J-0004", State: control.JobQueued, Position: 1, Created: now.Add(-time.Minute), Progress: progress.Progress{Percent: -1}},
		{ID: "J-0003", State: control.JobQueued, Position: 0, Created: now.Add(-2 * time.Minute), Progress: progress.Progress{Percent: -1}},
		{ID: "J-0002", State: control.JobRunning, Spec: control.JobSpec{Client: "acme", Command: []string{"python", "train.py", "--name", "big run"}},
			Started: now.Add(-time.Hour), Running: time.Hour, Progress: progress.Progress{Percent: 45, ETA: time.Hour}},
		{ID: "J-0001", State: control.JobSucceeded, Ended: now.Add(-3 * time.Hour), Earned: 4.5, Currency: "USD"},
	}, control.Auto)
	return tab, ctl
}

func TestJobsTableOrder(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	var ids []string
	for _, j := range tab.jobs {
		ids = append(ids, j.ID)
	}
	if want := []string{"J-0002", "J-0003", "J-0004", "J-0001"}; !slices.Equal(ids, want) {
		t.Errorf("table order %v, want %v (running, queue front first, finished)", ids, want)
	}
	if jobCellText(tab.jobs[3], 7) != "$4.50" || jobCellText(tab.jobs[0], 5) != "1 h 00 min" {
		t.Errorf("cells: earned %q, duration %q", jobCellText(tab.jobs[3], 7), jobCellText(tab.jobs[0], 5))
	}
	if got := jobCellText(tab.jobs[1], 7); got != "–" {
		t.Errorf("a queued job that never ran earned %q, want a dash", got)
	}
}

// The running job is selected at first, its details shown with the log.
func TestJobDetailsFollowTheRunningJob(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	d := tab.detail
	if !strings.Contains(d.title.Text, "J-0002 · acme") || d.command.Text != "$ python train.py --name 'big run'" {
		t.Errorf("details: %q / %q", d.title.Text, d.command.Text)
	}
	if d.bar.text != "45 % · ETA 1 h 00 min" {
		t.Errorf("progress bar %q", d.bar.text)
	}
	eventually(t, "the log tail", func() bool { return strings.Contains(d.log.Text(), "step 2 of J-0002") })
}

// A job that ends while shown loses its progress bar, and the lines under
// it move up into its place instead of leaving a gap.
func TestJobDetailsCloseTheGapOfAnEndedJobsBar(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	d := tab.detail
	running := tab.jobs[0]
	if !d.bar.obj.Visible() {
		t.Fatal("the running job shows no progress bar")
	}
	barAt := d.bar.obj.Position().Y
	done := running
	done.State, done.Ended, done.Progress = control.JobSucceeded, time.Now(), progress.Progress{Percent: -1}
	d.show(&done)
	if d.bar.obj.Visible() {
		t.Fatal("the ended job still shows a progress bar")
	}
	if y := d.facts.Position().Y; y > barAt {
		t.Errorf("the facts are at y=%v, below where the bar was (y=%v): a gap", y, barAt)
	}
}

// A log line or a command longer than the window scrolls in its own pane;
// it does not widen the screen past the window and push the table's
// columns and the log's line count out of sight.
func TestLongLinesStayInTheirPane(t *testing.T) {
	testApp(t)
	ctl := newFakeController()
	long := "[rigshift] starting: sh -c " + strings.Repeat("echo a very long command line; ", 30)
	ctl.logTail = []string{long}
	w := test.NewWindow(nil)
	defer w.Close()
	tab := newJobsTab(ctl, w, []string{"GPU-a"})
	w.SetContent(tab.build())
	w.Resize(defaultSize)
	defer tab.detail.follow("", false)
	tab.showJobs([]control.Job{{ID: "J-0001", State: control.JobFailed, ExitCode: 3, Reason: "failed with code 3",
		Spec: control.JobSpec{Client: "bad", Command: []string{"sh", "-c", long}}}}, control.Rent)
	tab.onSelect(0)
	eventually(t, "the long line", func() bool { return strings.Contains(tab.detail.log.Text(), "very long") })
	if got := w.Content().MinSize().Width; got > defaultSize.Width {
		t.Errorf("the jobs screen wants %.0f px, wider than the %.0f px window", got, defaultSize.Width)
	}
	if got := tab.detail.facts.Text; strings.Count(got, "code 3") != 1 {
		t.Errorf("the facts say the exit code twice: %q", got)
	}
}

func TestMoveAndCancel(t *testing.T) {
	tab, ctl := newTestJobsTab(t)
	tab.onSelect(2) // J-0004, second in the queue
	if tab.buttons["down"].Disabled() == false || tab.buttons["up"].Disabled() {
		t.Error("the last queued job can move up only")
	}
	test.Tap(tab.buttons["up"])
	eventually(t, "MoveJob", func() bool { return len(calls(ctl, func() []string { return ctl.moved })) == 1 })
	if got := calls(ctl, func() []string { return ctl.moved })[0]; got != "J-0004→0" {
		t.Errorf("moved %s", got)
	}
	test.Tap(tab.buttons["cancel"]) // queued: no question asked
	eventually(t, "CancelJob", func() bool { return len(calls(ctl, func() []string { return ctl.canceled })) == 1 })

	tab.onSelect(0) // the running job: confirm first
	test.Tap(tab.buttons["cancel"])
	if tab.asking == nil || !tab.asking.pop.Visible() {
		t.Fatal("cancelling a running job asks nothing")
	}
	test.Tap(findButton(t, tab.asking.pop.Content, "Cancel job"))
	eventually(t, "the second CancelJob", func() bool {
		c := calls(ctl, func() []string { return ctl.canceled })
		return len(c) == 2 && c[1] == "J-0002"
	})
}

func TestNoJobsSaysHowToAddOne(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	tab.showJobs(nil, control.Auto)
	if !tab.empty.Visible() || !strings.Contains(texts(tab.empty), "No rental jobs yet") {
		t.Error("an empty queue shows no help")
	}
	if tab.split.Visible() {
		t.Error("an empty table and empty details show under the help")
	}
	tab.showJobs([]control.Job{{ID: "J-0001", State: control.JobQueued}}, control.Auto)
	if tab.empty.Visible() || !tab.split.Visible() {
		t.Error("the first job does not replace the help with the table")
	}
}

// The help's sentence wraps in a readable column, not one word a line
// (the look of a wrapped label in container.NewCenter).
func TestEmptyStateWrapsInAColumn(t *testing.T) {
	testApp(t)
	help := emptyState("Nothing here", strings.Repeat("a few words again ", 20))
	w := test.NewWindow(help)
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 600))
	box := help.(*fyne.Container).Objects[0]
	if got := box.Size().Width; got != emptyStateWidth {
		t.Errorf("the text column is %.0f wide, want %d", got, emptyStateWidth)
	}
	if x := box.Position().X; x < 200 {
		t.Errorf("the column starts at x=%.0f: not centred", x)
	}
	w.Resize(fyne.NewSize(300, 600))
	if got := box.Size().Width; got > 300 {
		t.Errorf("in a narrow window the column is %.0f wide", got)
	}
}

// With nothing picked (or the picked job gone), the details show no
// leftovers: no empty progress bar, no other job's command or log.
func TestJobDetailClearsWhenNothingIsPicked(t *testing.T) {
	testApp(t)
	d := newJobDetail(newFakeController())
	w := test.NewWindow(d.build())
	defer w.Close()
	if d.bar.obj.Visible() || d.command.Visible() || d.logs.Visible() {
		t.Error("before any job is picked the details show a bar, a command or a log")
	}
	j := control.Job{ID: "J-0007", State: control.JobRunning, Spec: control.JobSpec{Client: "acme", Command: []string{"python", "train.py"}},
		Progress: progress.Progress{Percent: 50}}
	d.show(&j)
	defer d.follow("", false)
	if !d.bar.obj.Visible() || !d.command.Visible() {
		t.Fatal("a running job's details show no progress or command")
	}
	d.follow("", false) // no tail of its own racing the line below
	d.id = "J-LOG"      // a late answer of the old tail, for J-0007, is dropped
	d.showLog("J-LOG", []string{"only line"}, nil)
	if d.logNote.Text != "last 1 line" {
		t.Errorf("one log line is counted as %q", d.logNote.Text)
	}
	d.show(nil)
	if d.bar.obj.Visible() || d.command.Visible() || d.logs.Visible() || d.title.Text != noJobPicked || d.facts.Text != "" {
		t.Errorf("after the job went the details still show it: %q, %q", d.title.Text, d.facts.Text)
	}
}

// A job's state is coloured (red failed, green done), and a reused cell
// drops the colour when it shows another column.
func TestJobStateIsColoured(t *testing.T) {
	testApp(t)
	cell := &jobCell{label: widget.NewLabel(""), meter: newMeter(60)}
	label := cell.label
	cell.fill(control.Job{ID: "J-1", State: control.JobFailed}, stateColumn, false)
	if label.Text != "failed" || label.Importance != widget.DangerImportance {
		t.Errorf("failed job: %q with importance %v, want danger", label.Text, label.Importance)
	}
	cell.fill(control.Job{ID: "J-2", State: control.JobSucceeded}, stateColumn, false)
	if label.Importance != widget.SuccessImportance {
		t.Errorf("succeeded job: importance %v, want success", label.Importance)
	}
	cell.fill(control.Job{ID: "J-2", State: control.JobSucceeded}, 0, false)
	if label.Text != "J-2" || label.Importance != widget.MediumImportance {
		t.Errorf("reused for the ID: %q with importance %v, want plain", label.Text, label.Importance)
	}
}

// The selected job's state reads on its row's band (4.5:1) in both
// themes: in its colour, "running" was 3.0:1 on the band, "succeeded"
// 3.6:1, "paused" 3.3:1 and "failed" 3.9:1 on the light theme.
func TestPickedJobStateReads(t *testing.T) {
	testApp(t)
	cell := &jobCell{label: widget.NewLabel(""), meter: newMeter(60)}
	states := []control.JobState{control.JobRunning, control.JobPaused, control.JobFailed, control.JobSucceeded, control.JobQueued}
	for _, appearance := range []string{"light", "dark"} {
		th := newRigTheme(appearance) // forced: the variant asked below is ignored
		bg := th.Color(theme.ColorNameBackground, theme.VariantDark)
		band := over(bg, th.Color(theme.ColorNameSelection, theme.VariantDark))
		for _, s := range states {
			cell.fill(control.Job{ID: "J-1", State: s}, stateColumn, true)
			if cell.label.Text != string(s) {
				t.Errorf("a picked %s job's state reads %q", s, cell.label.Text)
			}
			if r := contrast(th.Color(importanceColour(cell.label.Importance), theme.VariantDark), band); r < 4.5 {
				t.Errorf("a picked %s job's state on its band in the %s theme: contrast %.1f:1, want 4.5:1 or more", s, appearance, r)
			}
		}
	}
}

// importanceColour is the colour a label of importance imp is written in.
func importanceColour(imp widget.Importance) fyne.ThemeColorName {
	switch imp {
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.HighImportance:
		return theme.ColorNamePrimary
	case widget.LowImportance:
		return theme.ColorNameDisabled
	}
	return theme.ColorNameForeground
}

// A queued job's details say why it waits, and show no progress bar: in
// Idle or Mine mode it would wait for ever, and the owner must know why.
func TestQueuedJobSaysWhyItWaits(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	var asked []control.Mode
	tab.detail.setMode = func(m control.Mode) { asked = append(asked, m) }
	queued := []control.Job{{ID: "J-0009", State: control.JobQueued, Position: 0, Progress: progress.Unknown()}} // as a new job's
	tab.showJobs(queued, control.Idle)
	tab.onSelect(0)
	d := tab.detail
	if !d.runIt.Visible() {
		t.Fatal("waiting for the mode, and no button to switch it")
	}
	test.Tap(d.runIt)
	if !slices.Equal(asked, []control.Mode{control.Auto}) {
		t.Errorf("the button asked for %v, want Auto", asked)
	}
	if !d.waitRow.Visible() || !strings.Contains(d.wait.Text, "Rent or Auto mode, and the rig is in Idle mode") {
		t.Errorf("queued in Idle: %q (visible %v)", d.wait.Text, d.waitRow.Visible())
	}
	if d.bar.obj.Visible() || d.logs.Visible() {
		t.Errorf("a queued job shows a progress bar (%q) or an empty log", d.bar.text)
	}
	tab.showJobs(queued, control.Auto)
	if !strings.HasPrefix(d.wait.Text, "Next to run") || d.runIt.Visible() {
		t.Errorf("first in the queue in Auto: %q, button shown %v", d.wait.Text, d.runIt.Visible())
	}
	queued[0].Position, queued[0].Ahead = 3, 2 // one of the three ahead waits for a lost GPU
	tab.showJobs(queued, control.Rent)
	if d.wait.Text != "Waiting: 2 jobs ahead of it in the queue." {
		t.Errorf("third in the queue: %q", d.wait.Text)
	}
	tab.showJobs([]control.Job{{ID: "J-0009", State: control.JobRunning, Progress: progress.Progress{Percent: 5, ETA: time.Hour}}}, control.Idle)
	if d.waitRow.Visible() {
		t.Errorf("a running job still says it waits: %q", d.wait.Text)
	}
}

// The selected job's whole row is marked, and the mark follows the job,
// not the row: when the table re-sorts, it moves with it.
func TestSelectedJobsRowIsMarked(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	if got := markedJobs(tab.table); !slices.Equal(got, []string{"J-0002"}) {
		t.Errorf("marked at first %v, want the running J-0002", got)
	}
	tab.table.Select(widget.TableCellID{Row: 2, Col: 1}) // J-0004, tapped on its second cell
	if got := markedJobs(tab.table); !slices.Equal(got, []string{"J-0004"}) {
		t.Errorf("marked after picking J-0004: %v", got)
	}
	jobs := slices.Clone(tab.jobs)
	jobs[1].Position, jobs[2].Position = 1, 0 // J-0004 moves to the front of the queue
	tab.showJobs(jobs, control.Auto)
	if tab.jobs[1].ID != "J-0004" {
		t.Fatalf("the table did not re-sort: %v", tab.jobs)
	}
	if got := markedJobs(tab.table); !slices.Equal(got, []string{"J-0004"}) {
		t.Errorf("marked after J-0004 moved up: %v", got)
	}
}

// markedJobs lists the job IDs whose row shows the selection band, once
// per job (from the first column's cells).
func markedJobs(table *widget.Table) []string {
	var ids []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 3 {
			band, isBand := c.Objects[0].(*themed)
			label, isLabel := c.Objects[1].(*widget.Label)
			if isBand && isLabel && band.obj.Visible() && strings.HasPrefix(label.Text, "J-") && label.Visible() {
				ids = append(ids, label.Text)
			}
		}
		switch w := o.(type) {
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(table)
	slices.Sort(ids)
	return slices.Compact(ids)
}

// The log follows a running job's newest lines, but an owner who scrolled
// up to read an error keeps their place when new lines arrive.
func TestLogKeepsTheOwnersPlace(t *testing.T) {
	tab, _ := newTestJobsTab(t) // J-0002 runs, its log shown
	d := tab.detail
	lines := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("line %d", i))
		}
		return out
	}
	d.scroll.Resize(fyne.NewSize(600, 300)) // the test window leaves the pane no room
	d.showLog("J-0002", lines(300), nil)
	if !scrolledToBottom(d.scroll) || d.scroll.Offset.Y == 0 {
		t.Fatalf("a new log does not show its end: offset %v", d.scroll.Offset)
	}
	d.showLog("J-0002", lines(310), nil)
	if !scrolledToBottom(d.scroll) {
		t.Errorf("at the end, the log does not follow new lines: offset %v", d.scroll.Offset)
	}
	d.scroll.Refresh()                                                    // laid out, as drawn
	d.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, 1e6)}) // the owner scrolls up to the top
	d.showLog("J-0002", lines(320), nil)
	if d.scroll.Offset.Y != 0 {
		t.Errorf("scrolled up, the log jumped to offset %v when lines came", d.scroll.Offset)
	}
	tab.onSelect(3) // another job, then back: its log starts at the end again
	eventually(t, "J-0001's log", func() bool { return d.logID == "J-0001" })
	tab.onSelect(0)
	eventually(t, "J-0002's log again", func() bool { return d.logID == "J-0002" })
	d.showLog("J-0002", lines(320), nil)
	if !scrolledToBottom(d.scroll) {
		t.Errorf("picked again, the log does not show its end: offset %v", d.scroll.Offset)
	}
}

// A short log picked after a long one shows its lines: the pane kept the
// long log's place, below the end of the short one, and a failed job's
// three lines of last output read as an empty log ("last 3 lines").
func TestShortLogAfterALongOneIsShown(t *testing.T) {
	tab, _ := newTestJobsTab(t) // J-0002 runs, its log shown
	d := tab.detail
	var long []string
	for i := range 300 {
		long = append(long, fmt.Sprintf("line %d", i))
	}
	d.scroll.Resize(fyne.NewSize(600, 300)) // the test window leaves the pane no room
	d.showLog("J-0002", long, nil)
	d.scroll.Refresh() // laid out, as drawn
	tab.onSelect(3)
	eventually(t, "J-0001's log", func() bool { return d.logID == "J-0001" })
	d.showLog("J-0001", []string{"Traceback (most recent call last):", "  File \"train.py\", line 88", "torch.OutOfMemoryError"}, nil)
	if d.scroll.Offset.Y != 0 {
		t.Errorf("a three-line log is shown from offset %v, below its last line", d.scroll.Offset)
	}
}

// A job with a long client name and description keeps the window's width:
// its title, in one line, widened the window past the screen's edge.
func TestLongJobTitleWraps(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	j := control.Job{ID: "J-0009", State: control.JobRunning,
		Spec: control.JobSpec{Client: "Universität Zürich – Lehrstuhl für maschinelles Lernen und Robotik",
			Description: "fine-tune a very long description of the model that goes on and on", Command: []string{"sleep", "600"}}}
	tab.detail.show(&j)
	if w, max := tab.detail.title.MinSize().Width, defaultSize.Width-200; w > max {
		t.Errorf("the job's title needs %.0f px, more than the %.0f px the details have", w, max)
	}
}

// A time of yesterday is shown with its date: "23:59" alone reads as a
// time of today, still to come (anything under 20 h read as today).
func TestWhenYesterdayHasItsDate(t *testing.T) {
	now := time.Date(2026, 12, 3, 17, 0, 0, 0, time.Local)
	for at, want := range map[time.Time]string{
		now.Add(-time.Hour): "16:00",
		time.Date(2026, 12, 2, 23, 59, 0, 0, time.Local): "Dec 2 23:59",
		time.Date(2026, 11, 30, 9, 5, 0, 0, time.Local):  "Nov 30 09:05",
		{}: "–",
	} {
		if got := whenAt(at, now); got != want {
			t.Errorf("whenAt(%v) = %q, want %q", at, got, want)
		}
	}
}

// A job picked whose log cannot be read shows no log rather than the
// previous job's: the running job's lines stayed under the other job's
// title, with only "Log unavailable" beside them.
func TestUnreadableLogShowsNoOtherJobsLines(t *testing.T) {
	tab, ctl := newTestJobsTab(t)
	d := tab.detail
	eventually(t, "the running job's log", func() bool { return strings.Contains(d.log.Text(), "step 2 of J-0002") })
	ctl.mu.Lock()
	ctl.logErr = errors.New("the controller did not answer")
	ctl.mu.Unlock()
	tab.onSelect(3) // J-0001, finished
	eventually(t, "the log's note", func() bool { return strings.HasPrefix(d.logNote.Text, "Log unavailable") })
	if got := d.log.Text(); got != "" {
		t.Errorf("J-0001's details show another job's log: %q", got)
	}
}

// "Could not cancel J-0004" is about J-0004: picking another job takes
// the note away, where it stayed until the next action went through.
func TestActionNoteLeavesWithItsJob(t *testing.T) {
	tab, ctl := newTestJobsTab(t)
	ctl.mu.Lock()
	ctl.err = errors.New("the controller is not running")
	ctl.mu.Unlock()
	tab.onSelect(2) // J-0004, queued: cancelled without a question
	test.Tap(tab.buttons["cancel"])
	eventually(t, "the note", func() bool { drainUI(); return tab.note.Visible() })
	tab.onSelect(2) // the same job again: its note stays
	if !tab.note.Visible() {
		t.Error("picking the same job again took its note away")
	}
	tab.onSelect(3)
	if tab.note.Visible() {
		t.Errorf("another job picked, and the note still says %q", tab.note.Text)
	}
}

// In a window wider than the columns, the Client column takes the spare
// width: a long client's name was cut short ("Northwind Deep L…") beside
// an empty band at the table's right.
func TestJobTableGivesClientsTheSpareWidth(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	fill, ok := tab.fitted.Layout.(*widerClients)
	if !ok {
		t.Fatalf("the table is laid out by %T", tab.fitted.Layout)
	}
	width := tab.table.Size().Width
	if width <= jobTableWidth() {
		t.Fatalf("the test window is too narrow: table %.0f, columns %.0f", width, jobTableWidth())
	}
	spare := width - jobTableWidth()
	if got, want := fill.width, jobColumns[clientColumn].width+spare; got != want {
		t.Errorf("Client column %.0f wide, want %.0f (the spare %.0f added)", got, want, spare)
	}
	tab.fitted.Resize(fyne.NewSize(400, 300)) // narrower than the columns: they keep their widths
	if fill.width != jobColumns[clientColumn].width {
		t.Errorf("in a narrow window the Client column is %.0f wide", fill.width)
	}
}

// Fyne marks the focused cell of a table by its place. When the picked
// job moves in the table, the mark moves with it: Space then picks the
// job the mark is on.
func TestJobsFocusMarkFollowsThePickedJob(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	fyne.CurrentApp().Driver().CanvasForObject(tab.table).Focus(tab.table)
	tab.table.Select(widget.TableCellID{Row: 2, Col: 1}) // J-0004
	jobs := slices.Clone(tab.jobs)
	jobs[1].Position, jobs[2].Position = 1, 0 // J-0004 moves to the front of the queue
	tab.showJobs(jobs, control.Auto)
	tab.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if tab.sel != "J-0004" {
		t.Errorf("after J-0004 moved up, Space picked %s: the focus mark stayed on the old row", tab.sel)
	}
}

// The jobs screen fits the smallest window RigShift opens at, 640 px
// wide: its row of five buttons needed about 656 px with the list of
// screens, so opening Jobs widened the window past a small screen's edge.
// Narrow, the buttons that move a job and run it again go under the others.
func TestJobsFitTheSmallestWindow(t *testing.T) {
	rig, _, _ := simRig(t, 2)
	s, ctl := newTestShell(t, Deps{Rig: rig, History: &fakeHistory{}, Screen: "jobs"})
	ctl.mu.Lock()
	ctl.jobs = []control.Job{{ID: "J-0001", State: control.JobQueued, Spec: control.JobSpec{Client: "acme-ai", Command: []string{"python", "train.py"}}}}
	ctl.mu.Unlock()
	s.win.Resize(fyne.NewSize(640, 480))
	eventually(t, "the job", func() bool { return len(s.jobs.jobs) == 1 })
	if w := s.win.Canvas().Content().MinSize().Width; w > 640 {
		t.Errorf("the jobs screen needs a window %.0f px wide", w)
	}
	s.win.Resize(fyne.NewSize(1400, 900)) // wide enough: one row
	d := fyne.CurrentApp().Driver()
	if a, b := d.AbsolutePositionForObject(s.jobs.buttons["cancel"]), d.AbsolutePositionForObject(s.jobs.buttons["again"]); a.Y != b.Y {
		t.Errorf("in a wide window Run again (y %.0f) is not beside Cancel job (y %.0f)", b.Y, a.Y)
	}
}

// A command whose argument is a whole script (python -c "$(cat x.py)")
// is shown on one line, its line breaks marked and its length cut: the
// details were as tall as the script, and pushed the log out of sight.
func TestJobDetailsShowAScriptOnOneLine(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	d := tab.detail
	oneLine := d.command.MinSize().Height
	script := strings.Repeat("import torch\nprint(torch.cuda.device_count())\r\n", 40)
	j := tab.jobs[0]
	j.Spec.Command = []string{"python", "-c", script}
	d.show(&j)
	got := d.command.Text
	if strings.ContainsAny(got, "\r\n") || !strings.HasPrefix(got, "$ python -c 'import torch↵print(") ||
		!strings.HasSuffix(got, "…") || utf8.RuneCountInString(got) > commandRunes {
		t.Errorf("the command shown (%d characters): %q", utf8.RuneCountInString(got), got)
	}
	if h := d.command.MinSize().Height; h > oneLine {
		t.Errorf("the command is %.0f px tall, one line is %.0f px", h, oneLine)
	}
	// The window's regular font lacks ↵ (glyphsElsewhere); the command's has it.
	var buf sfnt.Buffer
	if f, err := sfnt.Parse(theme.DefaultTextMonospaceFont().Content()); err != nil {
		t.Fatal(err)
	} else if g, _ := f.GlyphIndex(&buf, '↵'); g == 0 || !d.command.TextStyle.Monospace {
		t.Error("the command's font has no ↵: it would be drawn as a box")
	}
}

// A client's token on the job's command line showed in the job's details,
// while its log and the jobs export masked it: the details are on screen
// and in the screenshots an owner shares.
func TestJobDetailsMaskTheClientsToken(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	j := tab.jobs[0]
	j.Spec.Command = []string{"python", "train.py", "--hub_token", "hf_abcdefghijklmnopqrstuvwxyz0123456789", "--api-key=s3cretKeyValue", "--epochs", "3"}
	tab.detail.show(&j)
	got := tab.detail.command.Text
	if strings.Contains(got, "hf_abcdefghij") || strings.Contains(got, "s3cretKeyValue") || !strings.Contains(got, "--epochs 3") {
		t.Errorf("the command shown: %q", got)
	}
}

// The question before cancelling a running job names it as the questions
// of Idle, Mine and Quit do, how far it has come, and that it will not run
// again: "The job is stopped now and billed for the time it ran" named
// neither the client nor the hours of work thrown away, and read as a
// pause.
func TestCancelQuestionSaysWhatIsLost(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	tab.onSelect(0) // J-0002 for acme, 45 % done
	test.Tap(tab.buttons["cancel"])
	if tab.asking == nil {
		t.Fatal("cancelling a running job asks nothing")
	}
	got := texts(tab.asking.pop.Content)
	for _, want := range []string{"J-0002 for acme", "45 % done", "does not run again", "billed"} {
		if !strings.Contains(got, want) {
			t.Errorf("the question says %q, without %q", got, want)
		}
	}
}

// A queued job's Progress cell says why it waits, or that it is next: a
// dash told nothing of a queue held back by the mode or a GPU set aside.
func TestQueuedJobsSayWhyTheyWaitInTheTable(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	cell := func(j control.Job) string {
		o := tab.table.CreateCell()
		tab.table.UpdateCell(widget.TableCellID{Row: slices.IndexFunc(tab.jobs, func(r control.Job) bool { return r.ID == j.ID }), Col: progressColumn}, o)
		for _, c := range o.(*fyne.Container).Objects {
			if l, ok := c.(*widget.Label); ok && l.Visible() {
				return l.Text
			}
		}
		return ""
	}
	if got := cell(tab.jobs[1]); got != "next" {
		t.Errorf("the queue's first job reads %q, want next", got)
	}
	behind := tab.jobs[2]
	behind.Ahead = 1
	aside := tab.jobs[2]
	aside.Blocked, aside.WaitsForAside = "GPU 1 is set aside", true
	for _, tc := range []struct {
		job  control.Job
		mode control.Mode
		want string
	}{
		{behind, control.Auto, "1 ahead"},
		{tab.jobs[1], control.Mine, "waits: Mine mode"},
		{aside, control.Auto, "waits: GPU set aside"},
	} {
		if got := queueWord(&tc.job, tc.mode); got != tc.want {
			t.Errorf("%s in %s: %q, want %q", tc.job.ID, tc.mode, got, tc.want)
		}
	}
}
