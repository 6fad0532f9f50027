//go:build unix && !linux

package proc

import "syscall"

// sysProcAttr puts the child in its own process group. These systems have
// no Pdeathsig: a workload may outlive a crashed RigShift.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
