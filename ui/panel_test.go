package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// A panel keeps room for its stripe and padding; an outline hugs its content.
func TestOutlineHugsItsContentAndAPanelPadsIt(t *testing.T) {
	testApp(t)
	for _, c := range []struct {
		name    string
		make    func(fyne.CanvasObject) *panel
		padding bool
	}{{"panel", newPanel, true}, {"outline", newOutline, false}} {
		content := canvas.NewRectangle(nil)
		content.SetMinSize(fyne.NewSize(200, 40))
		p := c.make(content)
		w := test.NewWindow(p)
		w.Resize(fyne.NewSize(300, 100))
		minSize, pos := p.MinSize(), content.Position()
		padded := minSize.Width > 200 && minSize.Height > 40 && pos.X > 0 && pos.Y > 0
		hugs := minSize == fyne.NewSize(200, 40) && pos == fyne.NewPos(0, 0) && content.Size() == p.Size()
		if c.padding && !padded || !c.padding && !hugs {
			t.Errorf("%s: min size %v, content at %v sized %v in %v", c.name, minSize, pos, content.Size(), p.Size())
		}
		w.Close()
	}
}

// A panel's stripe is drawn in its accent's colour, and not drawn at all
// without one.
func TestPanelStripeShowsTheAccent(t *testing.T) {
	testApp(t)
	p := newPanel(canvas.NewRectangle(nil))
	w := test.NewWindow(p)
	defer w.Close()
	r := test.WidgetRenderer(p).(*panelRenderer)
	if r.stripe.Visible() {
		t.Error("a panel without an accent draws a stripe")
	}
	p.setAccent(theme.ColorNameSuccess)
	want := color.RGBAModel.Convert(theme.Color(theme.ColorNameSuccess))
	if !r.stripe.Visible() || r.stripe.Image.At(0, 0) != want {
		t.Errorf("stripe visible %v in %v, want %v", r.stripe.Visible(), r.stripe.Image.At(0, 0), want)
	}
	if left := r.edges[2]; left.Visible() {
		t.Error("the left edge is drawn under the stripe that covers it")
	}
	p.setAccent("")
	if r.stripe.Visible() || !r.edges[2].Visible() {
		t.Errorf("without the accent: stripe shown %v, left edge shown %v; want only the edge", r.stripe.Visible(), r.edges[2].Visible())
	}
}

// A rule is its colour, one pixel stretched over its size without
// smoothing; in a transparent colour it is hidden, not drawn.
func TestRuleIsItsColourAndHidesWhenTransparent(t *testing.T) {
	red := color.NRGBA{R: 200, A: 255}
	r := newRule(red)
	if r.ScaleMode != canvas.ImageScalePixels || r.FillMode != canvas.ImageFillStretch {
		t.Errorf("scale %v, fill %v: want pixels, stretched", r.ScaleMode, r.FillMode)
	}
	if b := r.Image.Bounds(); b.Dx() != 1 || b.Dy() != 1 || r.Image.At(0, 0) != color.RGBAModel.Convert(red) {
		t.Errorf("rule image %v with %v, want one pixel of %v", b, r.Image.At(0, 0), red)
	}
	setRuleColour(r, color.Transparent)
	if r.Visible() {
		t.Error("a transparent rule is still drawn")
	}
	setRuleColour(r, red)
	if !r.Visible() {
		t.Error("a rule given a colour again stays hidden")
	}
}
