package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// choices is a row of radio buttons, one always picked, that the keyboard
// can use as any other control: Fyne's RadioGroup keeps every key but
// Space to itself, so with the add-job dialog's "If interrupted" focused
// Escape did not close the dialog and Enter did not add the job, and the
// arrow keys moved no choice (History's 1 h / 24 h / 7 d / 30 d). Here
// the arrows pick the choice before or after, round the row, Escape goes
// to the window (it closes the dialog on top), and Enter submits where
// OnSubmitted is set, else picks, as Space does. It looks as Fyne's does.
type choices struct {
	widget.BaseWidget
	Options     []string
	Selected    string
	OnChanged   func(string)
	OnSubmitted func() // Enter on a choice; nil: Enter picks it
	items       []*choice
}

func newChoices(options []string, changed func(string)) *choices {
	g := &choices{Options: options, OnChanged: changed}
	g.ExtendBaseWidget(g)
	return g
}

// SetSelected picks option, telling OnChanged when that is a change.
func (g *choices) SetSelected(option string) {
	if g.Selected == option {
		return
	}
	g.Selected = option
	g.Refresh()
	if g.OnChanged != nil {
		g.OnChanged(option)
	}
}

// step picks the choice by places from the one at i, round the row, and
// gives it the focus.
func (g *choices) step(i, by int) {
	n := len(g.items)
	next := g.items[((i+by)%n+n)%n]
	if c := fyne.CurrentApp().Driver().CanvasForObject(next); c != nil {
		c.Focus(next)
	}
	g.SetSelected(next.label)
}

func (g *choices) CreateRenderer() fyne.WidgetRenderer {
	g.ExtendBaseWidget(g)
	r := &choicesRenderer{g: g}
	r.update()
	return r
}

type choicesRenderer struct {
	g       *choices
	objects []fyne.CanvasObject
}

// update makes an item per option and marks the picked one.
func (r *choicesRenderer) update() {
	g := r.g
	for len(g.items) < len(g.Options) {
		g.items = append(g.items, &choice{group: g, index: len(g.items)})
		g.items[len(g.items)-1].ExtendBaseWidget(g.items[len(g.items)-1])
	}
	g.items = g.items[:len(g.Options)]
	r.objects = r.objects[:0]
	for i, it := range g.items {
		if it.label != g.Options[i] || it.picked != (g.Options[i] == g.Selected) {
			it.label, it.picked = g.Options[i], g.Options[i] == g.Selected
			it.Refresh()
		}
		r.objects = append(r.objects, it)
	}
}

// Layout gives every choice the same width, side by side, as RadioGroup.
func (r *choicesRenderer) Layout(fyne.Size) {
	one := r.itemSize()
	for i, it := range r.g.items {
		it.Resize(one)
		it.Move(fyne.NewPos(float32(i)*one.Width, 0))
	}
}

func (r *choicesRenderer) itemSize() fyne.Size {
	var s fyne.Size
	for _, it := range r.g.items {
		s = s.Max(it.MinSize())
	}
	return s
}

func (r *choicesRenderer) MinSize() fyne.Size {
	one := r.itemSize()
	return fyne.NewSize(one.Width*float32(len(r.g.items)), one.Height)
}

func (r *choicesRenderer) Refresh() {
	r.update()
	r.Layout(r.g.Size())
	canvas.Refresh(r.g)
}

func (r *choicesRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *choicesRenderer) Destroy()                     {}

// choice is one radio button of a choices row.
type choice struct {
	widget.BaseWidget
	group   *choices
	index   int
	label   string
	picked  bool
	focused bool
	hovered bool
}

func (c *choice) pick() { c.group.SetSelected(c.label) }

// Tapped picks the choice and takes the focus, as Fyne's radio button.
func (c *choice) Tapped(*fyne.PointEvent) {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil && !c.focused && !fyne.CurrentDevice().IsMobile() {
		cv.Focus(c)
	}
	c.pick()
}

func (c *choice) TypedRune(r rune) {
	if r == ' ' {
		c.pick()
	}
}

func (c *choice) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft, fyne.KeyUp:
		c.group.step(c.index, -1)
	case fyne.KeyRight, fyne.KeyDown:
		c.group.step(c.index, 1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if c.group.OnSubmitted != nil {
			c.group.OnSubmitted()
		} else {
			c.pick()
		}
	case fyne.KeyEscape:
		toWindow(c, ev)
	}
}

func (c *choice) FocusGained() { c.focused = true; c.Refresh() }
func (c *choice) FocusLost()   { c.focused = false; c.Refresh() }

func (c *choice) MouseIn(*desktop.MouseEvent)    { c.hovered = true; c.Refresh() }
func (c *choice) MouseMoved(*desktop.MouseEvent) {}
func (c *choice) MouseOut()                      { c.hovered = false; c.Refresh() }

func (c *choice) CreateRenderer() fyne.WidgetRenderer {
	r := &choiceRenderer{c: c, label: &canvas.Text{}}
	r.update()
	return r
}

// choiceRenderer draws a choice as Fyne draws a radio button: the focus
// or hover ring, the button's fill and outline, the label.
type choiceRenderer struct {
	c         *choice
	ring      canvas.Circle
	fill, out canvas.Image
	label     *canvas.Text
}

func (r *choiceRenderer) Layout(size fyne.Size) {
	th := r.c.Theme()
	inner, border, icon := th.Size(theme.SizeNameInnerPadding), th.Size(theme.SizeNameInputBorder), th.Size(theme.SizeNameInlineIcon)
	ring := fyne.NewSquareSize(icon + inner)
	r.ring.Resize(ring)
	r.ring.Move(fyne.NewPos(border, (size.Height-ring.Height)/2))
	r.label.Resize(size)
	r.label.Move(fyne.NewPos(ring.Width+th.Size(theme.SizeNamePadding), 0))
	at := fyne.NewPos(inner/2+border, (size.Height-icon)/2)
	for _, img := range []*canvas.Image{&r.fill, &r.out} {
		img.Resize(fyne.NewSquareSize(icon))
		img.Move(at)
	}
}

func (r *choiceRenderer) MinSize() fyne.Size {
	th := r.c.Theme()
	pad := th.Size(theme.SizeNameInnerPadding) * 2
	return r.label.MinSize().AddWidthHeight(pad+th.Size(theme.SizeNameInlineIcon)+th.Size(theme.SizeNamePadding), pad)
}

func (r *choiceRenderer) Refresh() {
	r.update()
	canvas.Refresh(r.c)
}

func (r *choiceRenderer) update() {
	th, v := r.c.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	r.label.Text, r.label.TextSize, r.label.Color = r.c.label, th.Size(theme.SizeNameText), th.Color(theme.ColorNameForeground, v)
	out := theme.NewThemedResource(th.Icon(theme.IconNameRadioButton))
	out.ColorName = theme.ColorNameInputBorder
	in := theme.NewThemedResource(th.Icon(theme.IconNameRadioButtonFill))
	in.ColorName = theme.ColorNameInputBackground
	if r.c.picked {
		in.ColorName, out.ColorName = theme.ColorNamePrimary, theme.ColorNameForeground
	}
	r.fill.Resource, r.out.Resource = in, out
	r.fill.Refresh()
	r.out.Refresh()
	switch {
	case r.c.focused:
		r.ring.FillColor = th.Color(theme.ColorNameFocus, v)
	case r.c.hovered:
		r.ring.FillColor = th.Color(theme.ColorNameHover, v)
	default:
		r.ring.FillColor = color.Transparent
	}
	r.ring.Refresh()
	r.label.Refresh()
}

func (r *choiceRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{&r.ring, &r.fill, &r.out, r.label}
}

func (r *choiceRenderer) Destroy() {}
