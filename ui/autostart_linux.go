package ui

import "github.com/rigshift/rigshift/ui/desktop"

// setAutostart adds RigShift to the desktop's autostart (XDG), in the tray
// without the window when hidden, or removes it.
func setAutostart(on, hidden bool) error {
	a, err := desktop.DefaultAutostart()
	if err != nil {
		return err
	}
	if !on {
		return a.Disable()
	}
	return a.Enable("", hidden)
}

// refreshAutostart writes the entry again at start, with this program's
// path: an update may have moved it since Settings wrote the entry.
func refreshAutostart(hidden bool) {
	if a, err := desktop.DefaultAutostart(); err == nil && a.Enabled() {
		_ = a.Enable("", hidden)
	}
}
