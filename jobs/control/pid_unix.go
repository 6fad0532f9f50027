//go:build unix

package control

import "syscall"

// alive reports whether pid runs (signal 0 checks without sending one).
func alive(pid int) bool { return syscall.Kill(pid, 0) == nil }

// pgidOf is the process group pid belongs to.
func pgidOf(pid int) (int, error) { return syscall.Getpgid(pid) }
