package assets

import _ "embed"

// The tray icons, one per state of the rig, 64×64 SVG: a grey pause for
// idle, an amber pickaxe for mining, indigo nodes for a rental job, and a
// red "!" when something needs the owner (a GPU lost or too hot, the miner
// given up). Distinct colours and shapes, so the state reads at 16 px too.
var (
	//go:embed tray-idle.svg
	TrayIdleSVG []byte
	//go:embed tray-mining.svg
	TrayMiningSVG []byte
	//go:embed tray-renting.svg
	TrayRentingSVG []byte
	//go:embed tray-attention.svg
	TrayAttentionSVG []byte
)

// Monochrome 24×24 glyphs for the mode buttons; Fyne recolours them with
// the theme (theme.NewThemedResource), so they suit light and dark.
var (
	//go:embed mode-mine.svg
	ModeMineSVG []byte
	//go:embed mode-rent.svg
	ModeRentSVG []byte
	//go:embed mode-auto.svg
	ModeAutoSVG []byte
)
