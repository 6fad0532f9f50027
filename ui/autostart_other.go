//go:build !linux

package ui

// setAutostart is not implemented off Linux yet: the setting is kept, and
// the owner adds RigShift to their login items by hand.
func setAutostart(on, hidden bool) error { return nil }

func refreshAutostart(hidden bool) {}

// startsAtLogin is the setting, where RigShift writes no entry to check.
func startsAtLogin(setting bool) bool { return setting }
