package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// contrast is the WCAG contrast ratio of two colours (1 to 21).
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
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
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// The state colours (a card's temperature, stripes, banners) read on the
// background in both variants; in the dark one they are Fyne's own.
func TestStateColoursReadOnTheBackground(t *testing.T) {
	th, def := newRigTheme(""), theme.DefaultTheme()
	for _, name := range []fyne.ThemeColorName{theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError} {
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			bg := th.Color(theme.ColorNameBackground, v)
			if r := contrast(th.Color(name, v), bg); r < 3 {
				t.Errorf("%s on the %v background: contrast %.1f:1, want 3:1 or more", name, v, r)
			}
		}
		if th.Color(name, theme.VariantDark) != def.Color(name, theme.VariantDark) {
			t.Errorf("%s changed in the dark variant", name)
		}
		if contrast(def.Color(name, theme.VariantLight), def.Color(theme.ColorNameBackground, theme.VariantLight)) >= 3 {
			t.Logf("Fyne's own %s already reads on white", name)
		}
	}
}

// In the light variant an unpicked radio button's ring and an entry's
// outline (the input border) stand out from the background as a control
// must (3:1); Fyne's own near-white grey did not.
func TestLightInputBorderReads(t *testing.T) {
	th := newRigTheme("light")
	bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
	if r := contrast(th.Color(theme.ColorNameInputBorder, theme.VariantLight), bg); r < 3 {
		t.Errorf("the light input border on the background: contrast %.1f:1, want 3:1 or more", r)
	}
	if r := contrast(theme.DefaultTheme().Color(theme.ColorNameInputBorder, theme.VariantLight), bg); r >= 3 {
		t.Logf("Fyne's own light input border already reads (%.1f:1)", r)
	}
}
