package progress

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// scales are tqdm's unit_scale suffixes (format_sizeof, divisor 1000).
var scales = map[byte]float64{'k': 1e3, 'K': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15}

// leadingNumber splits s into the longest leading decimal number and the
// rest. It accepts digits, one '.', and an exponent ("1.8e-05").
func leadingNumber(s string) (num, rest string) {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := 0
	for ; i < len(s) && (isDigit(s[i]) || s[i] == '.'); i++ {
		digits++
	}
	if digits == 0 {
		return "", s
	}
	if i+1 < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if s[j] == '-' || s[j] == '+' {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
		}
	}
	return s[:i], s[i:]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseFinite parses a float and rejects NaN, ±Inf and syntax errors.
func parseFinite(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// parseScaled parses "450", "1.50k" or "2.3M" at the start of s and returns
// the value and what follows the number and its suffix.
func parseScaled(s string) (float64, string, bool) {
	num, rest := leadingNumber(s)
	v, ok := parseFinite(num)
	if !ok {
		return 0, s, false
	}
	if len(rest) > 0 {
		if f, ok := scales[rest[0]]; ok {
			v *= f
			rest = rest[1:]
		}
	}
	if v < 0 || math.IsInf(v, 0) {
		return 0, s, false
	}
	return v, rest, true
}

// parseInterval parses tqdm's format_interval: "MM:SS" or "H:MM:SS" (hours
// may pass 24), optionally with a "Nd " day prefix.
func parseInterval(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	var days int64
	if d, rest, ok := strings.Cut(s, "d "); ok {
		n, err := strconv.ParseInt(d, 10, 32)
		if err != nil || n < 0 {
			return 0, false
		}
		days, s = n, rest
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var secs int64
	for _, p := range parts {
		n, err := strconv.ParseInt(p, 10, 32)
		if err != nil || n < 0 || len(p) == 0 {
			return 0, false
		}
		secs = secs*60 + n
	}
	return time.Duration(days*86400+secs) * time.Second, true
}

func round(v float64) int64 {
	if v > math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return int64(math.Round(v))
}

// seconds converts to a Duration, clamped to [0, 10 years].
func seconds(s float64) time.Duration {
	const most = 10 * 365 * 24 * time.Hour
	if !(s > 0) {
		return 0
	}
	if s >= most.Seconds() {
		return most
	}
	return time.Duration(s * float64(time.Second))
}

// shortText keeps the first n runes of s with control characters removed,
// and the marks that turn text right to left (U+202E and its kin): a
// message with one made the rest of its line read backwards.
func shortText(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return -1
		}
		return r
	}, s)
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
