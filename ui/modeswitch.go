package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

// modeSwitch is the dashboard's row of four mode buttons, a segmented
// control: the current mode is the one filled segment, the others are flat
// inside one hairline outline. (Four filled buttons were a fifth of what a
// dashboard repaint cost under software GL: a rounded background is shaded
// pixel by pixel at every refresh.) A switch in progress shows a spinner
// and the words, and a refused switch says why.
type modeSwitch struct {
	ctl      modeSetter
	buttons  []*keyButton
	activity *widget.Activity
	spinner  *fyne.Container // the activity, shown while a switch turns
	status   *fyne.Container // the spinner and the caption
	// The caption wraps: a big rig's GPUs set aside, or a refusal's
	// reason, in one line widened the dashboard past a small window.
	noteBox  *widget.RichText
	note     *widget.TextSegment // its text, in the tone's colour: placeholder, or error
	resized  func()              // lays the dashboard out again when the caption takes more or fewer lines
	current  control.Mode
	asked    *control.Mode // a request not yet answered
	switchin bool          // the controller is still moving workloads
	waits    string        // why mining waits, in a few words ("mining starts at 22:00"), or ""
	aside    string        // the GPUs set aside, in a few words ("GPU 1 is set aside"), or ""
	running  []control.Job // the rental jobs running, which Idle and Mine would stop
	noGPU    bool          // the rig has no GPU to run anything on (no driver, say)
	noMiner  bool          // no miner is set up: Mine and Auto mine nothing
	// ask puts a yes-or-no question in the window (nil: no question, as
	// in tests of the switch alone); yes runs only when the owner agrees.
	ask func(title, text, noLabel, yesLabel string, yes func())
}

func newModeSwitch(ctl modeSetter) *modeSwitch {
	s := &modeSwitch{ctl: ctl, activity: widget.NewActivity(),
		note: &widget.TextSegment{Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder}}}
	s.noteBox = widget.NewRichText(s.note)
	s.noteBox.Wrapping = fyne.TextWrapWord
	for _, m := range control.Modes() {
		b := newKeyButton(m.Title(), modeIcon(m), func() { s.onMode(m) })
		s.buttons = append(s.buttons, b)
	}
	return s
}

func (s *modeSwitch) build() fyne.CanvasObject {
	row := container.NewGridWithColumns(len(s.buttons))
	for _, b := range s.buttons {
		row.Add(b)
	}
	// The spinner is as high as the caption's line (Fyne's is a pixel
	// higher), so the panel does not grow while a switch turns it.
	line := fyne.MeasureText("Switching", theme.TextSize(), fyne.TextStyle{}).Height
	s.spinner = container.New(layout.NewGridWrapLayout(fyne.NewSize(line, line)), s.activity)
	s.spinner.Hide()
	s.paint()
	// A border, not a box: a box gives the caption only its least width,
	// a word's, and it would wrap after every word.
	// Less the rich text's own padding, the caption sits where a line of
	// plain text did: in line with the switch's edge, and a line high.
	pad := -theme.InnerPadding()
	caption := container.New(layout.NewCustomPaddedLayout(pad, pad, pad, pad), s.noteBox)
	s.status = container.New(layout.NewBorderLayout(nil, nil, s.spinner, nil), s.spinner, caption)
	return container.NewVBox(newOutline(row), s.status)
}

// onMode switches to m: the window's buttons, the shortcuts, the tray
// and a queued job's "Switch to Auto" all come here. A switch that would
// stop a client's running job asks first: Idle and Mine stop rental jobs,
// which start again from the beginning later (or fail, if their client
// asked so), and one click should not throw away hours of a job.
func (s *modeSwitch) onMode(m control.Mode) {
	if m.RunsJobs() || len(s.running) == 0 || s.ask == nil {
		s.setMode(m)
		return
	}
	s.ask("Switch to "+m.Title()+"?", control.JobsStoppedBy(s.running, m.Title()), "Keep renting", "Switch to "+m.Title(),
		func() { s.setMode(m) })
}

// setMode asks the controller for m off the UI goroutine; the answer comes
// back through fyne.Do, the new mode through the next status.
func (s *modeSwitch) setMode(m control.Mode) {
	s.asked = &m
	s.paint()
	go func() {
		err := s.ctl.SetMode(m)
		runOnUI(func() { s.answered(m, err) })
	}()
}

func (s *modeSwitch) answered(m control.Mode, err error) {
	s.asked = nil
	if err == nil {
		s.current = m
	}
	s.paint()
	if err != nil {
		s.writeNote(fmt.Sprintf("Could not switch to %s: %v", m.Title(), err), theme.ColorNameError)
	}
}

// show follows the controller's status.
func (s *modeSwitch) show(st control.Status) {
	s.running = st.Running
	aside, noMiner := asideWords(st.GPUs), !st.Miner.Configured
	if st.Mode == s.current && st.Switching == s.switchin && st.MiningWaits == s.waits && aside == s.aside && noMiner == s.noMiner {
		return
	}
	s.current, s.switchin, s.waits, s.aside, s.noMiner = st.Mode, st.Switching, st.MiningWaits, aside, noMiner
	s.paint()
}

// paint highlights the current (or asked-for) mode and says what is going on.
func (s *modeSwitch) paint() {
	target := s.current
	if s.asked != nil {
		target = *s.asked
	}
	for i, b := range s.buttons {
		imp := widget.LowImportance // flat: no background to paint
		if control.Mode(i) == target {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
	busy := s.asked != nil || s.switchin
	if setVisible(s.spinner, busy) && s.status != nil {
		s.status.Refresh() // the caption moves over for the spinner, or back
	}
	if busy {
		s.activity.Start()
		s.setNote(fmt.Sprintf("Switching to %s…", target.Title()))
		return
	}
	s.activity.Stop()
	s.setNote(s.caption(target))
}

// caption says what the mode does and, while mining waits for its hours or
// for the owner to leave, that too, as it says the GPUs set aside and a
// miner not set up: "Mine:
// mine on every GPU" alone would read as a promise the idle cards below do
// not keep.
func (s *modeSwitch) caption(m control.Mode) string {
	hint := modeHint(m)
	if m != s.current || m == control.Idle {
		return fmt.Sprintf("%s: %s", m.Title(), hint)
	}
	if s.noGPU { // "mine on every GPU" on a rig without a driver read as a promise
		return fmt.Sprintf("%s: no GPU to run on, so nothing runs", m.Title())
	}
	if s.aside == everyGPUAside {
		// Not "mine on every GPU; every GPU is set aside": the hint and
		// the fact contradicted each other, and when mining would start
		// no longer matters.
		return fmt.Sprintf("%s: %s", m.Title(), everyGPUAside)
	}
	if s.noMiner && m == control.Mine {
		// Not "mine on every GPU" above the notice that says the GPUs
		// stay idle for want of a miner.
		return fmt.Sprintf("%s: no miner is set up, so nothing runs", m.Title())
	}
	parts := []string{hint}
	if s.noMiner && m == control.Auto {
		parts[0] = "rent first"
	}
	if s.aside != "" {
		parts = append(parts, s.aside)
	}
	switch {
	case s.noMiner && m == control.Auto:
		parts = append(parts, "no miner is set up to mine the rest")
	case s.waits != "" && (m == control.Mine || m == control.Auto):
		parts = append(parts, s.waits)
	}
	return fmt.Sprintf("%s: %s", m.Title(), strings.Join(parts, "; "))
}

// everyGPUAside is asideWords of a rig whose every GPU is set aside.
const everyGPUAside = "every GPU is set aside, so nothing runs"

// asideWords names the GPUs the owner set aside: "GPU 1 is set aside",
// "GPUs 0, 2 are set aside"; "" when none is.
func asideWords(gpus []control.GPUStatus) string {
	var aside []string
	for _, g := range gpus {
		if g.Aside {
			aside = append(aside, strconv.Itoa(g.Index))
		}
	}
	switch {
	case len(aside) == 0:
		return ""
	case len(aside) == len(gpus):
		return everyGPUAside
	case len(aside) == 1:
		return "GPU " + aside[0] + " is set aside"
	}
	return "GPUs " + strings.Join(aside, ", ") + " are set aside"
}

func (s *modeSwitch) setNote(text string) { s.writeNote(text, theme.ColorNamePlaceHolder) }

// writeNote says text under the switch in the tone's colour.
func (s *modeSwitch) writeNote(text string, tone fyne.ThemeColorName) {
	if s.note.Text == text && s.note.Style.ColorName == tone {
		return
	}
	height := s.noteBox.MinSize().Height
	s.note.Text, s.note.Style.ColorName = text, tone
	s.noteBox.Refresh()
	if s.resized != nil && s.noteBox.MinSize().Height != height {
		s.resized()
	}
}

// setVisible shows or hides o, touching it only when that changes.
func setVisible(o fyne.CanvasObject, show bool) (changed bool) {
	switch {
	case show && !o.Visible():
		o.Show()
	case !show && o.Visible():
		o.Hide()
	default:
		return false
	}
	return true
}
