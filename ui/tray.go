package ui

import (
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"

	"github.com/rigshift/rigshift/jobs/control"
)

// tray keeps the system tray's icon and menu in step with the status,
// touching D-Bus only when what they show changes.
type tray struct {
	app    trayBackend
	act    trayActions
	menu   string    // what the menu shows (menuKey)
	shape  string    // and without its numbers (menuShape)
	menuAt time.Time // when it was last set
	icon   fyne.Resource
	now    func() time.Time // time.Now; tests move it
}

// trayNumbersEvery is how often a menu whose numbers alone changed (a
// hash rate read every 5 s, a short job's percent) is set again: each set
// sends the panel a signal per item to read the menu anew, and a rig
// with jobs and a miner sent it dozens a second.
const trayNumbersEvery = 10 * time.Second

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
	key, shape := menuKey(m), menuShape(m)
	if key == t.menu {
		return
	}
	now := time.Now()
	if t.now != nil {
		now = t.now()
	}
	if shape == t.shape && now.Sub(t.menuAt) < trayNumbersEvery {
		return // its numbers only: they are set with the next status after the wait
	}
	t.menu, t.shape, t.menuAt = key, shape, now
	t.app.SetSystemTrayMenu(m)
}

// menuShape is menuKey without the numbers that move by themselves: the
// status line's (a hash rate, a count of GPUs) and each job's percent. A
// mode picked, a job begun (its ID, which its item opens) or a warning
// (the GPU it names) comes at once; a number that moved waits its turn.
func menuShape(m *fyne.Menu) string {
	return menuLabels(m, func(i int, label string) string {
		if i == 0 {
			return noDigits(label)
		}
		if cut := strings.LastIndex(label, " — "); cut >= 0 { // a job's progress
			return label[:cut] + noDigits(label[cut:])
		}
		return label
	})
}

func noDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, s)
}

// menuKey is what the menu shows, to tell whether it changed.
func menuKey(m *fyne.Menu) string {
	return menuLabels(m, func(_ int, label string) string { return label })
}

// menuLabels writes each item's label, as label writes it, and its tick.
func menuLabels(m *fyne.Menu, label func(i int, label string) string) string {
	var b strings.Builder
	for i, it := range m.Items {
		b.WriteString(label(i, it.Label))
		if it.Checked {
			b.WriteString("*")
		}
		b.WriteString("|")
	}
	return b.String()
}
