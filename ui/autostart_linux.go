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
