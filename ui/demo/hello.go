package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

// helloWorld is the smallest Fyne window, the baseline RigShift's idle
// CPU and memory are measured against.
func helloWorld() {
	a := app.NewWithID("io.rigshift.hello")
	w := a.NewWindow("Hello")
	w.SetContent(widget.NewLabel("Hello, Fyne!"))
	w.Resize(fyne.NewSize(1060, 800))
	w.ShowAndRun()
}
