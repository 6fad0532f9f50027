package control

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// ParseNumber reads a number as people type it, in the window and at the
// command line alike: "0.45" or "0,45". NaN and Inf parse in Go but are no
// price or limit; "-0" is zero, not a negative zero shown as "-0".
func ParseNumber(s string) (float64, error) {
	n, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
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

// ParseDuration reads a duration as people type it, spaces and all
// ("1m 30s", "10 m"), in the window and at the command line alike.
func ParseDuration(s string) (time.Duration, error) {
	return time.ParseDuration(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
}
