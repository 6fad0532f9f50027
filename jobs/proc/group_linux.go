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
	d, err := os.Open("/proc")
	if err != nil {
		return nil
	}
	defer d.Close()
	names, _ := d.Readdirnames(-1)
	var out []int
	for _, name := range names {
		pid, err := strconv.Atoi(name)
		if err != nil {
			continue
		}
		if g, live, ok := readStat(pid); ok && live && g == pgid {
			out = append(out, pid)
		}
	}
	return out
}

// readStat reads a process's group and whether it is live (not a zombie
// or dead) from /proc/<pid>/stat: "pid (comm) state ppid pgrp …", where
// comm may itself hold spaces and parentheses.
func readStat(pid int) (pgrp int, live, ok bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false, false
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, false, false
	}
	f := bytes.Fields(b[i+1:])
	if len(f) < 3 {
		return 0, false, false
	}
	g, err := strconv.Atoi(string(f[2]))
	if err != nil {
		return 0, false, false
	}
	state := f[0][0]
	return g, state != 'Z' && state != 'X', true
}
