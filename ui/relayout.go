package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// relayout lays out the screen in scroll again, top-down. Fyne's window
// lays out a container whose child changed size at the next frame, but it
// keeps one such container in mind at a time: when a notice appeared and
// a card's text changed width in the same frame, only the card's row was
// laid out, and the notice stayed drawn over the cards until something
// else moved them (seen on the real GPU: "No rental jobs queued" over the
// card of the job just cancelled). A screen calls this after it showed or
// hid a part of itself.
func relayout(scroll *container.Scroll) {
	scroll.Refresh() // the content grows or shrinks with what it holds
	layoutTree(scroll.Content)
}

// layoutTree lays out o's containers, and those of the panels in it.
func layoutTree(o fyne.CanvasObject) {
	switch o := o.(type) {
	case *fyne.Container:
		if o.Layout != nil {
			o.Layout.Layout(o.Objects, o.Size())
		}
		for _, child := range o.Objects {
			if child.Visible() {
				layoutTree(child)
			}
		}
	case *panel:
		layoutTree(o.content)
	}
}
