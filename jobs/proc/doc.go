// Package proc runs one workload process in its own process group and ends
// the whole group on request.
//
// On Linux the child gets Pdeathsig=SIGKILL, so killing RigShift leaves no
// workload running. Pdeathsig fires when the *thread* that started the child
// exits, so Start runs the child from a goroutine that holds
// runtime.LockOSThread for the child's whole life; the same goroutine owns
// Wait. Stop sends SIGTERM to the group (and SIGCONT, so a paused group can
// act on it), then SIGKILL after a grace period, and returns only when no
// process of the group is left: a grandchild that outlives its parent is
// ended too. ESRCH from kill means the group is already gone.
//
// Linux is the supported platform; other Unix systems work without
// Pdeathsig. On Windows the group is a kill-on-close Job Object: the child
// starts suspended, joins the job, then runs, so its whole tree is in the
// job; RigShift dying closes the job and the kernel ends the tree; Stop
// sends CTRL_BREAK, then terminates the job; Pause and Continue suspend and
// resume its processes. Elsewhere Start reports ErrUnsupported.
package proc
