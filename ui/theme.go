package ui

import (
	"image/color"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// rigTheme is Fyne's theme with colours that read. In the light variant
// Fyne's green, orange and red are pale: a card's "61 °C" in that green on
// white had a contrast under 2:1. These darker shades keep the same meaning
// at 4:1 or better. In both variants Fyne's disabled text is nearly the
// background (1.3:1 on white, 1.6:1 on black): a greyed-out button's label
// and a card's "n/a" could not be read at all.
type rigTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant // drawn in whatever the desktop asks, when forced
	forced  bool
}

// lightColours replace Fyne's in the light variant.
var lightColours = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameSuccess: color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}, // green 800
	theme.ColorNameWarning: color.NRGBA{R: 0xb2, G: 0x5b, B: 0x00, A: 0xff}, // deep amber
	theme.ColorNameError:   color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}, // red 800
	// Fyne's light input border, a near-white grey, is also the ring of
	// an unpicked radio button: the History's 24 h / 7 d / 30 d choices
	// and the entries' outlines were barely there.
	theme.ColorNameInputBorder: color.NRGBA{R: 0x8a, G: 0x8a, B: 0x8a, A: 0xff}, // 3:1 on white, as WCAG asks of a control
	// The placeholder grey is also the chart axes', the mode switch's
	// note and an idle gauge's: text to read, so 4.5:1 on white (Fyne's
	// #888 was 3.5:1, 3.2:1 on an entry's grey). Darker still, an entry's
	// hint ("optional, e.g. --intensity 22") would pass for a typed value.
	theme.ColorNamePlaceHolder: color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff},
	// Faint, yet legible: 3:1, what WCAG asks of large text, the size of a
	// card's greyed "n/a" or stale temperature (#9e9e9e was 2.7:1).
	theme.ColorNameDisabled: color.NRGBA{R: 0x94, G: 0x94, B: 0x94, A: 0xff},
	theme.ColorNameFocus:    color.NRGBA{A: 0x2a}, // see darkColours
	// Fyne's blue (#296ff6) is 4.47:1 on white, and white on it as much:
	// the labels of Add job, Save settings and the current mode, the open
	// screen's name and a job's "running" were just under the 4.5:1 text
	// wants. A shade darker reads at 5.2:1 both ways.
	theme.ColorNamePrimary: color.NRGBA{R: 0x25, G: 0x63, B: 0xeb, A: 0xff},
}

// darkColours replace Fyne's in the dark variant.
var darkColours = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameDisabled: color.NRGBA{R: 0x6e, G: 0x6e, B: 0x6e, A: 0xff}, // 3.5:1 on Fyne's near-black
	// Fyne's dark input border (#39393a, 1.6:1) is the ring of an unpicked
	// radio button and the box of an unchecked checkbox too: History's
	// 1 h / 7 d / 30 d and Settings' switches were nearly invisible.
	theme.ColorNameInputBorder: color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff}, // 3.4:1
	// Fyne marks a focused button by laying its focus colour over the
	// button, and that is a tint of the primary blue: over a blue button
	// (Add job, Save settings, the current mode) it changed nothing, and
	// the keyboard's place could not be seen. A shade of white (of black
	// in the light theme) marks every button alike.
	theme.ColorNameFocus: color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x30},
	// White on Fyne's blue is 4.47:1: the blue buttons' labels, a hair
	// under 4.5:1. The least darker blue that reaches it; blue text on the
	// near-black reads no better than before (3.9:1), so RigShift writes
	// its own small text in blue only where it reads (legendColour).
	theme.ColorNamePrimary: color.NRGBA{R: 0x28, G: 0x6d, B: 0xf4, A: 0xff},
}

// newRigTheme is the theme in an appearance (appearance.go): "" follows
// the desktop.
func newRigTheme(appearance string) fyne.Theme {
	t := rigTheme{Theme: theme.DefaultTheme()}
	t.variant, t.forced = forcedVariant(appearance)
	return t
}

// Color implements fyne.Theme.
func (t rigTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced {
		v = t.variant
	}
	mine := darkColours
	if v == theme.VariantLight {
		mine = lightColours
	}
	if c, ok := mine[name]; ok {
		return c
	}
	return t.Theme.Color(name, v)
}

// contrast is the WCAG 2.1 contrast ratio of two colours (1 to 21): 4.5
// for text, 3 for large text and for what is drawn (a stripe, a chart's
// line, a bar).
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// luminance is a colour's relative luminance, as WCAG defines it.
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(n.R) + 0.7152*ch(n.G) + 0.0722*ch(n.B)
}

// standOut is c, darkened on a light background or lightened on a dark
// one just enough to reach the contrast want with bg; c itself where it
// already does. The chart's palette and the tray's amber are mid tones
// chosen for the dark theme: on white, mining's amber stripe and bars were
// 2.2:1 and several GPUs' lines under 2.5:1, hard to find. A darker amber
// is still amber.
func standOut(c color.NRGBA, bg color.Color, want float64) color.NRGBA {
	to := uint8(0)
	if luminance(bg) < 0.18 { // nearer black than white: lighten
		to = 0xff
	}
	out := c
	for f := 0.05; contrast(out, bg) < want && f <= 1; f += 0.05 {
		mix := func(v uint8) uint8 { return uint8(float64(v) + (float64(to)-float64(v))*f + 0.5) }
		out = color.NRGBA{R: mix(c.R), G: mix(c.G), B: mix(c.B), A: c.A}
	}
	return out
}

// drawnColour is the colour a series or a stripe of colour c is drawn in
// on the current theme's background: 3:1 at least, as WCAG asks of a
// graphic one needs to see.
// Worked out once a colour and background (a microsecond each time, and
// the cards' stripes and the charts ask at every refresh).
func drawnColour(c color.NRGBA) color.NRGBA {
	bg := color.NRGBAModel.Convert(theme.Color(theme.ColorNameBackground)).(color.NRGBA)
	key := [2]color.NRGBA{c, bg}
	if d, ok := drawnColours.Load(key); ok {
		return d.(color.NRGBA)
	}
	d := standOut(c, bg, 3)
	drawnColours.Store(key, d)
	return d
}

// drawnColours holds drawnColour's answers: a few palette colours on two
// backgrounds.
var drawnColours sync.Map
