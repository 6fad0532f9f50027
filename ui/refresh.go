package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
)

// The dashboard's refresh is the owner's choice; the sampler reads the
// GPUs every second whatever it is (the sparklines and the history keep
// every sample). Each refresh repaints the whole window, which on a
// remote desktop or a VM (software GL) is most of the window's CPU, and
// over VNC most of its bandwidth.
var refreshChoices = []time.Duration{time.Second, 2 * time.Second, 5 * time.Second}

// defaultRefresh is what btop and most system monitors start at.
const defaultRefresh = 2 * time.Second

const refreshKey = "dashboard.refresh_ms"

// loadRefresh is the refresh the owner picked, or the default.
func loadRefresh(a fyne.App) time.Duration {
	d := time.Duration(a.Preferences().IntWithFallback(refreshKey, int(defaultRefresh/time.Millisecond))) * time.Millisecond
	for _, c := range refreshChoices {
		if c == d {
			return d
		}
	}
	return defaultRefresh // a hand-edited or old value
}

// saveRefresh remembers the refresh for the next start.
func saveRefresh(a fyne.App, d time.Duration) {
	a.Preferences().SetInt(refreshKey, int(d/time.Millisecond))
}

// refreshLabel words a choice for the settings: "every 2 s".
func refreshLabel(d time.Duration) string {
	return fmt.Sprintf("every %d s", int(d/time.Second))
}
