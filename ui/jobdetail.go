package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/logs"
)

// logLines is how much of a job's log the details show.
const logLines = 200

// jobDetail shows the selected job: what it runs, its progress, energy and
// earnings, and the tail of its log, re-read every couple of seconds while
// the job runs.
type jobDetail struct {
	q         jobQueue
	title     *widget.Label
	wait      *widget.Label // why a queued job waits
	waitRow   fyne.CanvasObject
	runIt     *widget.Button     // switches to Auto when the mode is why it waits
	mode      control.Mode       // the rig's, for wait
	setMode   func(control.Mode) // the dashboard's mode switch; nil: no button
	command   *widget.Label
	facts     *widget.Label
	money     *widget.Label
	bar       *meter
	log       *widget.TextGrid
	scroll    *container.Scroll
	logs      fyne.CanvasObject // the log's heading and its scroll
	box       *fyne.Container   // all of it
	logNote   *widget.Label
	id        string
	stopTail  func()
	logID     string // the job whose log is shown, and the text shown
	logText   string
	following bool // the log is kept at its newest line
}

func newJobDetail(q jobQueue) *jobDetail {
	d := &jobDetail{q: q, title: heading(noJobPicked), command: widget.NewLabel(""),
		wait: wrapped(""), facts: widget.NewLabel(""), money: widget.NewLabel(""), bar: newMeter(200),
		log: widget.NewTextGrid(), logNote: caption("")}
	d.command.TextStyle.Monospace = true
	d.command.Truncation = fyne.TextTruncateEllipsis
	d.facts.Wrapping = fyne.TextWrapWord
	d.title.Wrapping = fyne.TextWrapWord // a client's long name and description would widen the window
	return d
}

func (d *jobDetail) build() fyne.CanvasObject {
	// Both ways: a vertical scroll is as wide as the longest line, and one
	// long line would widen the whole screen past the window.
	d.scroll = container.NewScroll(d.log)
	d.scroll.OnScrolled = d.onLogScrolled
	d.wait.Importance = widget.WarningImportance
	d.runIt = widget.NewButtonWithIcon("Switch to Auto", modeIcon(control.Auto), func() {
		if d.setMode != nil {
			d.setMode(control.Auto)
		}
	})
	d.waitRow = container.NewBorder(nil, nil, nil, container.NewCenter(d.runIt), d.wait)
	d.waitRow.Hide()
	info := container.NewVBox(d.title, d.waitRow, d.command, d.bar.obj, d.facts, d.money)
	inset := layout.NewCustomPaddedLayout(0, 0, theme.InnerPadding(), 0) // in line with the labels' text
	logs := container.NewBorder(container.NewHBox(heading("Log"), layout.NewSpacer(), d.logNote), nil, nil, nil,
		container.New(inset, d.scroll))
	// The command and the log are monospaced: hidden until a job is
	// picked, Fyne loads that font (some 4 MB) only for owners who look.
	d.command.Hide()
	d.bar.obj.Hide()
	d.logs = logs
	d.logs.Hide()
	d.box = container.NewBorder(info, nil, nil, nil, logs)
	return d.box
}

// relayout lays the details out again after a part came or went while
// their texts changed too (relayout.go says why Fyne may miss it).
func (d *jobDetail) relayout(resized bool) {
	if resized && d.box != nil {
		layoutTree(d.box)
	}
}

// show displays j (nil: nothing selected) and follows its log.
func (d *jobDetail) show(j *control.Job) {
	if j == nil {
		d.clear()
		return
	}
	resized := setVisible(d.command, true)
	resized = setVisible(d.logs, j.State != control.JobQueued) || resized // no output before it starts
	setText(d.title, fmt.Sprintf("%s · %s%s — %s", j.ID, j.Spec.Client, describe(j.Spec.Description), j.State))
	setText(d.wait, waitText(j, d.mode))
	resized = setVisible(d.waitRow, d.wait.Text != "") || resized
	resized = setVisible(d.runIt, d.setMode != nil && !d.mode.RunsJobs()) || resized // in a row shown only while it waits
	setText(d.command, commandLine(j.Spec.Command))
	setText(d.facts, jobFacts(j))
	setText(d.money, jobMoney(j))
	bar := jobBar(j)
	resized = setVisible(d.bar.obj, bar != "") || resized
	d.bar.set(jobFraction(j), bar, true)
	d.follow(j.ID, j.State.Active())
	d.relayout(resized)
}

// clear shows that no job is picked, with nothing left of the last one.
func (d *jobDetail) clear() {
	setText(d.title, noJobPicked)
	setText(d.facts, "")
	setText(d.money, "")
	resized := setVisible(d.waitRow, false)
	resized = setVisible(d.command, false) || resized
	resized = setVisible(d.bar.obj, false) || resized
	resized = setVisible(d.logs, false) || resized
	d.follow("", false)
	d.relayout(resized)
}

const noJobPicked = "Select a job to see its details"

// jobMoney is what the job used and earned, or for one that never ran,
// what it pays: "Energy 0.00 kWh · 0.00 GPU-hours · earned $0.00" said
// nothing before it starts.
func jobMoney(j *control.Job) string {
	price := control.Price(j.Spec.PricePerGPUHour, j.Currency) // as agreed: GPU-hours × price is what it earned
	if j.State == control.JobQueued && j.Started.IsZero() && j.GPUHours == 0 && j.Earned == 0 {
		return "Pays " + price + " per GPU-hour once it runs"
	}
	return fmt.Sprintf("Energy %s · %s GPU-hours · earned %s at %s per GPU-hour",
		kWh(j.EnergyJ), control.Amount(j.GPUHours), money(j.Earned, j.Currency), price)
}

// waitText says why a queued job has not started, "" for any other job:
// an owner who adds a job while the rig is idle should not wait for it.
func waitText(j *control.Job, mode control.Mode) string {
	switch {
	case j.State != control.JobQueued:
		return ""
	case j.Blocked != "" && j.WaitsForAside:
		return "Waiting: " + j.Blocked + ". Use the GPU again from its card's menu on the Dashboard; the jobs behind it run meanwhile."
	case j.Blocked != "":
		return "Waiting: " + j.Blocked + ". It runs once a reboot brings the GPU back; the jobs behind it run meanwhile."
	case j.WaitsForStorage:
		return "Waiting: RigShift cannot save its records (the red notice on the Dashboard says why), and starts no job it could not keep on record. It starts once they can be saved again."
	case !mode.RunsJobs():
		return fmt.Sprintf("Waiting: rental jobs run in Rent or Auto mode, and the rig is in %s mode.", mode.Title())
	case j.Ahead > 0: // a job waiting for a lost GPU holds back nobody
		return fmt.Sprintf("Waiting: %s ahead of it in the queue.", control.Plural(j.Ahead, "job"))
	}
	return "Next to run: it starts as soon as its GPUs are free."
}

func describe(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

// jobFacts is the job's timeline and progress details in one sentence.
func jobFacts(j *control.Job) string {
	parts := append(jobTerms(j.Spec, gpuCount(*j)), "queued "+when(j.Created))
	if !j.Started.IsZero() {
		parts = append(parts, "started "+when(j.Started), "ran "+span(j.Running))
	}
	if j.Paused > 0 {
		parts = append(parts, "paused "+span(j.Paused))
	}
	if p := j.Progress; p.Epochs > 0 { // counted in the output: "Epoch 3/10"
		parts = append(parts, fmt.Sprintf("epoch %.0f of %d", p.Epoch, p.Epochs))
	}
	switch p := j.Progress; {
	case p.Total > 0:
		parts = append(parts, fmt.Sprintf("step %d of %d", p.Step, p.Total))
	case p.HasStep: // a bar without a total
		parts = append(parts, fmt.Sprintf("step %d", p.Step))
	case p.Epoch > 0 && p.Epochs == 0: // the Trainer's log lines alone
		parts = append(parts, fmt.Sprintf("epoch %.3g", p.Epoch))
	}
	if j.Progress.HasLoss {
		parts = append(parts, fmt.Sprintf("loss %.4g", j.Progress.Loss))
	}
	if j.State.Final() {
		ended := "ended " + when(j.Ended)
		if code := fmt.Sprintf("code %d", j.ExitCode); j.ExitCode > 0 && !strings.Contains(j.Reason, code) {
			ended += " (exit " + code + ")"
		}
		parts = append(parts, ended)
	}
	if j.Reason != "" {
		parts = append(parts, j.Reason)
	}
	return strings.Join(parts, " · ")
}

// jobTerms are what the owner set when adding the job, beyond its command
// and price: they are shown nowhere else, and a longest run typed as a
// bare "6" should read back as six hours.
func jobTerms(s control.JobSpec, gpus int) []string {
	terms := []string{control.Plural(gpus, "GPU")}
	if s.MaxRuntime > 0 {
		terms[0] += " for at most " + strings.TrimSuffix(span(s.MaxRuntime), " 00 min")
	}
	if s.OnInterrupt == control.FailJob {
		terms = append(terms, "marked failed if interrupted")
	}
	return terms
}

// follow re-reads job id's log now and, while live, every 2 s, off the UI
// goroutine.
func (d *jobDetail) follow(id string, live bool) {
	if id == d.id && (d.stopTail != nil) == live {
		return
	}
	if d.stopTail != nil {
		d.stopTail()
		d.stopTail = nil
	}
	if id != d.id { // the last job's lines must not stand under another's title, should its log not come
		d.logID, d.logText, d.following = "", "", false
		d.log.SetText("")
		setText(d.logNote, "")
	}
	d.id = id
	if id == "" {
		return
	}
	done := make(chan struct{})
	if live {
		d.stopTail = func() { close(done) }
	}
	go d.tail(id, live, done)
}

func (d *jobDetail) tail(id string, live bool, done chan struct{}) {
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	for {
		lines, err := d.q.JobLogs(id, logLines)
		runOnUI(func() { d.showLog(id, lines, err) })
		if !live {
			return
		}
		select {
		case <-done:
			return
		case <-tick.C:
		}
	}
}

func (d *jobDetail) showLog(id string, lines []string, err error) {
	if id != d.id {
		return
	}
	if err != nil {
		setText(d.logNote, "Log unavailable: "+err.Error())
		return
	}
	setText(d.logNote, "last "+control.Plural(len(lines), "line"))
	picked := id != d.logID
	if picked {
		d.following = true // a job picked shows its newest lines
	}
	if text := strings.Join(lines, "\n"); picked || text != d.logText {
		d.logID, d.logText = id, text
		d.log.SetText(text)
	}
	// The newest lines are what matters, so the log follows them; but an
	// owner who scrolled up to read an error keeps reading it. (Also when
	// nothing changed: a log first shown before it was laid out.) A job
	// picked is scrolled anew: the last one's place may lie past the end
	// of a shorter log, which then looks "at the bottom" and empty.
	if d.following && d.scroll != nil && (picked || !scrolledToBottom(d.scroll)) {
		d.scroll.Refresh() // lays the new text out: the scroll measures it
		d.scroll.ScrollToBottom()
	}
}

// onLogScrolled notes whether the owner left the log at its end: it
// follows new lines only then. A scroll not laid out yet says nothing.
func (d *jobDetail) onLogScrolled(fyne.Position) {
	if d.scroll.Size().Height > 0 {
		d.following = scrolledToBottom(d.scroll)
	}
}

// scrolledToBottom reports whether s shows the end of its content (or all
// of it), give or take a pixel.
func scrolledToBottom(s *container.Scroll) bool {
	return s.Offset.Y+s.Size().Height >= s.Content.MinSize().Height-1
}

// commandRunes is the most of a job's command its details show: the label
// cuts it to the pane's width anyway, and a script passed whole
// (python -c "$(cat x.py)") can be thousands of characters.
const commandRunes = 200

// commandLine writes a job's command for its details on one line: each
// line break in an argument is a ↵ (the monospaced font has it), and past
// commandRunes it is cut with an ellipsis. A script's lines made the
// details as tall as the script; the export and the log's first line keep
// the whole command. A client's token on it (--hub_token, --api-key=…,
// hf_…) is masked, as in the job's log and the export: the details are on
// screen, and in the screenshots an owner shares.
func commandLine(argv []string) string {
	red := logs.NewRedactor()
	s := "$ " + red.Line(cmdline.Quote(red.Args(argv)))
	s = strings.NewReplacer("\r\n", "↵", "\n", "↵", "\r", "↵").Replace(s)
	if r := []rune(s); len(r) > commandRunes {
		s = string(r[:commandRunes-1]) + "…"
	}
	return s
}
