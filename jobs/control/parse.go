package control

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ErrAmbiguousComma is a number whose comma may group thousands or mark the
// decimals: "1,500" is 1500 watts to one owner and 1.5 to another, and
// reading it either way silently could put a wrong figure on the bill.
var ErrAmbiguousComma = errors.New("the comma could group thousands or mark the decimals")

// ParseNumber reads a number as people type it, in the window and at the
// command line alike: "0.45" or "0,45". NaN and Inf parse in Go but are no
// price or limit; "-0" is zero, not a negative zero shown as "-0". A comma
// followed by exactly three digits ("1,500") is refused with words that say
// how to write it, unless what comes before it is zero ("0,150" is a price).
func ParseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if ambiguousComma(s) {
		thousands, _ := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
		decimals, _ := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
		return 0, fmt.Errorf("%q: %w; write %s or %s", s, ErrAmbiguousComma,
			strconv.FormatFloat(thousands, 'f', -1, 64), strconv.FormatFloat(decimals, 'f', -1, 64))
	}
	n, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	switch {
	case err != nil:
		return 0, err
	case math.IsNaN(n) || math.IsInf(n, 0):
		return 0, errors.New("not a number")
	case n == 0:
		return 0, nil
	}
	return n, nil
}

// ambiguousComma tells whether s is a number like "1,500" or "-12,000": one
// comma, three digits after it, a whole part that is not zero.
func ambiguousComma(s string) bool {
	whole, frac, found := strings.Cut(strings.TrimPrefix(s, "-"), ",")
	if !found || len(frac) != 3 || strings.Trim(whole, "0") == "" {
		return false
	}
	return strings.Trim(whole+frac, "0123456789") == ""
}

// NumberProblem is what to tell the owner about a number that could not be
// read: the ambiguity in words when that is the trouble, else the hint the
// caller gives (an example of the number it wants).
func NumberProblem(err error, hint string) string {
	if errors.Is(err, ErrAmbiguousComma) {
		return err.Error()
	}
	return hint
}

// ParseDuration reads a duration as people type it, spaces and all
// ("1m 30s", "10 m"), in the window and at the command line alike.
func ParseDuration(s string) (time.Duration, error) {
	return time.ParseDuration(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
}
