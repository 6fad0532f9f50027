package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
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
	buttons  []*widget.Button
	activity *widget.Activity
	note     *canvas.Text
	noteTone fyne.ThemeColorName // the note's colour: placeholder, or error
	current  control.Mode
	asked    *control.Mode // a request not yet answered
	switchin bool          // the controller is still moving workloads
	waits    string        // why mining waits, in a few words ("mining starts at 22:00"), or ""
}

func newModeSwitch(ctl modeSetter) *modeSwitch {
	s := &modeSwitch{ctl: ctl, activity: widget.NewActivity(),
		note: canvas.NewText("", nil), noteTone: theme.ColorNamePlaceHolder}
	for _, m := range control.Modes() {
		b := widget.NewButtonWithIcon(m.Title(), modeIcon(m), func() { s.onMode(m) })
		s.buttons = append(s.buttons, b)
	}
	return s
}

func (s *modeSwitch) build() fyne.CanvasObject {
	row := container.NewGridWithColumns(len(s.buttons))
	for _, b := range s.buttons {
		row.Add(b)
	}
	s.activity.Hide()
	s.paint()
	note := newThemed(s.note, func() { s.note.Color = theme.Color(s.noteTone) })
	return container.NewVBox(newOutline(row), container.NewHBox(s.activity, note))
}

// onMode asks the controller for m off the UI goroutine; the answer comes
// back through fyne.Do, the new mode through the next status.
func (s *modeSwitch) onMode(m control.Mode) {
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
	if st.Mode == s.current && st.Switching == s.switchin && st.MiningWaits == s.waits {
		return
	}
	s.current, s.switchin, s.waits = st.Mode, st.Switching, st.MiningWaits
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
	setVisible(s.activity, busy)
	if busy {
		s.activity.Start()
		s.setNote(fmt.Sprintf("Switching to %s…", target.Title()))
		return
	}
	s.activity.Stop()
	s.setNote(s.caption(target))
}

// caption says what the mode does and, while mining waits for its hours or
// for the owner to leave, that too: "Mine: mine on every GPU" alone would
// read as a promise the idle cards below do not keep.
func (s *modeSwitch) caption(m control.Mode) string {
	text := fmt.Sprintf("%s: %s", m.Title(), modeHint(m))
	if s.waits != "" && m == s.current && (m == control.Mine || m == control.Auto) {
		text += "; " + s.waits
	}
	return text
}

func (s *modeSwitch) setNote(text string) { s.writeNote(text, theme.ColorNamePlaceHolder) }

// writeNote says text under the switch in the tone's colour.
func (s *modeSwitch) writeNote(text string, tone fyne.ThemeColorName) {
	s.note.Text, s.noteTone, s.note.Color = text, tone, theme.Color(tone)
	s.note.Refresh()
}

// setVisible shows or hides o, touching it only when that changes.
func setVisible(o fyne.CanvasObject, show bool) {
	switch {
	case show && !o.Visible():
		o.Show()
	case !show && o.Visible():
		o.Hide()
	}
}
