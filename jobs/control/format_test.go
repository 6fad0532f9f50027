package control

import (
	"testing"
	"time"
)

// A longest run is said as the window and the notices write time ("2 h",
// "1 h 30 min"), not as Go prints it ("1h30m") beside "2 h 00 min" in the
// same notice; a part that is zero is left out.
func TestSpanWords(t *testing.T) {
	for d, want := range map[time.Duration]string{
		2 * time.Hour:                "2 h",
		90 * time.Minute:             "1 h 30 min",
		45 * time.Minute:             "45 min",
		30 * time.Second:             "30 s",
		90 * time.Second:             "1 min 30 s",
		26*time.Hour + 5*time.Minute: "26 h 5 min",
		time.Hour + 30*time.Second:   "1 h 30 s",
		0:                            "0 s",
	} {
		if got := spanWords(d); got != want {
			t.Errorf("spanWords(%v) = %q, want %q", d, got, want)
		}
	}
}

// A hash rate is written to three figures in the unit miners use, the
// unit chosen after rounding: 999.96 MH/s read "1000.0 MH/s" in the
// window and "1000 MH/s" at the command line, which wrote it otherwise
// ("1.234 kH/s" where the window said "1.2 kH/s").
func TestHashRate(t *testing.T) {
	for hs, want := range map[float64]string{
		0:         "0 H/s",
		0.5:       "0.50 H/s",
		99.996:    "100 H/s",
		1234:      "1.23 kH/s",
		9996:      "10.0 kH/s",
		45.2e6:    "45.2 MH/s",
		61.2e6:    "61.2 MH/s",
		245.37e6:  "245 MH/s",
		999.4e6:   "999 MH/s",
		999.96e6:  "1.00 GH/s",
		1.0449e9:  "1.04 GH/s",
		999.96e12: "1.00 PH/s",
		5e21:      "5000000 PH/s", // no unit above; never a "5e+06"
	} {
		if got := HashRate(hs); got != want {
			t.Errorf("HashRate(%g) = %q, want %q", hs, got, want)
		}
	}
}
