package ui

import "sync/atomic"

// trayHost tells whether the desktop shows system-tray icons now. Fyne's
// tray is a StatusNotifierItem: on a desktop without a
// StatusNotifierWatcher (GNOME without its AppIndicator extension, a bare
// window manager) it is never shown, and a window hidden "to the tray"
// could not be brought back.
type trayHost struct {
	present atomic.Bool
	close   func()
}

// Present reports whether a tray host is there; a nil trayHost has none.
func (h *trayHost) Present() bool { return h != nil && h.present.Load() }

// Close stops following the desktop.
func (h *trayHost) Close() {
	if h != nil && h.close != nil {
		h.close()
	}
}
