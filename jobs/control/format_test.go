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
