//go:build !linux

package hardware

// monotonicMicros has no CLOCK_MONOTONIC to read here (nor is there a
// logind); the wall-clock IdleSinceHint serves instead.
func monotonicMicros() (uint64, bool) { return 0, false }
