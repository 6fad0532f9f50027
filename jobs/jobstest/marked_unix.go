//go:build unix

package jobstest

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
)

// StartMarked starts a sleeping process in a group of its own with entry
// in its environment, as a RigShift's workload that a killed RigShift
// left behind; done closes when it has ended. It is killed at the test's
// end if still running.
func StartMarked(t testing.TB, entry string) (cmd *exec.Cmd, done chan struct{}) {
	t.Helper()
	cmd = exec.Command("sleep", "60")
	cmd.Env = append(os.Environ(), entry)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done = make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); <-done })
	return cmd, done
}
