package ui

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

// workRow says what a GPU is doing: idle, mining at a hash rate, or a
// rental job with its progress bar and ETA.
type workRow struct {
	icon *widget.Icon
	text *widget.Label
	bar  *meter
	use  *widget.Button // "Use again", on a GPU set aside
	box  *fyne.Container
	last string // what was shown, to skip refreshes that change nothing
}

func newWorkRow() *workRow {
	r := &workRow{icon: widget.NewIcon(theme.MediaPauseIcon()),
		text: widget.NewLabel("Waiting for the controller…"), bar: newMeter(170),
		use: widget.NewButtonWithIcon("Use again", theme.VisibilityIcon(), nil)}
	r.bar.obj.Hide()
	r.use.Hide()
	return r
}

func (r *workRow) build() fyne.CanvasObject {
	// The row keeps room for "Use again" while it is hidden: the button is
	// a pixel taller than the line, and a card set aside shifted its
	// gauges out of line with the card beside it.
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(0, r.use.MinSize().Height))
	r.box = container.NewBorder(nil, nil, r.icon, container.NewStack(room, container.NewCenter(r.use)),
		container.NewVBox(r.text, r.bar.obj))
	return r.box
}

// show displays g's work; job is the rental job on it, if any. It
// reports whether the row changed height (its bar or button came or went).
func (r *workRow) show(g control.GPUStatus, job *control.Job, waits string) (resized bool) {
	icon, text, frac, bar := workText(g, job, waits)
	key := fmt.Sprint(text, frac, bar)
	if key == r.last {
		return false
	}
	r.last = key
	r.icon.SetResource(icon)
	// Only a job's line, whose client name can be long, may need cutting
	// short. Fyne re-shapes a truncating label's text at every change, and
	// the mining line changes with every hash rate: 140 µs a card, each
	// status.
	r.text.Truncation = fyne.TextTruncateOff
	if job != nil {
		r.text.Truncation = fyne.TextTruncateEllipsis
	}
	setText(r.text, text)
	resized = setVisible(r.use, g.Work == control.WorkSetAside)
	resized = setVisible(r.bar.obj, bar != "") || resized
	if bar != "" {
		r.bar.set(frac, bar, true)
	}
	return resized
}

// workText is the row's icon and line, and the progress bar's fraction
// and text when a job with known progress runs. An idle card says why
// mining waits, if it does.
func workText(g control.GPUStatus, job *control.Job, waits string) (fyne.Resource, string, float64, string) {
	switch {
	case job != nil:
		return rentIcon, jobLine(job), jobFraction(job), jobBar(job)
	case g.JobID != "":
		return rentIcon, "Rental job " + g.JobID, 0, ""
	case g.Work == "mining" && g.HashRate > 0:
		return mineIcon, "Mining · " + hashRate(g.HashRate), 0, ""
	case g.Work == "mining": // starting up, or a custom miner without a stats address
		return mineIcon, "Mining · hash rate unknown", 0, ""
	case g.Work == control.WorkMinerRestarting:
		return mineIcon, "Miner restarting after it stopped…", 0, ""
	case g.Work == "stopping":
		return theme.MediaStopIcon(), "Stopping its workload…", 0, ""
	case g.Work == control.WorkSetAside:
		// Short enough to fit beside "Use again" in the narrowest card
		// (minCardWidth): a longer line ran under the button.
		return theme.VisibilityOffIcon(), "Set aside · RigShift won't use it", 0, ""
	}
	if waits != "" && g.Work == "idle" {
		return theme.HistoryIcon(), "Idle · " + waits, 0, ""
	}
	return theme.MediaPauseIcon(), "Idle", 0, ""
}

func jobLine(j *control.Job) string {
	return fmt.Sprintf("%s · %s · %s", j.ID, j.Spec.Client, j.State)
}

func jobFraction(j *control.Job) float64 {
	if j.Progress.Percent < 0 {
		return 0
	}
	return j.Progress.Percent / 100
}

// jobBar is the progress bar's text: "45 % · ETA 12 min", or "" to hide
// the bar when the job reports no progress.
func jobBar(j *control.Job) string {
	p := j.Progress
	if p.Percent < 0 {
		return ""
	}
	if p.ETA < 0 || p.Done || !j.State.Active() {
		return percent(j)
	}
	return fmt.Sprintf("%s · ETA %s", percent(j), span(p.ETA))
}

// percent is a job's progress in whole percent, rounded down while it
// runs: 99.6 % is not "100 %" until the job is done.
func percent(j *control.Job) string {
	p := j.Progress.Percent
	if !j.Progress.Done && !j.State.Final() {
		p = math.Floor(p)
	}
	return fmt.Sprintf("%.0f %%", p)
}
