package proc

import (
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"syscall"

	"golang.org/x/sys/windows"
)

type sig int

const (
	sigTerm sig = iota
	sigKill
	sigStop
	sigCont
)

// Start starts the process suspended, puts it in a new kill-on-close job
// (so nothing it starts can escape the job), then lets it run. It is also
// the root of a new console process group, for the CTRL_BREAK Stop sends.
func Start(s Spec) (*Process, error) {
	job, err := newJob()
	if err != nil {
		return nil, fmt.Errorf("starting %s: %w", s.Path, err)
	}
	cmd := exec.Command(s.Path, s.Args...)
	cmd.Env, cmd.Dir = s.Env, s.Dir
	if s.Stdout != nil {
		cmd.Stdout = s.Stdout
	}
	if s.Stderr != nil {
		cmd.Stderr = s.Stderr
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: windows.CREATE_NEW_PROCESS_GROUP | windows.CREATE_SUSPENDED}
	if err := cmd.Start(); err != nil {
		_ = windows.CloseHandle(job)
		return nil, fmt.Errorf("starting %s: %w", s.Path, err)
	}
	if err := joinAndResume(job, cmd.Process.Pid); err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		_ = windows.CloseHandle(job)
		return nil, fmt.Errorf("starting %s: %w", s.Path, err)
	}
	addGroup(cmd.Process.Pid, job)
	p := &Process{pid: cmd.Process.Pid, done: make(chan struct{})}
	go p.waitLeader(cmd)
	return p, nil
}

// joinAndResume assigns the suspended process to the job and resumes it.
func joinAndResume(job windows.Handle, pid int) error {
	h, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE|windows.PROCESS_SUSPEND_RESUME,
		false, uint32(pid))
	if err != nil {
		return fmt.Errorf("opening the new process: %w", err)
	}
	defer windows.CloseHandle(h)
	if err := windows.AssignProcessToJobObject(job, h); err != nil {
		return fmt.Errorf("putting the process in its job object: %w", err)
	}
	return ntCall(ntResumeProcess, h)
}

func (p *Process) waitLeader(cmd *exec.Cmd) {
	err := cmd.Wait()
	var exitErr *exec.ExitError
	switch {
	case err != nil && !errors.As(err, &exitErr):
		p.res = Result{Code: -1, Err: fmt.Errorf("waiting for process: %w", err)}
	case wasKilled(p.pid):
		p.res = Result{Code: -1, Signal: "SIGKILL"} // as on Linux, so the supervisor reads it alike
	default:
		p.res = Result{Code: cmd.ProcessState.ExitCode()}
	}
	close(p.done)
}

func wasKilled(pid int) bool {
	killed := false
	withGroup(pid, func(g *group) { killed = g.killed })
	return killed
}

// signalGroup acts on the leader's job. sigTerm is a CTRL_BREAK to the
// console process group, which reaches the workload only when RigShift
// shares its console; otherwise Stop's grace runs out and sigKill ends
// the job. An unknown group is already gone: not an error.
func signalGroup(pid int, s sig) error {
	var err error
	withGroup(pid, func(g *group) {
		switch s {
		case sigTerm:
			_ = windows.GenerateConsoleCtrlEvent(windows.CTRL_BREAK_EVENT, uint32(pid))
		case sigKill:
			g.killed = true
			err = windows.TerminateJobObject(g.job, 1)
		case sigStop:
			err = eachMember(g.job, ntSuspendProcess)
		case sigCont:
			err = eachMember(g.job, ntResumeProcess)
		}
	})
	if err != nil {
		return fmt.Errorf("signalling the job of process %d: %w", pid, err)
	}
	return nil
}

// groupAlive reports whether the job has a running process; the job is
// released once it has none.
func groupAlive(pid int) bool {
	alive := false
	if withGroup(pid, func(g *group) { alive = active(g.job) != 0 }) && !alive {
		releaseGroup(pid)
	}
	return alive
}

// leaderZombie: Windows has no zombies; the stop's own wait decides.
func leaderZombie(int) bool { return false }

func groupMembers(pid int) []int {
	var out []int
	withGroup(pid, func(g *group) { out = members(g.job) })
	return out
}

// GroupOf returns the leader of the workload whose job holds pid.
func GroupOf(pid int) (int, bool) {
	groups.Lock()
	defer groups.Unlock()
	for leader, g := range groups.m {
		if slices.Contains(members(g.job), pid) {
			return leader, true
		}
	}
	return 0, false
}
