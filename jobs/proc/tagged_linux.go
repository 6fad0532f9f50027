package proc

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strconv"
	"syscall"
	"time"
)

// KillTagged ends the process groups of this user's processes whose
// environment holds the entry tag ("KEY=value"): SIGTERM, then SIGKILL
// to what is left after two seconds. A process whose environment holds an
// entry that begins with one of prefixes is ended too: the marks an older
// RigShift left. It returns the groups it signalled.
func KillTagged(tag string, prefixes ...string) []int {
	return endGroups(taggedGroups(tag, prefixes...), nil, 2*time.Second)
}

// TermTagged sends SIGTERM (and SIGCONT, for a job paused for heat) to
// the process groups of tag's processes but except, and returns them: a
// workload's descendants that left its group (except) get their SIGTERM
// with it, and so the same grace. The group's own is the stop's to send,
// which tells a leader that ended first from one the stop ended.
func TermTagged(tag string, except int) []int {
	groups := slices.DeleteFunc(taggedGroups(tag), func(g int) bool { return g == except })
	for _, g := range groups {
		_ = syscall.Kill(-g, syscall.SIGTERM)
		_ = syscall.Kill(-g, syscall.SIGCONT)
	}
	return groups
}

// EndTagged ends the process groups of tag's processes: SIGTERM to those
// not in termed (which had theirs), then SIGKILL to what is left of all
// after grace, and up to a second more for those to be gone (on a busy
// machine the kernel takes a moment to run a killed process to its end,
// and the caller goes on to check the GPUs free, or to start the next
// workload). It returns the groups, termed among them.
func EndTagged(tag string, termed []int, grace time.Duration) []int {
	return endGroups(taggedGroups(tag), termed, grace)
}

// endGroups is EndTagged for the groups found.
func endGroups(found, termed []int, grace time.Duration) []int {
	groups := termed
	for _, g := range found {
		if !slices.Contains(termed, g) {
			_ = syscall.Kill(-g, syscall.SIGTERM)
			_ = syscall.Kill(-g, syscall.SIGCONT)
			groups = append(slices.Clip(groups), g)
		}
	}
	waitGroupsGone(groups, grace)
	for _, g := range groups {
		if groupAlive(g) {
			_ = syscall.Kill(-g, syscall.SIGKILL)
		}
	}
	waitGroupsGone(groups, time.Second)
	return groups
}

// waitGroupsGone waits until no process of groups is alive, or for d.
func waitGroupsGone(groups []int, d time.Duration) {
	deadline := time.Now().Add(d)
	for _, g := range groups {
		for groupAlive(g) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// PauseTagged stops (SIGSTOP) the process groups of this user's processes
// whose environment holds tag: a workload's descendants that left its
// process group.
func PauseTagged(tag string) error { return signalTagged(tag, sigStop) }

// ContinueTagged resumes (SIGCONT) what PauseTagged stopped.
func ContinueTagged(tag string) error { return signalTagged(tag, sigCont) }

func signalTagged(tag string, s sig) error {
	var errs []error
	for _, g := range taggedGroups(tag) {
		errs = append(errs, signalGroup(g, s))
	}
	return errors.Join(errs...)
}

// TaggedPIDs lists this user's live processes, other than RigShift, whose
// environment holds tag.
func TaggedPIDs(tag string) []int {
	var pids []int
	for _, pid := range allPIDs() {
		if pid != os.Getpid() && hasEnv(pid, tag, nil) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// taggedGroups returns the process groups of the live processes, other
// than RigShift, whose environment holds tag, or an entry beginning with
// one of prefixes.
func taggedGroups(tag string, prefixes ...string) []int {
	var groups []int
	for _, pid := range allPIDs() {
		if pid == os.Getpid() || !hasEnv(pid, tag, prefixes) {
			continue
		}
		if g, live, ok := readStat(pid); ok && live && !slices.Contains(groups, g) {
			groups = append(groups, g)
		}
	}
	return groups
}

// hasEnv reports whether pid's environment holds entry, or one beginning
// with one of prefixes; another user's process cannot be read, and is
// never ours.
func hasEnv(pid int, entry string, prefixes []string) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/environ")
	if err != nil {
		return false
	}
	for kv := range bytes.SplitSeq(b, []byte{0}) {
		if string(kv) == entry || slices.ContainsFunc(prefixes, func(p string) bool { return bytes.HasPrefix(kv, []byte(p)) }) {
			return true
		}
	}
	return false
}
