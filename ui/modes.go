package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/rigshift/rigshift/assets"
	"github.com/rigshift/rigshift/jobs/control"
)

// Themed glyphs for the modes, recoloured with the theme so they suit
// light and dark.
var (
	mineIcon = theme.NewThemedResource(fyne.NewStaticResource("mode-mine.svg", assets.ModeMineSVG))
	rentIcon = theme.NewThemedResource(fyne.NewStaticResource("mode-rent.svg", assets.ModeRentSVG))
	autoIcon = theme.NewThemedResource(fyne.NewStaticResource("mode-auto.svg", assets.ModeAutoSVG))
)

// modeIcon is the glyph of a mode's button and menu item.
func modeIcon(m control.Mode) fyne.Resource {
	switch m {
	case control.Mine:
		return mineIcon
	case control.Rent:
		return rentIcon
	case control.Auto:
		return autoIcon
	}
	return theme.MediaPauseIcon()
}

// modeHint says in a few words what a mode does, for tooltips-by-caption.
func modeHint(m control.Mode) string {
	switch m {
	case control.Mine:
		return "mine on every GPU"
	case control.Rent:
		return "run rental jobs only"
	case control.Auto:
		return "rent first, mine the rest"
	}
	return "nothing runs"
}

// modeKeys are the keyboard shortcuts Ctrl+1…4, in the switch's order.
var modeKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4}
