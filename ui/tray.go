package ui

import (
	"strings"

	"fyne.io/fyne/v2"

	"github.com/rigshift/rigshift/jobs/control"
)

// tray keeps the system tray's icon and menu in step with the status,
// touching D-Bus only when what they show changes.
type tray struct {
	app  trayBackend
	act  trayActions
	menu string
	icon fyne.Resource
}

// trayBackend is where the tray's icon and menu go (see platformTray).
type trayBackend interface {
	SetSystemTrayIcon(fyne.Resource)
	SetSystemTrayMenu(*fyne.Menu)
}

// newTray is nil where the app has no tray (tests, mobile).
func newTray(a fyne.App, act trayActions) *tray {
	b := platformTray(a)
	if b == nil {
		return nil
	}
	t := &tray{app: b, act: act}
	t.show(control.Status{})
	return t
}

// close takes the tray's item off the desktop, where the backend does not
// do that itself (Fyne's own tray does).
func (t *tray) close() {
	if t == nil {
		return
	}
	if c, ok := t.app.(interface{ close() }); ok {
		c.close()
	}
}

// show updates the tray for st. It runs on the UI goroutine.
func (t *tray) show(st control.Status) {
	if t == nil {
		return
	}
	if icon := trayIcon(st); icon != t.icon {
		t.icon = icon
		t.app.SetSystemTrayIcon(icon) // never nil: that panics in Fyne 2.8
	}
	m := trayMenu(st, t.act)
	if key := menuKey(m); key != t.menu {
		t.menu = key
		t.app.SetSystemTrayMenu(m)
	}
}

// menuKey is what the menu shows, to tell whether it changed.
func menuKey(m *fyne.Menu) string {
	var b strings.Builder
	for _, it := range m.Items {
		b.WriteString(it.Label)
		if it.Checked {
			b.WriteString("*")
		}
		b.WriteString("|")
	}
	return b.String()
}
