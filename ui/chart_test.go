package ui

import (
	"image"
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// countColour counts the pixels of img close to c.
func countColour(img image.Image, c color.NRGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, c.R) && near(g>>8, c.G) && near(bl>>8, c.B) {
				n++
			}
		}
	}
	return n
}

func near(a uint32, b uint8) bool { return a+12 >= uint32(b) && a <= uint32(b)+12 }

func renderChart(t *testing.T, d chartData) (*chart, image.Image) {
	t.Helper()
	testApp(t)
	c := newChart("Temperature", "°C", 170)
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(500, 200))
	c.set(d)
	return c, w.Canvas().Capture()
}

func TestChartRendersData(t *testing.T) {
	now := time.Now()
	s := chartSeries{name: "GPU 0", colour: seriesColour(0)}
	for i := range 60 {
		s.xs = append(s.xs, float64(now.Add(time.Duration(i)*time.Minute).Unix()))
		s.ys = append(s.ys, 60+float64(i%10))
	}
	c, img := renderChart(t, chartData{series: []chartSeries{s}, from: s.xs[0], to: s.xs[59], xLabel: timeLabel(time.Hour)})
	if n := countColour(img, drawnColour(seriesColour(0))); n < 200 {
		t.Errorf("the line has %d pixels of its colour", n)
	}
	r := test.TempWidgetRenderer(t, c).(*chartRenderer)
	if !r.empty.Hidden {
		t.Error("a chart with data says it has none")
	}
	if r.xLabels[0].Text == "" || len(r.yLabels) < 3 || r.yLabels[len(r.yLabels)-1].Text != "70" {
		t.Errorf("axes: x %q, y %d labels, top %q", r.xLabels[0].Text, len(r.yLabels), r.yLabels[len(r.yLabels)-1].Text)
	}
	if len(r.legend) != 1 || r.legend[0].Text != "GPU 0" || len(r.swatch) != 1 || r.swatch[0].FillColor != drawnColour(seriesColour(0)) {
		t.Error("the legend does not name the series beside a square of its colour")
	}
}

func TestChartRendersNoData(t *testing.T) {
	c, img := renderChart(t, chartData{series: []chartSeries{{name: "GPU 0", colour: seriesColour(0)}}})
	if n := countColour(img, drawnColour(seriesColour(0))); n > 150 { // the legend only
		t.Errorf("an empty chart drew %d pixels of the series colour", n)
	}
	r := test.TempWidgetRenderer(t, c).(*chartRenderer)
	if r.empty.Hidden || r.empty.Text != noDataText {
		t.Errorf("an empty chart says %q (hidden: %v)", r.empty.Text, r.empty.Hidden)
	}
	if len(r.yLabels) != 0 {
		t.Errorf("an empty chart writes a scale of %d labels with nothing to read on it", len(r.yLabels))
	}
	c.set(chartData{none: "No GPU to chart"})
	if r.empty.Text != "No GPU to chart" {
		t.Errorf("given why it is empty, the chart says %q", r.empty.Text)
	}
}

// A percentage reads on 0–100 %, flat or not: an idle card's 0 % load is
// not stretched over a scale of 0 to 1.
func TestPercentChartReadsOutOfAHundred(t *testing.T) {
	now := float64(time.Now().Unix())
	s := chartSeries{name: "GPU 0", colour: seriesColour(0), xs: []float64{now - 60, now}, ys: []float64{0, 0}}
	c, _ := renderChart(t, chartData{series: []chartSeries{s}, from: now - 60, to: now, percent: true})
	r := test.TempWidgetRenderer(t, c).(*chartRenderer)
	var labels []string
	for _, l := range r.yLabels {
		labels = append(labels, l.Text)
	}
	if strings.Join(labels, " ") != "0 25 50 75 100" {
		t.Errorf("a flat 0 %% load's scale reads %q", labels)
	}
}

func TestEarningsBarsShowLosses(t *testing.T) {
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.Local)
	x := float64(day.Unix())
	d := chartData{bars: true, slot: 86400, from: x, to: x + 3*86400, series: []chartSeries{
		{name: "mining", colour: miningColour, xs: []float64{x, x + 86400}, ys: []float64{-1.5, 2}},
		{name: "renting", colour: rentingColour, xs: []float64{x, x + 86400}, ys: []float64{8, 12}},
	}}
	_, img := renderChart(t, d)
	if countColour(img, drawnColour(miningColour)) < 100 || countColour(img, drawnColour(rentingColour)) < 300 {
		t.Error("the bars are not drawn")
	}
}

// A bar chart's x labels name the days of the bars above them: each sits
// in the middle of a day, none past the last one, and none is written twice.
func TestBarLabelsNameTheirDays(t *testing.T) {
	day := time.Date(2026, 11, 26, 0, 0, 0, 0, time.Local)
	label := func(x float64) string { return time.Unix(int64(x), 0).Local().Format("Jan 2") }
	for _, days := range []int{30, 8, 7, 3, 1} {
		d := chartData{bars: true, slot: 86400, from: float64(day.Unix()), to: float64(day.AddDate(0, 0, days).Unix()), xLabel: label}
		testApp(t)
		c := newChart("Earnings", "USD", 170)
		c.data = d
		r := test.WidgetRenderer(c).(*chartRenderer)
		var got []string
		for i, l := range r.xLabels {
			if l.Text == "" {
				continue
			}
			got = append(got, l.Text)
			if slot := math.Mod(r.xTicks[i]-d.from, d.slot); slot != d.slot/2 {
				t.Errorf("%d days: label %q is %v s into its day, want the middle", days, l.Text, slot)
			}
		}
		want := days // a week or so: every day named
		if days > maxXLabels {
			want = chartTicks
		}
		if len(got) != want {
			t.Errorf("%d days: %d labels %q, want %d", days, len(got), got, want)
		}
		last := day.AddDate(0, 0, days-1).Format("Jan 2")
		if len(got) == 0 || got[0] != "Nov 26" || got[len(got)-1] != last {
			t.Errorf("%d days: labels %q, want Nov 26 first and %s last", days, got, last)
		}
		for i := 1; i < len(got); i++ {
			if got[i] == got[i-1] {
				t.Errorf("%d days: %q written twice", days, got[i])
			}
		}
	}
}

func TestAxes(t *testing.T) {
	for _, c := range []struct{ lo, hi, wantLo, wantHi, step float64 }{
		{55, 72, 55, 75, 5}, {0, 340, 0, 400, 100}, {150, 260, 0, 300, 100}, {-1.5, 12, -5, 15, 5}, {0, 0, 0, 1, 0.5},
	} {
		lo, hi, step := yAxis(c.lo, c.hi)
		if lo != c.wantLo || hi != c.wantHi || step != c.step {
			t.Errorf("yAxis(%v, %v) = %v, %v, %v; want %v, %v, %v", c.lo, c.hi, lo, hi, step, c.wantLo, c.wantHi, c.step)
		}
	}
}

// A month's chart of a rig that ran two hours at its start and two at its
// end leaves the four weeks between empty: the gap was measured against
// the average spacing, which the gap itself made four weeks long, and the
// line bridged weeks when RigShift was off.
func TestLongGapInAShortHistoryIsNotBridged(t *testing.T) {
	to := float64(time.Now().Unix())
	from := to - 30*86400
	s := chartSeries{name: "GPU 0", colour: seriesColour(0),
		xs: []float64{from, from + 3600, to - 3600, to}, ys: []float64{60, 62, 70, 68}}
	c, _ := renderChart(t, chartData{series: []chartSeries{s}, from: from, to: to, xLabel: timeLabel(30 * 24 * time.Hour)})
	img := test.TempWidgetRenderer(t, c).(*chartRenderer).draw(400, 150)
	middle := img.(*image.RGBA).SubImage(image.Rect(100, 0, 300, 150))
	if n := countColour(middle, drawnColour(seriesColour(0))); n > 0 {
		t.Errorf("the line bridges four weeks with no samples: %d pixels in the middle of the month", n)
	}
}

// A legend too long for one line (a rig of 8 whose 4 replaced cards are
// still in the range) wraps above the plot: it ran on past the chart's
// right edge, and the last GPUs' lines had no name to read.
func TestLongLegendWraps(t *testing.T) {
	now := float64(time.Now().Unix())
	var d chartData
	for i := range 12 {
		name := "GPU " + itoa(i)
		if i >= 8 {
			name = "former GPU " + itoa(i) + " (RTX 3070)"
		}
		d.series = append(d.series, chartSeries{name: name, colour: seriesColour(i), xs: []float64{now - 60, now}, ys: []float64{60, 70}})
	}
	d.from, d.to = now-60, now
	c, _ := renderChart(t, d)
	r := test.TempWidgetRenderer(t, c).(*chartRenderer)
	for i, l := range r.legend {
		if sw := r.swatch[i]; sw.Position().Y+sw.Size().Height > r.plot.Position().Y || sw.Position().X+sw.Size().Width > l.Position().X {
			t.Errorf("%q's swatch at %v is not before it (at %v) above the plot", l.Text, sw.Position(), l.Position())
		}
		if end := l.Position().X + l.MinSize().Width; end > c.Size().Width {
			t.Errorf("%q ends at %.0f, past the chart's %.0f", l.Text, end, c.Size().Width)
		}
		if bottom := l.Position().Y + l.MinSize().Height; bottom > r.plot.Position().Y {
			t.Errorf("%q reaches down to %.0f, over the plot at %.0f", l.Text, bottom, r.plot.Position().Y)
		}
	}
}

// A new rig's hour chart, a few samples at its right edge, says since
// when it records instead of looking empty; an hour of data says nothing.
func TestChartSaysWhenRecordingJustBegan(t *testing.T) {
	now := float64(time.Date(2026, 12, 4, 19, 12, 0, 0, time.Local).Unix())
	series := func(from float64) chartSeries {
		s := chartSeries{name: "GPU 0", colour: seriesColour(0)}
		for x := from; x <= now; x += 60 {
			s.xs, s.ys = append(s.xs, x), append(s.ys, 60)
		}
		return s
	}
	d := chartData{series: []chartSeries{series(now - 120)}, from: now - 3600, to: now, xLabel: timeLabel(time.Hour)}
	c, _ := renderChart(t, d)
	r := test.TempWidgetRenderer(t, c).(*chartRenderer)
	if r.empty.Hidden || r.empty.Text != "Recorded since 19:10: the lines grow from the right as RigShift runs" {
		t.Errorf("two minutes of an hour: the plot says %q (hidden %v)", r.empty.Text, r.empty.Hidden)
	}
	d.series = []chartSeries{series(now - 3000)}
	c, _ = renderChart(t, d)
	if r := test.TempWidgetRenderer(t, c).(*chartRenderer); !r.empty.Hidden {
		t.Errorf("fifty minutes of an hour: the plot says %q", r.empty.Text)
	}
}

// In the light theme each GPU's name in a chart's legend reads on the
// chart's white (4.5:1, as small text wants); its square keeps the line's
// colour (drawn darker on white where the palette's is too pale). Written
// in the line's colour, GPU 1 (amber) read at 2.2:1, GPU 5
// (cyan) at 2.4:1 and the earnings' "mining" as faintly.
func TestChartLegendReadsInLightTheme(t *testing.T) {
	testApp(t)
	th := newRigTheme("light")
	fyne.CurrentApp().Settings().SetTheme(th)
	now := float64(time.Now().Unix())
	var d chartData
	for i := range len(palette) {
		d.series = append(d.series, chartSeries{name: "GPU " + itoa(i), colour: seriesColour(i), xs: []float64{now - 60, now}, ys: []float64{60, 70}})
	}
	d.from, d.to = now-60, now
	c := newChart("Temperature", "°C", 170)
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(500, 200))
	c.set(d)
	r := test.TempWidgetRenderer(t, c).(*chartRenderer)
	bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
	for i, l := range r.legend {
		if got := contrast(l.Color, bg); got < 4.5 {
			t.Errorf("%q is written at %.1f:1 on the chart's background, want 4.5:1 or more", l.Text, got)
		}
		if r.swatch[i].FillColor != drawnColour(seriesColour(i)) {
			t.Errorf("%q's square is not its line's colour", l.Text)
		}
	}
}

// Every GPU's line, mining's and renting's bars and the cards' stripes in
// those colours stand out from the background (3:1, as WCAG asks of a
// graphic one needs to see) in both themes, and a legend's name written in
// its line's colour reads as text (4.5:1). On white mining's amber was
// 2.2:1 and GPU 7's lime 2.0:1; on the dark theme the legend wrote
// "renting" in violet at 4.2:1.
func TestChartAndStripeColoursStandOut(t *testing.T) {
	for _, appearance := range []string{"light", "dark"} {
		testApp(t)
		th := newRigTheme(appearance)
		fyne.CurrentApp().Settings().SetTheme(th)
		bg := theme.Color(theme.ColorNameBackground)
		check := func(what string, c color.NRGBA) {
			t.Helper()
			line := drawnColour(c)
			if r := contrast(line, bg); r < 3 {
				t.Errorf("%s is drawn at %.1f:1 on the %s background, want 3:1 or more", what, r, appearance)
			}
			if text := legendColour(line); contrast(text, bg) < 4.5 {
				t.Errorf("%s's name is written at %.1f:1 on the %s background, want 4.5:1 or more", what, contrast(text, bg), appearance)
			}
		}
		for i := range 2 * len(palette) {
			check("GPU "+itoa(i)+"'s line", seriesColour(i))
		}
		check("mining", miningColour)
		check("renting", rentingColour)
		check("idle", idleColour)
		for _, stripe := range []fyne.ThemeColorName{colorNameMining, colorNameRenting, theme.ColorNameError, theme.ColorNamePlaceHolder, theme.ColorNameWarning} {
			if r := contrast(accentColour(stripe), bg); r < 3 {
				t.Errorf("a card's %s stripe is drawn at %.1f:1 on the %s background, want 3:1 or more", stripe, r, appearance)
			}
		}
	}
	// Where the palette already stands out it is drawn as it is: the
	// dark theme's lines are the tray's colours.
	testApp(t)
	fyne.CurrentApp().Settings().SetTheme(newRigTheme("dark"))
	if drawnColour(miningColour) != miningColour || drawnColour(rentingColour) != rentingColour {
		t.Error("mining's or renting's colour changed on the dark background, where it stood out")
	}
}

// A 16-GPU rig's History drew GPU 12 in GPU 0's colour, 13 in 1's: the
// palette has twelve. Past it the colours come again lighter, each still
// apart from the one it repeats.
func TestSeriesColoursPastThePalette(t *testing.T) {
	seen := map[color.NRGBA]int{}
	for i := range 2 * len(palette) {
		c := seriesColour(i)
		if j, ok := seen[c]; ok {
			t.Errorf("GPU %d is drawn in GPU %d's colour", i, j)
		}
		seen[c] = i
		if i < len(palette) && c != palette[i] {
			t.Errorf("GPU %d's colour changed: %v, was %v", i, c, palette[i])
		}
		if i >= len(palette) && contrast(c, palette[i-len(palette)]) < 1.3 {
			t.Errorf("GPU %d's colour is hard to tell from GPU %d's", i, i-len(palette))
		}
	}
}

// A steady value reads as steady: a card held at its 220 W limit (219.8 to
// 220.3 W) is a level line mid-chart, not a sawtooth over the chart's
// height on a scale of 219.8 to 220.4, and a constant 300 W was drawn on the
// bottom line, where a chart's nothing is, of a 300.0–301.0 W scale.
func TestSteadyValueReadsSteady(t *testing.T) {
	for _, c := range []struct{ lo, hi float64 }{{300, 300}, {219.8, 220.3}, {45, 45}, {60, 61}} {
		lo, hi, step := yAxis(c.lo, c.hi)
		if hi-lo < 0.1*c.hi || c.lo <= lo || c.hi >= hi {
			t.Errorf("yAxis(%v, %v) = %v to %v: the values fill the scale, or sit on its edge", c.lo, c.hi, lo, hi)
		}
		if step < 1 {
			t.Errorf("yAxis(%v, %v) ticks every %v", c.lo, c.hi, step)
		}
	}
}

// A time axis is labelled where the clock reads round times, in the local
// zone: the hour chart every quarter, the day chart every 6 hours with
// midnight named by its day, the week every midnight, the month every
// Monday. Fifths of the range read "Mon 13:00", "Wed 07:00", "Thu 01:00".
func TestTimeAxisTicksAtRoundTimes(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = berlin
	now := time.Date(2026, 3, 30, 15, 7, 0, 0, berlin) // the Monday after the clocks went forward
	for _, c := range []struct {
		span time.Duration
		want []string
	}{
		{time.Hour, []string{"14:15", "14:30", "14:45", "15:00"}},
		{24 * time.Hour, []string{"18:00", "Mon", "06:00", "12:00"}},
		{7 * 24 * time.Hour, []string{"Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Mon"}},
		{30 * 24 * time.Hour, []string{"Mar 2", "Mar 9", "Mar 16", "Mar 23", "Mar 30"}},
	} {
		from, to := float64(now.Add(-c.span).Unix()), float64(now.Unix())
		ticks := timeTicks(from, to)
		label := timeLabel(c.span)
		var got []string
		for _, x := range ticks {
			got = append(got, label(x))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s ending %s: ticks %q, want %q", c.span, now.Format("Mon 15:04"), got, c.want)
		}
	}
	// Across the change itself (Sunday 02:00 became 03:00) the day's ticks
	// stay on the clock's round hours; 24 hours back from 13:00 that day
	// is 12:00 the day before.
	sunday := time.Date(2026, 3, 29, 13, 0, 0, 0, berlin)
	var got []string
	for _, x := range timeTicks(float64(sunday.Add(-24*time.Hour).Unix()), float64(sunday.Unix())) {
		got = append(got, timeLabel(24*time.Hour)(x))
	}
	if want := []string{"12:00", "18:00", "Sun", "06:00", "12:00"}; !slices.Equal(got, want) {
		t.Errorf("across the clock change: %q, want %q", got, want)
	}
}
