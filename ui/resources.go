package ui

import (
	"fyne.io/fyne/v2"

	"github.com/rigshift/rigshift/assets"
)

// appIcon is the window and tray icon. The tray panics on a nil icon, so it
// is always this embedded one, never app.Metadata().Icon.
var appIcon = fyne.NewStaticResource("rigshift.png", assets.IconPNG)
