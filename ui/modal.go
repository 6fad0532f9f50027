package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Fyne's dialog package needs a module (github.com/FyshOS/fancyfs) that
// go.mod does not list yet, so RigShift's dialogs are modal pop-ups built
// here: a titled card with buttons in the bottom right.

// modal is an open dialog.
type modal struct {
	pop *widget.PopUp
}

// showModal opens content over win with title and buttons, width wide (0:
// as wide as the content needs).
func showModal(win fyne.Window, title string, content fyne.CanvasObject, width float32, buttons ...fyne.CanvasObject) *modal {
	row := container.NewHBox(append([]fyne.CanvasObject{layoutSpacer()}, buttons...)...)
	body := container.NewBorder(heading(title), row, nil, nil, content)
	m := &modal{pop: widget.NewModalPopUp(container.NewPadded(body), win.Canvas())}
	size := m.pop.MinSize()
	m.pop.Resize(fyne.NewSize(max(size.Width, width), size.Height))
	m.pop.Show()
	return m
}

func (m *modal) close() { m.pop.Hide() }

// confirm asks a yes-or-no question; yes runs only when the owner agrees.
func confirm(win fyne.Window, title, text, noLabel, yesLabel string, yes func()) *modal {
	var m *modal
	no := widget.NewButton(noLabel, func() { m.close() })
	ok := widget.NewButton(yesLabel, func() { m.close(); yes() })
	ok.Importance = widget.DangerImportance
	m = showModal(win, title, wrapped(text), 420, no, ok)
	return m
}

// tell says something that went wrong, with one button to close it.
func tell(win fyne.Window, title, text string) *modal {
	var m *modal
	closeBtn := widget.NewButton("Close", func() { m.close() })
	m = showModal(win, title, wrapped(text), 420, closeBtn)
	return m
}
