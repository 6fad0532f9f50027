package ui

import "github.com/rigshift/rigshift/ui/desktop"

// autostart is the desktop's autostart entry, as this RigShift writes it.
func autostart() (desktop.Autostart, error) {
	a, err := desktop.DefaultAutostart()
	a.Args, a.Instance = loginArgs, loginInstance
	return a, err
}

// setAutostart adds RigShift to the desktop's autostart (XDG), in the tray
// without the window when hidden, or removes it. Off, it leaves an entry
// that starts another RigShift alone: saving a simulated rig's settings,
// its Start at login off, removed the real rig's.
func setAutostart(on, hidden bool) error {
	a, err := autostart()
	if err != nil {
		return err
	}
	if !on {
		if !a.Ours() {
			return nil
		}
		return a.Disable()
	}
	return a.Enable("", hidden)
}

// refreshAutostart writes the entry again at start, with this program's
// path: an update may have moved it since Settings wrote the entry. An
// entry that starts another RigShift is left as it is.
func refreshAutostart(hidden bool) {
	if a, err := autostart(); err == nil && a.Ours() {
		_ = a.Enable("", hidden)
	}
}

// startsAtLogin is whether the desktop will start this RigShift at login:
// the setting, and its entry still there. `make uninstall` removes the
// entry and keeps the settings, a desktop's own startup tool may remove
// it, and another RigShift (of another data directory) may have made it
// its own: the box shows what happens at the next login, not what was
// once saved.
func startsAtLogin(setting bool) bool {
	a, err := autostart()
	return setting && err == nil && a.Ours()
}
