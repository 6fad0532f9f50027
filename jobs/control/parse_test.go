package control

import (
	"math"
	"testing"
	"time"
)

// Numbers and durations read alike in the window and at the command line.
func TestParseNumberAndDuration(t *testing.T) {
	for in, want := range map[string]float64{"0.45": 0.45, "0,45": 0.45, " 12 ": 12, "-0": 0, "-0,0": 0, "-3": -3} {
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
	for in, want := range map[string]time.Duration{"1m 30s": 90 * time.Second, "10 m": 10 * time.Minute, " 2m ": 2 * time.Minute} {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}
