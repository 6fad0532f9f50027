package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/rigshift/rigshift/jobs/control"
)

// A gauge fills its value's share of the track in the primary colour and
// leaves the rest in the faded track colour.
func TestGaugeDrawsItsValue(t *testing.T) {
	testApp(t)
	g := newGauge()
	g.Resize(fyne.NewSize(200, 30))
	g.set(0.5)
	img := g.draw(200, 30)
	primary := color.NRGBAModel.Convert(theme.Color(theme.ColorNamePrimary)).(color.NRGBA)
	filled := color.NRGBAModel.Convert(img.At(50, 15)).(color.NRGBA)
	track := color.NRGBAModel.Convert(img.At(150, 15)).(color.NRGBA)
	if filled != primary {
		t.Errorf("filled part is %v, want the primary colour %v", filled, primary)
	}
	if track.A == 0 || track.A >= primary.A || track.R != primary.R {
		t.Errorf("track is %v, want the primary colour faded", track)
	}
	g.set(2) // clamped
	if g.value != 1 {
		t.Errorf("value %v after set(2), want 1", g.value)
	}
	if c := color.NRGBAModel.Convert(g.draw(200, 30).At(190, 15)).(color.NRGBA); c != primary {
		t.Errorf("a full gauge's right end is %v, want primary", c)
	}
}

// A bar's filled part stands out from its empty track (3:1, as WCAG asks
// of a graphic) in both themes: on the dark one, with the track at a third
// of the blue, a card's load or a job's progress ended at 2.7:1.
func TestGaugeFillStandsOutFromItsTrack(t *testing.T) {
	for _, appearance := range []string{"light", "dark"} {
		testApp(t)
		fyne.CurrentApp().Settings().SetTheme(newRigTheme(appearance))
		g := newGauge()
		g.set(0.5)
		img := g.draw(200, 30)
		bg := theme.Color(theme.ColorNameBackground)
		filled, track := img.At(50, 15), over(bg, img.At(150, 15))
		if r := contrast(filled, track); r < 3 {
			t.Errorf("a bar's filled part on its track in the %s theme: contrast %.2f:1, want 3:1 or more", appearance, r)
		}
	}
}

// A gauge's bar is a slim track centred in its row: the painter pays per
// pixel, so the image is only as tall as the track.
func TestGaugeTrackIsSlimAndCentred(t *testing.T) {
	testApp(t)
	g := newGauge()
	row := fyne.NewSize(200, g.MinSize().Height)
	g.Resize(row)
	test.WidgetRenderer(g).Layout(row)
	size, pos := g.raster.Size(), g.raster.Position()
	if size.Height != trackHeight() || size.Width != row.Width {
		t.Errorf("track is %v, want %v wide and %v tall", size, row.Width, trackHeight())
	}
	if top, bottom := pos.Y, row.Height-pos.Y-size.Height; top != bottom {
		t.Errorf("track sits %v from the top and %v from the bottom, want centred", top, bottom)
	}
}

// A card's stripe says what its GPU does.
func TestCardAccentFollowsWork(t *testing.T) {
	cases := []struct {
		name string
		g    control.GPUStatus
		job  *control.Job
		want fyne.ThemeColorName
	}{
		{"idle", control.GPUStatus{}, nil, ""},
		{"mining", control.GPUStatus{Work: "mining"}, nil, colorNameMining},
		{"renting", control.GPUStatus{JobID: "J-0001"}, &control.Job{ID: "J-0001"}, colorNameRenting},
		{"hot beats work", control.GPUStatus{Work: "mining", Hot: true}, nil, theme.ColorNameError},
	}
	for _, c := range cases {
		if got := workAccent(c.g, c.job); got != c.want {
			t.Errorf("%s: accent %q, want %q", c.name, got, c.want)
		}
	}
	// In the tray's and the earnings chart's colours, as the chart draws
	// them on this background (darker on a light one: drawnColour).
	if accentColour(colorNameMining) != drawnColour(miningColour) || accentColour(colorNameRenting) != drawnColour(rentingColour) {
		t.Errorf("mining %v, renting %v", accentColour(colorNameMining), accentColour(colorNameRenting))
	}
}

// A gauge redraws when the end of its filled part moves by a unit of its
// width, not for a change the eye could not see (a tenth of a watt).
func TestGaugeRedrawsOnlyAVisibleChange(t *testing.T) {
	testApp(t)
	g := newGauge()
	g.Resize(fyne.NewSize(200, 30))
	steps := []struct {
		to     float64
		redraw bool
	}{
		{0.5, true},     // 0 → 100 units
		{0.501, false},  // 100.2: the same unit
		{0.5024, false}, // 100.48
		{0.51, true},    // 102
		{0.51, false},   // no change at all
		{0, true},
	}
	for _, s := range steps {
		if got := g.set(s.to); got != s.redraw {
			t.Errorf("set(%v): redrawn %v, want %v", s.to, got, s.redraw)
		}
		if g.value != s.to {
			t.Errorf("set(%v): value %v, want it kept for the next draw", s.to, g.value)
		}
	}
}
