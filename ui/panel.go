package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// stripeWidth is how wide a panel's state stripe is drawn.
const stripeWidth = 4

// panel frames a group with a hairline outline and, where it is given an
// accent, a coloured stripe down its leading edge (a GPU card's state:
// mining, renting, hot, lost). The live screens use it instead of
// widget.Card: a card's rounded, shadowed background is shaded pixel by
// pixel over its whole area at every repaint, and under software GL (a
// remote desktop, a VM) that was half of what a dashboard frame cost; a
// hairline covers almost no pixels. The lines are rules (rule.go).
type panel struct {
	widget.BaseWidget
	content fyne.CanvasObject
	accent  fyne.ThemeColorName // "" for no stripe
	flush   bool                // the outline hugs the content: no padding, no stripe
}

func newPanel(content fyne.CanvasObject) *panel {
	p := &panel{content: content}
	p.ExtendBaseWidget(p)
	return p
}

// newOutline draws the hairline right around content, as around the mode
// switch's segments.
func newOutline(content fyne.CanvasObject) *panel {
	p := newPanel(content)
	p.flush = true
	return p
}

// setAccent colours the stripe; "" removes it.
func (p *panel) setAccent(name fyne.ThemeColorName) {
	if p.accent != name {
		p.accent = name
		p.Refresh()
	}
}

// CreateRenderer implements fyne.Widget.
func (p *panel) CreateRenderer() fyne.WidgetRenderer {
	r := &panelRenderer{p: p, stripe: newRule(color.Transparent)}
	for i := range r.edges {
		r.edges[i] = newRule(color.Transparent)
	}
	r.objects = []fyne.CanvasObject{r.edges[0], r.edges[1], r.edges[2], r.edges[3], r.stripe, p.content}
	r.Refresh()
	return r
}

type panelRenderer struct {
	p       *panel
	edges   [4]*canvas.Image // top, bottom, left, right
	stripe  *canvas.Image
	objects []fyne.CanvasObject
}

// inset is the room between the outline and the content.
func inset() float32 { return theme.InnerPadding() }

// room is the space the outline keeps on the content's leading edge (for
// the stripe, shown or not: content never shifts) and on each other side.
func (r *panelRenderer) room() (leading, other float32) {
	if r.p.flush {
		return 0, 0
	}
	return inset() + stripeWidth, inset()
}

func (r *panelRenderer) Layout(size fyne.Size) {
	w, h := size.Width, size.Height
	r.edges[0].Move(fyne.NewPos(0, 0))
	r.edges[0].Resize(fyne.NewSize(w, 1))
	r.edges[1].Move(fyne.NewPos(0, h-1))
	r.edges[1].Resize(fyne.NewSize(w, 1))
	r.edges[2].Move(fyne.NewPos(0, 0))
	r.edges[2].Resize(fyne.NewSize(1, h))
	r.edges[3].Move(fyne.NewPos(w-1, 0))
	r.edges[3].Resize(fyne.NewSize(1, h))
	r.stripe.Move(fyne.NewPos(0, 0))
	r.stripe.Resize(fyne.NewSize(stripeWidth, h))
	left, pad := r.room()
	r.p.content.Move(fyne.NewPos(left, pad))
	r.p.content.Resize(fyne.NewSize(w-left-pad, h-2*pad))
}

func (r *panelRenderer) MinSize() fyne.Size {
	m := r.p.content.MinSize()
	left, pad := r.room()
	return fyne.NewSize(m.Width+left+pad, m.Height+2*pad)
}

// Refresh follows the theme (light, dark) and the accent.
func (r *panelRenderer) Refresh() {
	line := theme.Color(theme.ColorNameSeparator)
	left := line
	var stripe color.Color = color.Transparent
	if r.p.accent != "" {
		stripe = accentColour(r.p.accent)
		left = color.Transparent // the stripe covers the left edge: one draw fewer a frame
	}
	setRuleColour(r.edges[0], line)
	setRuleColour(r.edges[1], line)
	setRuleColour(r.edges[2], left)
	setRuleColour(r.edges[3], line)
	setRuleColour(r.stripe, stripe)
}

func (r *panelRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *panelRenderer) Destroy()                     {}

// The colours of mining and renting, as the tray's icons and the earnings
// chart draw them: a card's stripe says what its GPU does in the same
// ones, in either variant (a darker amber on the light one, where the
// tray's read 2.2:1 on white). Other accents are the theme's.
const (
	colorNameMining  fyne.ThemeColorName = "rigshift-mining"
	colorNameRenting fyne.ThemeColorName = "rigshift-renting"
)

func accentColour(name fyne.ThemeColorName) color.Color {
	switch name {
	case colorNameMining:
		return drawnColour(miningColour)
	case colorNameRenting:
		return drawnColour(rentingColour)
	}
	return theme.Color(name)
}
