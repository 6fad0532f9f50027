package control

import (
	"errors"
	"math"
	"testing"
	"time"
)

// Numbers and durations read alike in the window and at the command line.
func TestParseNumberAndDuration(t *testing.T) {
	for in, want := range map[string]float64{"0.45": 0.45, "0,45": 0.45, "0,150": 0.15, "12,5": 12.5, "1,5000": 1.5, "1000": 1000, " 12 ": 12, "-0": 0, "-0,0": 0, "-3": -3} {
		got, err := ParseNumber(in)
		if err != nil || got != want || math.Signbit(got) != math.Signbit(want) {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "NaN", "Inf", "-inf", "cheap", "1,000.5"} {
		if got, err := ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q) = %v, want an error", in, got)
		}
	}
	// A comma before three digits is a thousand to one owner and a decimal
	// point to another: refused, with both readings offered.
	for in, want := range map[string]string{
		"1,000":   `"1,000": the comma could group thousands or mark the decimals; write 1000 or 1`,
		" 1,500 ": `"1,500": the comma could group thousands or mark the decimals; write 1500 or 1.5`,
		"-12,250": `"-12,250": the comma could group thousands or mark the decimals; write -12250 or -12.25`,
	} {
		_, err := ParseNumber(in)
		if !errors.Is(err, ErrAmbiguousComma) || err.Error() != want {
			t.Errorf("ParseNumber(%q) error = %v, want %s", in, err, want)
		}
		if got := NumberProblem(err, "write a number"); got != want {
			t.Errorf("NumberProblem(%q) = %q", in, got)
		}
	}
	if _, err := ParseNumber("cheap"); NumberProblem(err, "write a number, e.g. 80") != "write a number, e.g. 80" {
		t.Error("a word instead of a number should get the caller's example")
	}
	for in, want := range map[string]time.Duration{"1m 30s": 90 * time.Second, "10 m": 10 * time.Minute, " 2m ": 2 * time.Minute} {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}
