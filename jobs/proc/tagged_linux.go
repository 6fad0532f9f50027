package proc

import (
	"bytes"
	"os"
	"slices"
	"strconv"
	"syscall"
	"time"
)

// KillTagged ends the process groups of this user's processes whose
// environment holds the entry tag ("KEY=value"): SIGTERM, then SIGKILL
// to what is left after two seconds. It returns the groups it signalled.
func KillTagged(tag string) []int {
	var groups []int
	for _, pid := range allPIDs() {
		if pid == os.Getpid() || !hasEnv(pid, tag) {
			continue
		}
		if g, live, ok := readStat(pid); ok && live && !slices.Contains(groups, g) {
			groups = append(groups, g)
		}
	}
	for _, g := range groups {
		_ = syscall.Kill(-g, syscall.SIGTERM)
		_ = syscall.Kill(-g, syscall.SIGCONT) // a job paused for heat
	}
	deadline := time.Now().Add(2 * time.Second)
	for _, g := range groups {
		for groupAlive(g) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if groupAlive(g) {
			_ = syscall.Kill(-g, syscall.SIGKILL)
		}
	}
	return groups
}

// hasEnv reports whether pid's environment holds entry; another user's
// process cannot be read, and is never ours.
func hasEnv(pid int, entry string) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/environ")
	if err != nil {
		return false
	}
	for kv := range bytes.SplitSeq(b, []byte{0}) {
		if string(kv) == entry {
			return true
		}
	}
	return false
}
