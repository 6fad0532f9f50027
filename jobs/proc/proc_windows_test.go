package proc

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/windows"
)

// TestMain lets the test binary play the child processes: with
// PROC_HELPER set it behaves as asked instead of running tests.
func TestMain(m *testing.M) {
	switch os.Getenv("PROC_HELPER") {
	case "":
		os.Exit(m.Run())
	case "exit3":
		os.Exit(3)
	case "sleep":
		fmt.Println("ready")
		time.Sleep(time.Minute)
	case "grandchild":
		c := exec.Command(os.Args[0])
		c.Env = append(os.Environ(), "PROC_HELPER=sleep")
		if err := c.Start(); err != nil {
			os.Exit(9)
		}
		fmt.Println("child", c.Process.Pid)
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

func childPID(t *testing.T, sc *bufio.Scanner) int {
	t.Helper()
	if !sc.Scan() {
		t.Fatal("no child line")
	}
	pid, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "child "))
	if err != nil {
		t.Fatalf("child line %q", sc.Text())
	}
	return pid
}

// running reports whether pid is a process that has not exited.
func running(pid int) bool {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return false
	}
	defer windows.CloseHandle(h)
	var code uint32
	return windows.GetExitCodeProcess(h, &code) == nil && code == 259 // STILL_ACTIVE
}

func TestExitCode(t *testing.T) {
	p, _ := start(t, "exit3")
	if r := p.Result(); r.Code != 3 || r.Signal != "" {
		t.Errorf("result %+v, want code 3", r)
	}
}

func TestStopKillsTheTree(t *testing.T) {
	p, sc := start(t, "grandchild")
	child := childPID(t, sc)
	if !slices.Contains(p.Members(), child) {
		t.Errorf("members %v lack the grandchild %d", p.Members(), child)
	}
	if g, ok := GroupOf(child); !ok || g != p.PID() {
		t.Errorf("GroupOf(grandchild) = %d, %v", g, ok)
	}
	r := p.Stop(100 * time.Millisecond)
	if r.Signal != "SIGKILL" || r.Err != nil {
		t.Errorf("result %+v, want SIGKILL", r)
	}
	if p.Alive() || running(child) {
		t.Error("the tree outlived Stop")
	}
}

func TestPauseAndContinue(t *testing.T) {
	p, sc := start(t, "sleep")
	if !sc.Scan() {
		t.Fatal("no ready line")
	}
	if err := p.Pause(); err != nil {
		t.Fatal(err)
	}
	if err := p.Continue(); err != nil {
		t.Fatal(err)
	}
}

// RigShift dying closes the job handle, and the kernel ends the workload.
func TestKillOnClose(t *testing.T) {
	sup := exec.Command(os.Args[0])
	sup.Env = append(os.Environ(), "PROC_HELPER=supervisor")
	out, _ := sup.StdoutPipe()
	if err := sup.Start(); err != nil {
		t.Fatal(err)
	}
	child := childPID(t, bufio.NewScanner(out))
	_ = sup.Process.Kill()
	_ = sup.Wait()
	deadline := time.Now().Add(5 * time.Second)
	for running(child) {
		if time.Now().After(deadline) {
			t.Fatal("the workload outlived its supervisor")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
