package control

import (
	"errors"
	"math"
	"regexp"
	"strings"
	"time"
)

// The words ParseMaxRuntime refuses with: the window shows them next to
// the field, the command line after --max.
var (
	errRuntimeUnreadable = errors.New("write a duration such as 6h or 90m, or a number of hours")
	errRuntimeTooLong    = errors.New("that is longer than RigShift can count: leave it empty for no limit")
)

// ParseMaxRuntime reads a job's longest run as the owner types it, in the
// window's Add-job dialog and after `rigshift job add --max`: "6h",
// "90m", "1h 30m", or a bare number of hours ("6", "1.5", "1,5"). Empty
// is no limit. One parser, so that the two read the same text alike.
func ParseMaxRuntime(s string) (time.Duration, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if s == "" {
		return 0, nil
	}
	// A bare number is read as every other number is: "1,500" could be
	// 1500 hours or 1.5, and is refused rather than guessed.
	h, err := ParseNumber(s)
	if errors.Is(err, ErrAmbiguousComma) {
		return 0, err
	}
	if err == nil { // never NaN or Inf: ParseNumber refuses them
		if math.Abs(h*float64(time.Hour)) >= math.MaxInt64 { // time.Duration would wrap round
			return 0, errRuntimeTooLong
		}
		return time.Duration(h * float64(time.Hour)), nil
	}
	d, err := time.ParseDuration(s)
	switch {
	case err != nil && wellFormedDuration.MatchString(s): // Go refuses what overflows it alike
		return 0, errRuntimeTooLong
	case err != nil:
		return 0, errRuntimeUnreadable
	}
	return d, nil
}

// wellFormedDuration is what time.ParseDuration would read, but for its
// size: "9999999999h" is written right and too long.
var wellFormedDuration = regexp.MustCompile(`^(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$`)
