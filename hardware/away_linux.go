package hardware

import "golang.org/x/sys/unix"

// monotonicMicros reads CLOCK_MONOTONIC, the clock of logind's
// IdleSinceHintMonotonic, in microseconds (Go's own monotonic readings
// have no fixed origin).
func monotonicMicros() (uint64, bool) {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		return 0, false
	}
	return uint64(ts.Nano()) / 1000, true
}
