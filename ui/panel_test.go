package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
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
