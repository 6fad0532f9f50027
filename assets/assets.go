// Package assets embeds RigShift's icons and other files shipped inside the
// binary. It holds bytes only, so packages without a GUI can use it too.
package assets

import _ "embed"

// IconPNG is the application icon, 512×512 (rendered from icon.svg with
// `rsvg-convert -w 512 -h 512 icon.svg -o icon.png`).
//
//go:embed icon.png
var IconPNG []byte

// NoticeIconPNG is the icon at 128×128, for desktop notifications: it goes
// as pixels with every notice, and a notification shows it at 48–96 px
// (`convert icon.png -filter Lanczos -resize 128x128 -strip PNG32:notice-icon.png`).
//
//go:embed notice-icon.png
var NoticeIconPNG []byte

// IconSVG is the application icon's source.
//
//go:embed icon.svg
var IconSVG []byte
