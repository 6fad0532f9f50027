package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

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

// An unpicked radio button's ring, an unchecked box and an entry's outline
// (the input border) stand out from the background as a control must
// (3:1), in both variants; Fyne's own were 1.3:1 on white and 1.6:1 on its
// near-black (History's 1 h / 7 d / 30 d, Settings' checkboxes).
func TestInputBorderReads(t *testing.T) {
	th := newRigTheme("")
	for v, variant := range map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"} {
		bg := th.Color(theme.ColorNameBackground, v)
		if r := contrast(th.Color(theme.ColorNameInputBorder, v), bg); r < 3 {
			t.Errorf("the %s input border on the background: contrast %.1f:1, want 3:1 or more", variant, r)
		}
	}
}

// Text in the placeholder grey (chart axes, the mode switch's note, an
// entry's hint) reads at 4.5:1 on the light background and 4:1 on an
// entry's grey (Fyne's #888 was 3.5:1 and 3.2:1), yet stays apart from
// typed text in both variants, or a hint would pass for a value.
func TestPlaceholderReadsAndStaysApart(t *testing.T) {
	th := newRigTheme("")
	light := func(n fyne.ThemeColorName) color.Color { return th.Color(n, theme.VariantLight) }
	if r := contrast(light(theme.ColorNamePlaceHolder), light(theme.ColorNameBackground)); r < 4.5 {
		t.Errorf("placeholder text on the light background: contrast %.1f:1, want 4.5:1 or more", r)
	}
	if r := contrast(light(theme.ColorNamePlaceHolder), light(theme.ColorNameInputBackground)); r < 4 {
		t.Errorf("an entry's hint in the light theme: contrast %.1f:1, want 4:1 or more", r)
	}
	for v, variant := range map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"} {
		if r := contrast(th.Color(theme.ColorNamePlaceHolder, v), th.Color(theme.ColorNameForeground, v)); r < 1.5 {
			t.Errorf("placeholder and typed text in the %s variant: contrast %.1f:1 between them, want 1.5:1 or more", variant, r)
		}
	}
}

// Disabled text (a greyed-out button's label, a card's "n/a") is fainter
// than placeholder text yet legible in both variants: Fyne's was 1.3:1 on
// white and 1.6:1 on its near-black, the background's own colour nearly.
// A card's "n/a" and a stale temperature are large bold text in that grey:
// 3:1, as WCAG asks of large text (#9e9e9e on white was 2.7:1).
func TestDisabledTextIsFaintButLegible(t *testing.T) {
	th := newRigTheme("")
	for v, variant := range map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"} {
		bg := th.Color(theme.ColorNameBackground, v)
		disabled := contrast(th.Color(theme.ColorNameDisabled, v), bg)
		if disabled < 3 {
			t.Errorf("disabled text in the %s variant: contrast %.2f:1, want 3:1 or more", variant, disabled)
		}
		if placeholder := contrast(th.Color(theme.ColorNamePlaceHolder, v), bg); disabled >= placeholder {
			t.Errorf("disabled text in the %s variant (%.1f:1) is not fainter than placeholder text (%.1f:1)", variant, disabled, placeholder)
		}
		if r := contrast(th.Color(theme.ColorNameDisabled, v), th.Color(theme.ColorNameDisabledButton, v)); r < 2.2 {
			t.Errorf("a disabled button's label in the %s variant: contrast %.1f:1 on its own background, want 2.2:1 or more", variant, r)
		}
	}
}

// over lays top over under as Fyne's button does with its focus colour.
func over(under, top color.Color) color.Color {
	u, t := color.NRGBAModel.Convert(under).(color.NRGBA), color.NRGBAModel.Convert(top).(color.NRGBA)
	a := float64(t.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*(1-a) + float64(y)*a + 0.5) }
	return color.NRGBA{R: mix(u.R, t.R), G: mix(u.G, t.G), B: mix(u.B, t.B), A: 0xff}
}

// A focused button stands out from itself unfocused, a blue one (Add job,
// Save settings, the current mode) as much as a grey one: Fyne's focus
// colour is a tint of the same blue, and over a blue button it changed
// nothing, so the keyboard's place could not be seen.
func TestFocusedButtonsAreMarked(t *testing.T) {
	th := newRigTheme("")
	for v, variant := range map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"} {
		for _, bg := range []fyne.ThemeColorName{theme.ColorNamePrimary, theme.ColorNameButton} {
			plain := th.Color(bg, v)
			if r := contrast(over(plain, th.Color(theme.ColorNameFocus, v)), plain); r < 1.25 {
				t.Errorf("a focused %s button in the %s theme: contrast %.2f:1 with itself unfocused, want 1.25:1 or more", bg, variant, r)
			}
		}
	}
}

// The blue buttons' white labels (Add job, Save settings, the current
// mode) read as text (4.5:1) in both variants, and so does blue text on
// the light background (the open screen's name, a job's "running"): with
// Fyne's blue each was 4.47:1.
func TestBlueTextReads(t *testing.T) {
	th := newRigTheme("")
	for v, variant := range map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"} {
		blue := th.Color(theme.ColorNamePrimary, v)
		if r := contrast(th.Color(theme.ColorNameForegroundOnPrimary, v), blue); r < 4.5 {
			t.Errorf("a blue button's label in the %s variant: contrast %.2f:1, want 4.5:1 or more", variant, r)
		}
	}
	light := func(n fyne.ThemeColorName) color.Color { return th.Color(n, theme.VariantLight) }
	if r := contrast(light(theme.ColorNamePrimary), light(theme.ColorNameBackground)); r < 4.5 {
		t.Errorf("blue text on the light background: contrast %.2f:1, want 4.5:1 or more", r)
	}
}

// The line above the cards that names the sparklines' colours reads as
// text in both themes; its blue "power" was 3.9:1 on the dark one, where
// the blue square beside it says which colour is power's.
func TestSparkLegendReads(t *testing.T) {
	for _, appearance := range []string{"light", "dark"} {
		testApp(t)
		fyne.CurrentApp().Settings().SetTheme(newRigTheme(appearance))
		legend := sparkLegend().(*themed)
		bg := theme.Color(theme.ColorNameBackground)
		for _, o := range legend.obj.(*fyne.Container).Objects {
			if text, ok := o.(*canvas.Text); ok {
				if r := contrast(text.Color, bg); r < 4.5 {
					t.Errorf("%q in the %s theme: contrast %.2f:1, want 4.5:1 or more", text.Text, appearance, r)
				}
			}
		}
	}
}
