//go:build !linux

package ui

// watchTrayHost: Windows and macOS always have a notification area or a
// menu bar for Fyne's tray.
func watchTrayHost() *trayHost {
	h := &trayHost{}
	h.present.Store(true)
	return h
}
