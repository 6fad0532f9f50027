package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// themed holds canvas objects whose colours come from the theme: paint
// sets them when it is made and again whenever the theme changes (the
// owner's appearance, or the desktop going dark). Fyne refreshes every
// widget in the window then, but a bare canvas.Text or rectangle keeps the
// colour it was made with.
type themed struct {
	widget.BaseWidget
	obj   fyne.CanvasObject
	paint func()
}

func newThemed(obj fyne.CanvasObject, paint func()) *themed {
	t := &themed{obj: obj, paint: paint}
	t.ExtendBaseWidget(t)
	paint()
	return t
}

// CreateRenderer implements fyne.Widget.
func (t *themed) CreateRenderer() fyne.WidgetRenderer { return themedRenderer{t} }

type themedRenderer struct{ t *themed }

func (r themedRenderer) Layout(size fyne.Size)        { r.t.obj.Resize(size) }
func (r themedRenderer) MinSize() fyne.Size           { return r.t.obj.MinSize() }
func (r themedRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.obj} }
func (r themedRenderer) Destroy()                     {}

// Refresh repaints in the theme's current colours.
func (r themedRenderer) Refresh() {
	r.t.paint()
	r.t.obj.Refresh()
}
