package ui

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// A rule is a solid line or bar of one colour: a panel's hairline outline
// and state stripe, the line between a card's sections.
//
// It is one pixel of colour stretched over its size and sampled without
// smoothing. Fyne draws a canvas.Rectangle with a shader that widens the
// shape by a pixel on every side for anti-aliasing and discards what falls
// outside; under software GL (llvmpipe: a VM, a remote desktop) a
// 480-pixel hairline drawn that way cost 123 µs of CPU a frame, as an image
// 63 µs, and a dashboard frame draws about thirty (ui/PERF.md, sixth
// round).
func newRule(c color.Color) *canvas.Image {
	r := &canvas.Image{FillMode: canvas.ImageFillStretch, ScaleMode: canvas.ImageScalePixels}
	setRuleColour(r, c)
	return r
}

// setRuleColour paints r in c; a rule in a transparent colour is hidden
// rather than drawn.
func setRuleColour(r *canvas.Image, c color.Color) {
	if _, _, _, a := c.RGBA(); a == 0 {
		r.Hide()
		return
	}
	if px, ok := r.Image.(*image.RGBA); ok && px.At(0, 0) == color.RGBAModel.Convert(c) {
		r.Show()
		return
	}
	px := image.NewRGBA(image.Rect(0, 0, 1, 1))
	px.Set(0, 0, c)
	r.Image = px
	r.Show()
	r.Refresh()
}

// newSeparator is widget.Separator drawn as a rule, in the theme's colour
// whenever the theme changes.
func newSeparator() fyne.CanvasObject {
	line := newRule(theme.Color(theme.ColorNameSeparator))
	t := theme.SeparatorThicknessSize()
	line.SetMinSize(fyne.NewSize(t, t))
	return newThemed(line, func() { setRuleColour(line, theme.Color(theme.ColorNameSeparator)) })
}
