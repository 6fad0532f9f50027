//go:build (linux || freebsd || openbsd || netbsd) && !android

package ui

import (
	"bytes"
	"fmt"
	"image/png"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/systray"
)

// trayIconSize is the side of the PNG the tray icon is drawn at; the
// desktop scales it to its panel.
const trayIconSize = 64

// platformTray is the desktop's StatusNotifierItem, published through
// fyne.io/systray: the library Fyne's own tray wraps. The wrapper also
// opens a hidden second window, only to learn when the desktop asks the
// app to quit, and that window's GL context cost 9 MB of RigShift's memory
// under software GL (a VM, a remote desktop): measured 145 against 154 MB.
// Nil where the app is not a desktop one (the tests' app).
func platformTray(a fyne.App) trayBackend {
	if _, ok := a.(desktop.App); !ok {
		return nil
	}
	return &sniTray{pngs: map[fyne.Resource][]byte{}}
}

// sniTray is the tray on Linux and the BSDs. Its methods run on the UI
// goroutine; fyne.io/systray guards its own state, but for one race of its
// own (GetLayout's goroutine bumps the menu's revision without its lock:
// at worst a desktop reads a revision one behind, then the update signal
// after it), which the D-Bus tests log rather than fail.
type sniTray struct {
	start sync.Once
	end   func()                   // takes the item off the bus; nil until published
	pngs  map[fyne.Resource][]byte // icons already drawn
}

// SetSystemTrayIcon shows icon, drawn to PNG, which is what a
// StatusNotifierItem carries.
func (t *sniTray) SetSystemTrayIcon(icon fyne.Resource) {
	data, ok := t.pngs[icon]
	if !ok {
		var err error
		if data, err = trayPNG(icon); err != nil {
			fyne.LogError("tray icon", err)
			return
		}
		t.pngs[icon] = data
	}
	systray.SetIcon(data)
	t.publish()
}

// SetSystemTrayMenu replaces the tray's menu with m.
func (t *sniTray) SetSystemTrayMenu(m *fyne.Menu) {
	systray.ResetMenu()
	for _, it := range m.Items {
		addTrayItem(it)
	}
	t.publish()
}

// publish puts the item on the session bus, once, after its icon or menu
// is first set. Connecting to the bus is a socket call: it is made off
// the UI goroutine.
func (t *sniTray) publish() {
	t.start.Do(func() {
		start, end := systray.RunWithExternalLoop(func() {}, nil)
		systray.SetTitle("RigShift") // some hosts fail on an item without one
		started := make(chan struct{})
		go func() { start(); close(started) }()
		t.end = func() {
			select {
			case <-started:
				end()
			case <-time.After(2 * time.Second): // a bus that hangs must not keep RigShift from quitting
			}
		}
	})
}

// close takes the item off the session bus as RigShift quits.
func (t *sniTray) close() {
	if t.end != nil {
		t.end()
	}
}

// addTrayItem adds one item of a Fyne menu; its action runs on the UI
// goroutine. An item's channel is closed when the menu is reset, which
// ends its goroutine.
func addTrayItem(it *fyne.MenuItem) {
	if it.IsSeparator {
		systray.AddSeparator()
		return
	}
	var item *systray.MenuItem
	if it.Checked {
		item = systray.AddMenuItemCheckbox(it.Label, "", true)
	} else {
		item = systray.AddMenuItem(it.Label, "")
	}
	if it.Disabled {
		item.Disable()
	}
	action := it.Action
	go func() {
		for range item.ClickedCh {
			if action != nil {
				runOnUI(action)
			}
		}
	}()
}

// trayPNG draws an icon (SVG or bitmap) to a square PNG.
func trayPNG(icon fyne.Resource) ([]byte, error) {
	c := software.NewTransparentCanvas()
	c.SetPadded(false)
	c.SetContent(canvas.NewImageFromResource(icon))
	c.Resize(fyne.NewSquareSize(trayIconSize))
	var buf bytes.Buffer
	if err := png.Encode(&buf, c.Capture()); err != nil {
		return nil, fmt.Errorf("drawing %s: %w", icon.Name(), err)
	}
	return buf.Bytes(), nil
}
