//go:build linux

package proc

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary play the child processes: with
// PROC_HELPER set it behaves as asked instead of running tests.
func TestMain(m *testing.M) {
	if mode := os.Getenv("PROC_HELPER"); mode != "" {
		helper(mode)
		return
	}
	os.Exit(m.Run())
}

func helper(mode string) {
	switch mode {
	case "exit3":
		os.Exit(3)
	case "sleep":
		fmt.Println("ready")
		time.Sleep(time.Minute)
	case "ignore-term":
		signal.Ignore(syscall.SIGTERM)
		fmt.Println("ready")
		time.Sleep(time.Minute)
	case "grandchild", "grandchild-then-exit":
		c := exec.Command(os.Args[0])
		c.Env = append(os.Environ(), "PROC_HELPER=ignore-term")
		if err := c.Start(); err != nil {
			os.Exit(9)
		}
		fmt.Println("child", c.Process.Pid)
		if mode == "grandchild-then-exit" {
			os.Exit(0)
		}
		time.Sleep(time.Minute)
	case "tagged-supervisor": // plays RigShift: starts a marked workload that starts a worker
		_, err := Start(Spec{Path: os.Args[0], Env: append(os.Environ(), "PROC_HELPER=grandchild", testTag), Stdout: os.Stdout})
		if err != nil {
			os.Exit(9)
		}
		time.Sleep(time.Minute)
	case "supervisor": // plays RigShift: starts a workload, then is killed
		p, err := Start(Spec{Path: os.Args[0], Env: append(os.Environ(), "PROC_HELPER=sleep")})
		if err != nil {
			os.Exit(9)
		}
		fmt.Println("child", p.PID())
		time.Sleep(time.Minute)
	}
	os.Exit(0)
}

// start runs the helper in mode and returns it with its output lines.
func start(t *testing.T, mode string) (*Process, *bufio.Scanner) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	p, err := Start(Spec{Path: os.Args[0], Env: append(os.Environ(), "PROC_HELPER="+mode), Stdout: w})
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Stop(0); r.Close() })
	return p, bufio.NewScanner(r)
}

// childPID reads the "child N" line.
func childPID(t *testing.T, sc *bufio.Scanner) int {
	t.Helper()
	if !sc.Scan() {
		t.Fatal("no output from helper")
	}
	pid, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "child "))
	if err != nil {
		t.Fatalf("helper said %q", sc.Text())
	}
	return pid
}

// running reports whether pid exists and is not a zombie.
func running(pid int) bool {
	_, live, ok := readStat(pid)
	return ok && live
}

func TestExitCode(t *testing.T) {
	p, _ := start(t, "exit3")
	if r := p.Result(); r.Code != 3 || r.Signal != "" || r.Err != nil {
		t.Fatalf("Result = %+v", r)
	}
}

func TestStartMissingProgram(t *testing.T) {
	if _, err := Start(Spec{Path: "/nonexistent/miner"}); err == nil {
		t.Fatal("no error")
	}
}

// A program that is there, started in a folder that is not, is refused
// for its folder: the kernel's error named only the program ("fork/exec
// /usr/bin/python3: no such file or directory"), and the owner looked for
// a program that was there all along.
func TestStartInAMissingFolderSaysWhich(t *testing.T) {
	dir := t.TempDir() + "/gone"
	_, err := Start(Spec{Path: "/bin/sh", Args: []string{"-c", "true"}, Dir: dir})
	if err == nil {
		t.Fatal("no error")
	}
	if !strings.Contains(err.Error(), "folder "+dir+" is not there") {
		t.Errorf("the error does not name the missing folder: %v", err)
	}
}

func TestStopByTerm(t *testing.T) {
	p, sc := start(t, "sleep")
	sc.Scan()
	t0 := time.Now()
	r := p.Stop(10 * time.Second)
	if r.Signal != "SIGTERM" || time.Since(t0) > 2*time.Second || p.Alive() {
		t.Fatalf("Result = %+v after %v, alive %v", r, time.Since(t0), p.Alive())
	}
}

// A stop that finds the leader already ended says so: its exit is its
// own (a job that finished just as the mode switched succeeded), and a
// stop of a running process is the stop's.
func TestStopSaysWhetherItEndedFirst(t *testing.T) {
	p, _ := start(t, "exit3")
	<-p.Done()
	if r := p.Stop(time.Second); !r.EndedFirst || r.Code != 3 {
		t.Errorf("stop after it exited: %+v", r)
	}
	p, sc := start(t, "sleep")
	sc.Scan()
	if r := p.Stop(10 * time.Second); r.EndedFirst || r.Signal != "SIGTERM" {
		t.Errorf("stop of a running process: %+v", r)
	}
}

func TestStopKillsAfterGrace(t *testing.T) {
	p, sc := start(t, "ignore-term")
	sc.Scan()
	t0 := time.Now()
	r := p.Stop(200 * time.Millisecond)
	if d := time.Since(t0); r.Signal != "SIGKILL" || d < 200*time.Millisecond || d > 3*time.Second {
		t.Fatalf("Result = %+v after %v", r, d)
	}
}

func TestStopEndsGrandchild(t *testing.T) {
	p, sc := start(t, "grandchild")
	gc := childPID(t, sc)
	if !running(gc) || len(p.Members()) != 2 {
		t.Fatalf("grandchild %d running %v, members %v", gc, running(gc), p.Members())
	}
	p.Stop(300 * time.Millisecond) // the grandchild ignores SIGTERM
	if running(gc) || p.Alive() {
		t.Fatalf("grandchild %d still running", gc)
	}
}

func TestLeftoversAfterLeaderExit(t *testing.T) {
	p, sc := start(t, "grandchild-then-exit")
	gc := childPID(t, sc)
	if r := p.Result(); r.Code != 0 {
		t.Fatalf("leader result %+v", r)
	}
	if !p.Alive() {
		t.Fatal("group not alive with the grandchild running")
	}
	p.Stop(100 * time.Millisecond)
	if running(gc) {
		t.Fatalf("grandchild %d survived", gc)
	}
}

func TestPauseContinue(t *testing.T) {
	p, sc := start(t, "sleep")
	sc.Scan()
	if err := p.Pause(); err != nil {
		t.Fatal(err)
	}
	waitState(t, p.PID(), 'T')
	if err := p.Continue(); err != nil {
		t.Fatal(err)
	}
	waitState(t, p.PID(), 'S')
	t0 := time.Now()
	p.Pause()
	if r := p.Stop(5 * time.Second); r.Signal != "SIGTERM" || time.Since(t0) > 2*time.Second {
		t.Fatalf("stopping a paused group: %+v after %v", r, time.Since(t0))
	}
}

func waitState(t *testing.T, pid int, want byte) {
	t.Helper()
	for range 200 {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if i := strings.LastIndexByte(string(b), ')'); i > 0 && len(b) > i+2 && (b[i+2] == want || (want == 'S' && b[i+2] == 'R')) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("process %d never reached state %c", pid, want)
}

// TestPdeathsig kills a process playing RigShift with SIGKILL: the
// workload it started must die with it.
func TestPdeathsig(t *testing.T) {
	sup, sc := start(t, "supervisor")
	child := childPID(t, sc)
	if !running(child) {
		t.Fatal("workload not running")
	}
	syscall.Kill(sup.PID(), syscall.SIGKILL)
	<-sup.Done()
	for range 200 {
		if !running(child) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	syscall.Kill(child, syscall.SIGKILL)
	t.Fatal("workload outlived its supervisor")
}

func TestSignalGone(t *testing.T) {
	p, _ := start(t, "exit3")
	<-p.Done()
	if err := p.Pause(); err != nil {
		t.Fatalf("signalling a gone group: %v", err)
	}
}

const testTag = "RIGSHIFT_TEST_TAG=proc-test"

// A workload's worker outlives a RigShift that was killed (the parent-death
// signal reaches only the workload's own process); KillTagged, run at the
// next start, ends it by the mark in its environment, and nothing else.
func TestKillTaggedEndsWhatAKilledRigShiftLeft(t *testing.T) {
	other, osc := start(t, "sleep")
	osc.Scan()
	sup, sc := start(t, "tagged-supervisor")
	worker := childPID(t, sc)
	_ = syscall.Kill(sup.PID(), syscall.SIGKILL)
	<-sup.Done()
	time.Sleep(100 * time.Millisecond)
	if !running(worker) {
		t.Skip("the worker died with RigShift here: nothing left to end")
	}
	groups := KillTagged(testTag)
	if len(groups) != 1 {
		t.Errorf("ended groups %v, want the workload's one", groups)
	}
	for range 100 {
		if !running(worker) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if running(worker) {
		_ = syscall.Kill(worker, syscall.SIGKILL)
		t.Fatalf("worker %d still runs", worker)
	}
	if !other.Alive() {
		t.Error("a process without the mark was ended")
	}
}

// TestStartFindsProgramInItsOwnPATH: a job whose environment sets PATH (a
// virtualenv's bin first) runs the program found there, as a shell would,
// not the one on RigShift's PATH, nor fails when RigShift's has none.
func TestStartFindsProgramInItsOwnPATH(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink(os.Args[0], dir+"/rigshift-venv-python"); err != nil {
		t.Fatal(err)
	}
	p, err := Start(Spec{Path: "rigshift-venv-python", Env: append(os.Environ(), "PROC_HELPER=exit3", "PATH=/nonexistent:"+dir)})
	if err != nil {
		t.Fatal(err)
	}
	if r := p.Result(); r.Code != 3 {
		t.Fatalf("result %+v, want the helper's exit code 3", r)
	}
}
