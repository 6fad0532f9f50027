package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The window looks like the desktop (light or dark, as it says) unless the
// owner picks one for RigShift alone: a rig's screen in a dark room, say.
// Like the window's size, it is a preference of this desktop, applied at
// once.
var appearances = []struct{ key, label string }{
	{"", "Like the desktop"}, {"light", "Light"}, {"dark", "Dark"},
}

const appearanceKey = "window.appearance"

// loadAppearance is the look the owner picked: "", "light" or "dark".
func loadAppearance(a fyne.App) string {
	key := a.Preferences().String(appearanceKey)
	for _, c := range appearances {
		if c.key == key {
			return key
		}
	}
	return "" // a hand-edited or old value
}

// applyAppearance sets the look, remembers it, and redraws every window.
func applyAppearance(a fyne.App, key string) {
	a.Preferences().SetString(appearanceKey, key)
	a.Settings().SetTheme(newRigTheme(key))
}

// forcedVariant is the variant an appearance draws in; ok is false for
// "like the desktop".
func forcedVariant(key string) (v fyne.ThemeVariant, ok bool) {
	switch key {
	case "light":
		return theme.VariantLight, true
	case "dark":
		return theme.VariantDark, true
	}
	return 0, false
}
