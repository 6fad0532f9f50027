package proc

import (
	"bytes"
	"os"
	"strconv"
)

// groupAlive reports whether the group has a process that is not a zombie.
// Zombies count as gone: they hold no memory and run nothing, and an
// orphaned one may wait long for a reaper (PID 1 in a container may never
// reap). kill(-pgid, 0) answers the common case; /proc settles the rest.
func groupAlive(pgid int) bool {
	if !groupExists(pgid) {
		return false
	}
	return len(groupMembers(pgid)) > 0
}

// groupMembers scans /proc for live processes whose process group is pgid.
func groupMembers(pgid int) []int {
	if pgid <= 0 {
		return nil
	}
	var out []int
	for _, pid := range allPIDs() {
		if g, live, ok := readStat(pid); ok && live && g == pgid {
			out = append(out, pid)
		}
	}
	return out
}

// allPIDs lists the processes in /proc.
func allPIDs() []int {
	d, err := os.Open("/proc")
	if err != nil {
		return nil
	}
	defer d.Close()
	names, _ := d.Readdirnames(-1)
	var out []int
	for _, name := range names {
		if pid, err := strconv.Atoi(name); err == nil {
			out = append(out, pid)
		}
	}
	return out
}

// readStat reads a process's group and whether it is live (not a zombie
// or dead) from /proc/<pid>/stat.
func readStat(pid int) (pgrp int, live, ok bool) {
	f, ok := statFields(pid)
	if !ok {
		return 0, false, false
	}
	g, err := strconv.Atoi(string(f[2]))
	if err != nil {
		return 0, false, false
	}
	return g, !gone(f), true
}

// statFields are the fields of /proc/<pid>/stat after "pid (comm) ":
// state ppid pgrp session tty_nr tpgid flags …; comm may itself hold
// spaces and parentheses.
func statFields(pid int) ([][]byte, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return nil, false
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil, false
	}
	f := bytes.Fields(b[i+1:])
	return f, len(f) >= 7
}

// gone reports a zombie or dead process, from its stat fields.
func gone(f [][]byte) bool { return f[0][0] == 'Z' || f[0][0] == 'X' }

// leaderZombie reports whether pid has exited and waits to be reaped, or
// is on its way out (the kernel's PF_EXITING flag, set as exit begins).
func leaderZombie(pid int) bool {
	f, ok := statFields(pid)
	if !ok {
		return false
	}
	flags, err := strconv.ParseUint(string(f[6]), 10, 64)
	return gone(f) || err == nil && flags&pfExiting != 0
}

// pfExiting is the kernel's PF_EXITING task flag.
const pfExiting = 0x4
