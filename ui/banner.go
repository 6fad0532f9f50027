package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// banner is a tinted strip with an icon, a sentence and an optional
// button: how the dashboard says "no miner set up — set one up".
func banner(level fyne.ThemeColorName, icon fyne.Resource, text string, action *widget.Button) fyne.CanvasObject {
	return labelBanner(level, icon, wrapped(text), action)
}

// labelBanner is a banner whose sentence msg the caller may change.
func labelBanner(level fyne.ThemeColorName, icon fyne.Resource, msg *widget.Label, action *widget.Button) fyne.CanvasObject {
	bg := canvas.NewRectangle(nil)
	bg.CornerRadius = theme.InputRadiusSize()
	tinted := newThemed(bg, func() { bg.FillColor = tint(theme.Color(level), 0x30) })
	var right fyne.CanvasObject
	if action != nil {
		right = container.NewCenter(action)
	}
	body := container.NewBorder(nil, nil, widget.NewIcon(icon), right, msg)
	return container.NewStack(tinted, container.NewPadded(body))
}

// tint is c at alpha a, for backgrounds that must stay readable in light
// and dark themes.
func tint(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}
