//go:build !((linux || freebsd || openbsd || netbsd) && !android)

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// platformTray is Fyne's own tray where the system's tray needs Fyne's
// event loop (macOS, Windows). Nil where the app has none.
func platformTray(a fyne.App) trayBackend {
	if d, ok := a.(desktop.App); ok {
		return d
	}
	return nil
}
