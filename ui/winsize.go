package ui

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.4/glfw"
)

// defaultSize fits two GPU cards side by side next to the screen list.
var defaultSize = fyne.NewSize(1060, 800)

// smallestSize is the least a restored size may be: below it the screens
// have no room for their content.
var smallestSize = fyne.NewSize(640, 480)

// titleBar is what the window manager's frame takes above the window,
// beyond the work area: GNOME's and KDE's are 30–40 px.
const titleBar = 40

// restoreSize gives the window the size it had when last closed.
func restoreSize(a fyne.App, w fyne.Window) {
	p := a.Preferences()
	size := fyne.NewSize(float32(p.FloatWithFallback("window.width", float64(defaultSize.Width))),
		float32(p.FloatWithFallback("window.height", float64(defaultSize.Height))))
	w.Resize(size.Max(smallestSize))
}

// saveSize remembers the window's size for the next start.
func saveSize(a fyne.App, w fyne.Window) {
	size := w.Canvas().Size()
	if size.Width < 100 || size.Height < 100 {
		return // not laid out yet: keep what was saved
	}
	a.Preferences().SetFloat("window.width", float64(size.Width))
	a.Preferences().SetFloat("window.height", float64(size.Height))
}

// fitScreen shrinks a shown window to the screen's work area (the screen
// less the desktop's panels) and a title bar, so that the default
// 1060×800, or a size remembered from a larger screen, opens whole on a
// 1366×768 laptop or a 1024×768 remote desktop: taller, its bottom rows
// and the cards' last lines were off the screen. Call it on the main
// goroutine once the window is shown (its scale is known then).
func fitScreen(w fyne.Window) {
	width, height, ok := workArea()
	if !ok {
		return
	}
	c := w.Canvas()
	if fit := fitSize(c.Size(), width, height, c.Scale()); fit != c.Size() {
		w.Resize(fit)
	}
}

// fitSize is size within a work area of width × height screen pixels at
// scale, never below smallestSize.
func fitSize(size fyne.Size, width, height int, scale float32) fyne.Size {
	if scale <= 0 {
		scale = 1
	}
	room := fyne.NewSize(float32(width)/scale, float32(height)/scale-titleBar)
	return size.Min(room).Max(smallestSize.Min(size))
}

// workArea is the primary screen's work area in pixels; ok is false where
// GLFW cannot say (Wayland, no display).
func workArea() (width, height int, ok bool) {
	defer func() {
		if recover() != nil { // go-gl panics on GLFW's errors
			ok = false
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0, false
	}
	_, _, width, height = m.GetWorkarea()
	return width, height, width > 0 && height > 0
}
