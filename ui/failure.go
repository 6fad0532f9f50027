package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ShowStartFailure tells, in a window, why RigShift could not start, and
// blocks until the owner closes it. Started from the desktop's menu, a
// RigShift whose database is damaged or whose folder cannot be written
// would otherwise vanish without a word: its message went to a terminal
// nobody has open.
func ShowStartFailure(why string) {
	makeCacheDir()
	a := app.NewWithID(AppID)
	a.SetIcon(appIcon)
	a.Settings().SetTheme(newRigTheme(loadAppearance(a)))
	w := a.NewWindow("RigShift")
	w.SetContent(startFailure(why, a.Quit))
	w.Resize(fyne.NewSize(560, 0))
	w.SetFixedSize(true)
	w.ShowAndRun()
}

// startFailure is the failure window's content: what happened, the
// message as RigShift wrote it (selectable, to copy into a search or a
// report), and a button to close.
func startFailure(why string, quit func()) fyne.CanvasObject {
	title := heading("RigShift could not start")
	icon := widget.NewIcon(theme.NewErrorThemedResource(theme.ErrorIcon()))
	msg := wrapped(why)
	msg.Selectable = true
	msg.TextStyle.Monospace = true // paths and error codes, as written
	hint := wrapped("Fix what the message says, then start RigShift again.")
	closeBtn := widget.NewButton("Close", quit)
	closeBtn.Importance = widget.HighImportance
	return container.NewPadded(container.NewVBox(
		container.NewBorder(nil, nil, icon, nil, title), msg, hint,
		container.NewHBox(layout.NewSpacer(), closeBtn)))
}
