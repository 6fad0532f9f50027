//go:build !linux

package proc

import "time"

// KillTagged needs /proc to find the tagged processes; elsewhere a
// workload's children are left to the operating system.
func KillTagged(string, ...string) []int { return nil }

// TermTagged needs /proc too.
func TermTagged(string, int) []int { return nil }

// EndTagged needs /proc too.
func EndTagged(string, []int, time.Duration) []int { return nil }

// PauseTagged needs /proc too: elsewhere only the group is paused.
func PauseTagged(string) error { return nil }

// ContinueTagged needs /proc too.
func ContinueTagged(string) error { return nil }

// TaggedPIDs needs /proc too.
func TaggedPIDs(string) []int { return nil }
