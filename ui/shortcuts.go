package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

// shortcut is a key binding of the window.
type shortcut struct {
	key *desktop.CustomShortcut
	do  func()
}

// shortcuts binds Ctrl+1…4 to the modes (in the switch's order), Ctrl+N
// to "add a job", Ctrl+W to closing the window, and Ctrl+Page Down and
// Ctrl+Tab (Page Up, Shift+Tab: back) to the next screen, as a browser's
// tabs: the list of screens takes no keyboard focus, and an owner without
// a mouse could not open the history, the settings or the events.
func (s *shell) shortcuts() []shortcut {
	var out []shortcut
	for i, m := range control.Modes() {
		out = append(out, shortcut{ctrl(modeKeys[i]), func() { s.dash.modes.onMode(m) }})
	}
	next, back := func() { s.nextScreen(1) }, func() { s.nextScreen(-1) }
	return append(out, shortcut{ctrl(fyne.KeyN), s.onAddJob}, shortcut{ctrl(fyne.KeyW), s.onClose},
		shortcut{ctrl(fyne.KeyPageDown), next}, shortcut{ctrl(fyne.KeyPageUp), back},
		shortcut{ctrl(fyne.KeyTab), next}, shortcut{ctrlShift(fyne.KeyTab), back})
}

// nextScreen opens the screen by places below the one shown, round the
// list.
func (s *shell) nextScreen(by int) {
	n := len(s.tabs.Items)
	s.tabs.SelectIndex(((s.tabs.SelectedIndex()+by)%n + n) % n)
}

// addShortcuts binds them to the window. While a dialog is open they do
// nothing: Fyne hands the window a shortcut whenever the focused widget
// (a radio button in the dialog, say) does not take it, and Ctrl+2 would
// switch the rig's mode behind the add-job dialog.
func (s *shell) addShortcuts() {
	c := s.win.Canvas()
	s.keys = map[string]func(){}
	for _, sc := range s.shortcuts() {
		do := func() {
			if c.Overlays().Top() == nil {
				sc.do()
			}
		}
		s.keys[sc.key.ShortcutName()] = do
		c.AddShortcut(sc.key, func(fyne.Shortcut) { do() })
	}
}

// windowShortcut runs the window's own shortcut sc, and says whether sc
// was one.
func (s *shell) windowShortcut(sc fyne.Shortcut) bool {
	do := s.keys[sc.ShortcutName()]
	if do != nil {
		do()
	}
	return do != nil
}

// screenEntry is a screen's entry that lets the window's shortcuts
// through (window, when set): Fyne hands every shortcut to the focused
// entry, which keeps those it does not know, and with a settings field
// focused Ctrl+1…4, Ctrl+N and Ctrl+Page Down did nothing.
type screenEntry struct {
	widget.Entry
	window func(fyne.Shortcut) bool
}

func newScreenEntry(password bool, window func(fyne.Shortcut) bool) *screenEntry {
	e := &screenEntry{window: window}
	e.Password = password                             // the entry adds its "show" button itself
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewEntry
	e.ExtendBaseWidget(e)
	return e
}

func (e *screenEntry) TypedShortcut(sc fyne.Shortcut) {
	if e.window != nil && e.window(sc) {
		return
	}
	e.Entry.TypedShortcut(sc)
}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}
