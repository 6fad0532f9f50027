//go:build unix

package proc

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

type sig syscall.Signal

const (
	sigTerm = sig(syscall.SIGTERM)
	sigKill = sig(syscall.SIGKILL)
	sigStop = sig(syscall.SIGSTOP)
	sigCont = sig(syscall.SIGCONT)
)

// Start starts the process in a new process group.
func Start(s Spec) (*Process, error) {
	cmd := exec.Command(s.Path, s.Args...)
	if p, ok := lookPathIn(s.Path, s.Env); ok {
		cmd.Path, cmd.Err = p, nil
	}
	cmd.Env, cmd.Dir = s.Env, s.Dir
	if s.Stdout != nil {
		cmd.Stdout = s.Stdout
	}
	if s.Stderr != nil {
		cmd.Stderr = s.Stderr
	}
	cmd.SysProcAttr = sysProcAttr()
	p := &Process{done: make(chan struct{})}
	started := make(chan error, 1)
	go p.own(cmd, started)
	if err := <-started; err != nil {
		return nil, startProblem(s, err)
	}
	return p, nil
}

// startProblem says in the owner's words why s did not start: what is
// wrong with its folder or its program where that can be seen, else the
// kernel's answer at the end, without Go's "fork/exec /path:" before it
// (the caller already says that it could not start).
func startProblem(s Spec, err error) error {
	if dir := folderProblem(s.Dir, err); dir != err {
		return dir
	}
	if why := ProgramProblem(s.Path, s.Dir, s.Env); why != "" {
		return errors.New(why)
	}
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return fmt.Errorf("%s could not be run: %w", s.Path, err)
	}
	switch errno {
	case syscall.ENOEXEC:
		return fmt.Errorf("%s is not a program this computer can run: a script needs a first line such as #!/bin/sh, a program must be built for this computer (%w)", s.Path, errno)
	case syscall.EACCES, syscall.EPERM:
		return fmt.Errorf("%s may not be run: a folder on its path is closed to RigShift, or its disk does not allow programs (%w)", s.Path, errno)
	}
	return fmt.Errorf("%s could not be run (%w)", s.Path, errno)
}

// folderProblem is err, or what is wrong with dir when that is why the
// process did not start: the child's failed chdir comes back as
// "fork/exec /usr/bin/python3: no such file or directory", naming only a
// program that is there.
func folderProblem(dir string, err error) error {
	if dir == "" {
		return err
	}
	st, serr := os.Stat(dir)
	switch {
	case errors.Is(serr, fs.ErrNotExist):
		return fmt.Errorf("its folder %s is not there", dir)
	case serr != nil:
		return fmt.Errorf("its folder %s cannot be reached: %w", dir, serr)
	case !st.IsDir():
		return fmt.Errorf("its folder %s is a file, not a folder", dir)
	}
	return err
}

// own starts cmd and waits for it on one locked OS thread: Pdeathsig is
// tied to the thread that forked the child, so that thread must live as
// long as the child. The goroutine never unlocks; when it returns, the
// runtime ends the thread, after the child is already gone.
func (p *Process) own(cmd *exec.Cmd, started chan<- error) {
	runtime.LockOSThread()
	if err := cmd.Start(); err != nil {
		started <- err
		return
	}
	p.pid = cmd.Process.Pid
	started <- nil
	err := cmd.Wait()
	p.res = result(cmd, err)
	close(p.done)
}

func result(cmd *exec.Cmd, err error) Result {
	st, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return Result{Code: -1, Err: fmt.Errorf("waiting for process: %w", err)}
	}
	switch {
	case !ok:
		return Result{Code: cmd.ProcessState.ExitCode()}
	case st.Signaled():
		return Result{Code: -1, Signal: signalName(st.Signal())}
	}
	return Result{Code: st.ExitStatus()}
}

// signalGroup sends s to every process of group pgid. ESRCH means the
// group is already gone, which is what a caller wants: not an error.
func signalGroup(pgid int, s sig) error {
	if pgid <= 0 {
		return errors.New("no process group")
	}
	err := syscall.Kill(-pgid, syscall.Signal(s))
	if err == nil || errors.Is(err, syscall.ESRCH) {
		return nil
	}
	return fmt.Errorf("signalling process group %d: %w", pgid, err)
}

// groupExists asks the kernel whether any process (zombies included) is in
// the group.
func groupExists(pgid int) bool {
	return pgid > 0 && !errors.Is(syscall.Kill(-pgid, 0), syscall.ESRCH)
}

var signalNames = map[syscall.Signal]string{
	syscall.SIGHUP: "SIGHUP", syscall.SIGINT: "SIGINT", syscall.SIGQUIT: "SIGQUIT",
	syscall.SIGILL: "SIGILL", syscall.SIGTRAP: "SIGTRAP", syscall.SIGABRT: "SIGABRT",
	syscall.SIGBUS: "SIGBUS", syscall.SIGFPE: "SIGFPE", syscall.SIGKILL: "SIGKILL",
	syscall.SIGUSR1: "SIGUSR1", syscall.SIGSEGV: "SIGSEGV", syscall.SIGUSR2: "SIGUSR2",
	syscall.SIGPIPE: "SIGPIPE", syscall.SIGALRM: "SIGALRM", syscall.SIGTERM: "SIGTERM",
	syscall.SIGXCPU: "SIGXCPU", syscall.SIGXFSZ: "SIGXFSZ",
}

func signalName(s syscall.Signal) string {
	if n, ok := signalNames[s]; ok {
		return n
	}
	return fmt.Sprintf("signal %d", int(s))
}

// GroupOf returns the process group of pid, or false when pid is gone.
func GroupOf(pid int) (int, bool) {
	g, err := syscall.Getpgid(pid)
	return g, err == nil
}
