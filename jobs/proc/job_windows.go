package proc

import (
	"fmt"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

// A Windows workload runs in a Job Object, the Windows counterpart of a
// process group: every process it starts joins the job, and the job is
// created kill-on-close, so if RigShift dies the kernel closes the handle
// and ends the whole tree (what Pdeathsig does on Linux).

// group is a started workload's job, found by its leader's PID.
type group struct {
	job    windows.Handle
	killed bool // TerminateJobObject was called: the leader's end is reported as SIGKILL
}

var groups = struct {
	sync.Mutex
	m map[int]*group
}{m: map[int]*group{}}

func addGroup(pid int, job windows.Handle) {
	groups.Lock()
	defer groups.Unlock()
	groups.m[pid] = &group{job: job}
}

// withGroup runs f on the leader's group under the lock; false when the
// group is unknown or already released.
func withGroup(pid int, f func(*group)) bool {
	groups.Lock()
	defer groups.Unlock()
	g, ok := groups.m[pid]
	if ok {
		f(g)
	}
	return ok
}

// releaseGroup closes the job handle once no process is left in it.
func releaseGroup(pid int) {
	groups.Lock()
	defer groups.Unlock()
	if g, ok := groups.m[pid]; ok {
		_ = windows.CloseHandle(g.job)
		delete(groups.m, pid)
	}
}

// newJob creates a job that kills its processes when its last handle
// closes.
func newJob() (windows.Handle, error) {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return 0, fmt.Errorf("creating a job object: %w", err)
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}
	info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		_ = windows.CloseHandle(job)
		return 0, fmt.Errorf("setting kill-on-close on the job object: %w", err)
	}
	return job, nil
}

// jobPIDs is JOBOBJECT_BASIC_PROCESS_ID_LIST with room for 256 processes.
type jobPIDs struct {
	Assigned uint32
	Listed   uint32
	PIDs     [256]uintptr
}

// members lists the PIDs of the processes in the job.
func members(job windows.Handle) []int {
	var list jobPIDs
	if err := windows.QueryInformationJobObject(job, windows.JobObjectBasicProcessIdList,
		uintptr(unsafe.Pointer(&list)), uint32(unsafe.Sizeof(list)), nil); err != nil {
		return nil
	}
	out := make([]int, 0, list.Listed)
	for _, pid := range list.PIDs[:min(list.Listed, uint32(len(list.PIDs)))] {
		out = append(out, int(pid))
	}
	return out
}

// jobAccounting is the head of JOBOBJECT_BASIC_ACCOUNTING_INFORMATION, up
// to ActiveProcesses.
type jobAccounting struct {
	TotalUserTime             int64
	TotalKernelTime           int64
	ThisPeriodTotalUserTime   int64
	ThisPeriodTotalKernelTime int64
	TotalPageFaultCount       uint32
	TotalProcesses            uint32
	ActiveProcesses           uint32
	TotalTerminatedProcesses  uint32
}

// active counts the job's running processes; -1 when it cannot be asked.
func active(job windows.Handle) int {
	var acc jobAccounting
	if err := windows.QueryInformationJobObject(job, windows.JobObjectBasicAccountingInformation,
		uintptr(unsafe.Pointer(&acc)), uint32(unsafe.Sizeof(acc)), nil); err != nil {
		return -1
	}
	return int(acc.ActiveProcesses)
}
