package proc

import (
	"errors"
	"os"
	"time"
)

// ErrUnsupported means this platform cannot supervise process groups.
var ErrUnsupported = errors.New("process supervision is not supported on this platform")

// ErrUnkillable means the group survived SIGKILL for longer than
// KillWait: a process stuck in the kernel (often a sick GPU driver).
var ErrUnkillable = errors.New("process did not die after SIGKILL")

// KillWait bounds how long Stop waits after SIGKILL.
const KillWait = 5 * time.Second

// Spec describes the process to start.
type Spec struct {
	Path   string
	Args   []string // arguments after argv[0]
	Env    []string // the whole environment
	Dir    string
	Stdout *os.File // nil: /dev/null; the child gets the file itself
	Stderr *os.File
}

// Result is how the process ended.
type Result struct {
	Code   int    // exit code; -1 when a signal ended it
	Signal string // "SIGKILL", "SIGSEGV", …; "" when it exited
	Err    error  // a failure to wait or to kill; nil normally
	// EndedFirst: Stop found the leader already ended by itself, before
	// its first signal. Its exit is its own, not the stop's.
	EndedFirst bool
}

// Process is a started process group. Its methods are safe for concurrent
// use.
type Process struct {
	pid  int
	done chan struct{}
	res  Result
}

// PID returns the leader's PID, which is also the process group id.
func (p *Process) PID() int { return p.pid }

// Done is closed when the leader has exited and been waited for.
func (p *Process) Done() <-chan struct{} { return p.done }

// Result returns how the leader ended; call it after Done is closed.
func (p *Process) Result() Result {
	<-p.done
	return p.res
}

// Pause stops every process of the group (SIGSTOP).
func (p *Process) Pause() error { return signalGroup(p.pid, sigStop) }

// Continue resumes a paused group (SIGCONT).
func (p *Process) Continue() error { return signalGroup(p.pid, sigCont) }

// Alive reports whether any process of the group is still running.
func (p *Process) Alive() bool { return groupAlive(p.pid) }

// Members lists the PIDs of the group's live processes (on Linux; elsewhere
// the leader's, while it runs).
func (p *Process) Members() []int { return groupMembers(p.pid) }

// Stop ends the group: SIGTERM (with SIGCONT), then SIGKILL to whatever is
// left after grace. It returns the leader's result once no process of the
// group is left, or with ErrUnkillable after KillWait more. Calling Stop
// after the leader exited by itself ends its leftovers the same way.
func (p *Process) Stop(grace time.Duration) Result {
	deadline := time.Now().Add(grace)
	endedFirst := p.ended()
	// A failed signal (EPERM: not ours) shows up below as a group that
	// does not go away; there is nothing better to do with the error.
	_ = signalGroup(p.pid, sigTerm)
	_ = signalGroup(p.pid, sigCont)
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-p.done:
	case <-t.C:
	}
	if waitGone(p.pid, p.done, time.Until(deadline)) {
		return p.result(endedFirst)
	}
	_ = signalGroup(p.pid, sigKill)
	if waitGone(p.pid, p.done, KillWait) {
		return p.result(endedFirst)
	}
	return Result{Code: -1, Err: ErrUnkillable}
}

// ended reports whether the leader has exited: waited for, a zombie not
// yet reaped, or on its way out (a stop that comes just as it exits finds
// it so). A process still running when the signal is sent may yet exit
// with its own code before the signal lands: that stays the stop's.
func (p *Process) ended() bool {
	select {
	case <-p.done:
		return true
	default:
		return leaderZombie(p.pid)
	}
}

func (p *Process) result(endedFirst bool) Result {
	r := p.res
	r.EndedFirst = endedFirst
	return r
}

// waitGone polls until the leader has been waited for and no process of
// the group is left, or d passes. It checks at once, then backs off from
// 1 ms to 20 ms.
func waitGone(pgid int, done <-chan struct{}, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for wait := time.Millisecond; ; wait = min(2*wait, 20*time.Millisecond) {
		select {
		case <-done:
			if !groupAlive(pgid) {
				return true
			}
		default:
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(min(wait, max(time.Until(deadline), 0)+time.Millisecond))
	}
}
