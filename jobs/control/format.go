package control

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// shortDuration writes a duration as people say it: "1 h 02 min", "45 s".
func shortDuration(d time.Duration) string {
	switch {
	case d >= time.Hour:
		return fmt.Sprintf("%d h %02d min", int(d.Hours()), int(d.Minutes())%60)
	case d >= time.Minute:
		return fmt.Sprintf("%d min %02d s", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%d s", int(d.Seconds()))
}

// oneLine is a name as one line of words: a tab, a line break (a CRLF
// file's included) or a run of spaces is one space, other control
// characters go. A client's name is shown in a table's row, a card's line,
// a menu and a notice's sentence, where a second line ran over the next.
// The marks that turn text right to left (U+202E and its kin) go too: a
// name with one read backwards, and so did what followed it on the line.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if (unicode.IsControl(r) && !unicode.IsSpace(r)) || unicode.Is(unicode.Bidi_Control, r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// ordinal writes 2 as "2nd", 3 as "3rd", 11 as "11th".
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// Plural words a count for the owner: "1 GPU", "3 GPUs". The notices, the
// window and the command line all use it.
func Plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Uptime writes a long span as people say it: "3 d 4 h", "2 h 5 min",
// "36 min".
func Uptime(d time.Duration) string {
	days, hours, mins := int(d.Hours())/24, int(d.Hours())%24, int(d.Minutes())%60
	switch {
	case days > 0:
		return fmt.Sprintf("%d d %d h", days, hours)
	case hours > 0:
		return fmt.Sprintf("%d h %d min", hours, mins)
	}
	return fmt.Sprintf("%d min", mins)
}

// spanWords writes a span the owner set (a job's longest run) as the
// window and the notices write time, its zero parts left out: "2 h",
// "1 h 30 min", "45 min".
func spanWords(d time.Duration) string {
	d = d.Round(time.Second)
	var parts []string
	for _, u := range []struct {
		unit time.Duration
		name string
	}{{time.Hour, "h"}, {time.Minute, "min"}, {time.Second, "s"}} {
		if n := d / u.unit; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, u.name))
			d -= n * u.unit
		}
	}
	if len(parts) == 0 {
		return "0 s"
	}
	return strings.Join(parts, " ")
}

// CompactDuration writes a setting's duration as an owner would type it,
// without Go's trailing zero units: "2m", not "2m0s"; "1h30m", not
// "1h30m0s". time.ParseDuration reads it back.
func CompactDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// Amount writes a sum of money without its currency, as every bill and
// notice shows it: two decimals ("4.68", "-0.35"), three for a sum under
// a cent ("0.003"), so that a short job's earnings never read "0.00";
// under a tenth of a cent is "0.00", never "-0.000". The notices, the
// window and the command line all use it.
func Amount(v float64) string {
	if math.Abs(v) >= 0.0005 && math.Abs(v) < 0.005 {
		return fmt.Sprintf("%.3f", v)
	}
	if math.Abs(v) < 0.005 {
		v = 0 // "0.00", not "-0.00"
	}
	return fmt.Sprintf("%.2f", v)
}

// currencySymbols covers the currencies whose symbol people write before
// the number; any other code is written after it ("12.40 CHF").
var currencySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "C$", "AUD": "A$"}

// Money writes an amount the way a rig owner reads a bill: "$1.20",
// "–€0.35", "4.10 CHF". The window and the notices use it; the command
// line writes the code ("1.20 USD") for its columns. The sign is an en
// dash, as wide as a minus: the font the window carries has no U+2212,
// and on a machine without other fonts it was drawn as a box.
func Money(v float64, currency string) string { return withCurrency(Amount(v), currency) }

// Price writes a price as it was agreed, to four decimals at most and two
// at least: "$0.375", "$3.60". Rounded to the cent as a sum is, a job at
// 0.375 per GPU-hour read "10.00 GPU-hours · earned $3.75 at $0.38".
func Price(v float64, currency string) string {
	num := strings.TrimRight(fmt.Sprintf("%.4f", v), "0")
	if i := strings.IndexByte(num, '.'); len(num)-i < 3 {
		num += strings.Repeat("0", 3-(len(num)-i))
	}
	return withCurrency(num, currency)
}

// withCurrency puts the symbol or code on an amount already written.
func withCurrency(num, currency string) string {
	sign := ""
	if n, ok := strings.CutPrefix(num, "-"); ok {
		sign, num = "–", n
	}
	if sym, ok := currencySymbols[strings.ToUpper(currency)]; ok {
		return sign + sym + num
	}
	if currency == "" {
		return sign + num
	}
	return sign + num + " " + currency
}

// Size writes a number of bytes as the owner reads a file's size: "512 B",
// "12.3 MiB".
func Size(b int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	v, i := float64(b), 0
	for ; v >= 1024 && i < len(units)-1; i++ {
		v /= 1024
	}
	if i == 0 {
		return fmt.Sprintf("%d B", b)
	}
	return fmt.Sprintf("%.1f %s", v, units[i])
}

// rateUnits are a hash rate's units, a thousand apart.
var rateUnits = []string{"H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s"}

// HashRate writes a rate given in H/s to three figures, in the unit miners
// use: "61.2 MH/s", "245 MH/s", "1.00 GH/s". The unit is chosen after
// rounding: 999.96 MH/s read "1000.0 MH/s". The window, the tray and the
// command line all use it; three figures also keep the tray's menu from
// being rebuilt for every wobble of the rate.
func HashRate(hs float64) string {
	if hs == 0 {
		return "0 H/s"
	}
	i := 0
	for ; hs >= 1000 && i < len(rateUnits)-1; i++ {
		hs /= 1000
	}
	num := threeFigures(hs)
	if num == "1000" && i < len(rateUnits)-1 { // rounded up into the next unit
		num, i = "1.00", i+1
	}
	return num + " " + rateUnits[i]
}

// threeFigures writes v, under a thousand, to three significant figures:
// "1.23", "12.3", "123" (and "1000" where it rounds up to that).
func threeFigures(v float64) string {
	for d := 2; d > 0; d-- {
		if s := strconv.FormatFloat(v, 'f', d, 64); strings.IndexByte(s, '.') <= 3-d {
			return s
		}
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

// SameDay reports whether a and b fall on the same local calendar day: a
// time of another day is written with its date, or it reads as one of
// today's, perhaps still to come.
func SameDay(a, b time.Time) bool {
	ya, ma, da := a.Local().Date()
	yb, mb, db := b.Local().Date()
	return ya == yb && ma == mb && da == db
}
