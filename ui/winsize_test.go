package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// The window fits the screen's work area less a title bar: the default
// 1060×800 on a 1366×768 laptop (work area 1366×740 under a 28 px panel),
// on a 1024×768 remote desktop, and on a HiDPI laptop at scale 2; never
// below the smallest size the screens need, and never made larger.
func TestFitSizeKeepsTheWindowOnTheScreen(t *testing.T) {
	for _, c := range []struct {
		name          string
		size          fyne.Size
		width, height int
		scale         float32
		want          fyne.Size
	}{
		{"1366×768 laptop", defaultSize, 1366, 740, 1, fyne.NewSize(1060, 700)},
		{"1024×768 remote desktop", defaultSize, 1024, 768, 1, fyne.NewSize(1024, 728)},
		{"2560×1600 at scale 2", defaultSize, 2560, 1572, 2, fyne.NewSize(1060, 746)},
		{"a full HD screen", defaultSize, 1920, 1050, 1, defaultSize},
		{"a tiny screen", defaultSize, 600, 400, 1, smallestSize},
		{"a small window stays", fyne.NewSize(500, 300), 1366, 740, 1, fyne.NewSize(500, 300)},
		{"no scale yet", defaultSize, 1366, 740, 0, fyne.NewSize(1060, 700)},
	} {
		if got := fitSize(c.size, c.width, c.height, c.scale); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
