package proc

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows"
)

// Windows has no SIGSTOP: ntdll's NtSuspendProcess and NtResumeProcess
// (what Process Explorer and Sysinternals' pssuspend use) pause and resume
// every thread of a process.
var (
	ntdll            = windows.NewLazySystemDLL("ntdll.dll")
	ntSuspendProcess = ntdll.NewProc("NtSuspendProcess")
	ntResumeProcess  = ntdll.NewProc("NtResumeProcess")
)

// ntCall calls an ntdll process function on h; a non-zero NTSTATUS is an
// error.
func ntCall(f *windows.LazyProc, h windows.Handle) error {
	if err := f.Find(); err != nil {
		return err
	}
	if status, _, _ := f.Call(uintptr(h)); status != 0 {
		return fmt.Errorf("%s: %w", f.Name, windows.NTStatus(status))
	}
	return nil
}

// eachMember calls f on every process of the job.
func eachMember(job windows.Handle, f *windows.LazyProc) error {
	var errs []error
	for _, pid := range members(job) {
		h, err := windows.OpenProcess(windows.PROCESS_SUSPEND_RESUME, false, uint32(pid))
		if err != nil {
			continue // exited meanwhile
		}
		errs = append(errs, ntCall(f, h))
		_ = windows.CloseHandle(h)
	}
	return errors.Join(errs...)
}
