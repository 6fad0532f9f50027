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
	a.Args = loginArgs
	return a.Enable("", hidden)
}

// refreshAutostart writes the entry again at start, with this program's
// path: an update may have moved it since Settings wrote the entry.
func refreshAutostart(hidden bool) {
	if a, err := desktop.DefaultAutostart(); err == nil && a.Enabled() {
		a.Args = loginArgs
		_ = a.Enable("", hidden)
	}
}

// startsAtLogin is whether the desktop will start RigShift at login: the
// setting, and the entry still there. `make uninstall` removes the entry
// and keeps the settings, and a desktop's own startup tool may remove it:
// the box shows what happens at the next login, not what was once saved.
func startsAtLogin(setting bool) bool {
	a, err := desktop.DefaultAutostart()
	return setting && err == nil && a.Enabled()
}
