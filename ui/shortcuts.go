package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/rigshift/rigshift/jobs/control"
)

// addShortcuts binds Ctrl+1…4 to the modes (in the switch's order),
// Ctrl+N to "add a job" and Ctrl+W to closing the window.
func (s *shell) addShortcuts() {
	c := s.win.Canvas()
	for i, m := range control.Modes() {
		c.AddShortcut(ctrl(modeKeys[i]), func(fyne.Shortcut) { s.dash.modes.onMode(m) })
	}
	c.AddShortcut(ctrl(fyne.KeyN), func(fyne.Shortcut) { s.onAddJob() })
	c.AddShortcut(ctrl(fyne.KeyW), func(fyne.Shortcut) { s.onClose() })
}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}
