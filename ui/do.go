package ui

import "fyne.io/fyne/v2"

// runOnUI hands f to the UI goroutine. It is fyne.Do; the tests replace it
// because Fyne's test driver runs f at once on the calling goroutine,
// which would race with the test's own widget calls.
var runOnUI = fyne.Do
