package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/rigshift/rigshift/jobs/control"
)

// shortcut is a key binding of the window.
type shortcut struct {
	key *desktop.CustomShortcut
	do  func()
}

// shortcuts binds Ctrl+1…4 to the modes (in the switch's order), Ctrl+N
// to "add a job" and Ctrl+W to closing the window.
func (s *shell) shortcuts() []shortcut {
	var out []shortcut
	for i, m := range control.Modes() {
		out = append(out, shortcut{ctrl(modeKeys[i]), func() { s.dash.modes.onMode(m) }})
	}
	return append(out, shortcut{ctrl(fyne.KeyN), s.onAddJob}, shortcut{ctrl(fyne.KeyW), s.onClose})
}

func (s *shell) addShortcuts() {
	for _, sc := range s.shortcuts() {
		s.win.Canvas().AddShortcut(sc.key, func(fyne.Shortcut) { sc.do() })
	}
}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}
