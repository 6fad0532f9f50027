//go:build linux

package jobs

import (
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

// fakeEnv selects what the re-executed test binary plays.
const fakeEnv = "RIGSHIFT_FAKE"

// TestMain lets the test binary be the workloads the tests supervise: with
// RIGSHIFT_FAKE set it plays a miner, a trainer or a misbehaving process
// instead of running tests.
func TestMain(m *testing.M) {
	if mode := os.Getenv(fakeEnv); mode != "" {
		os.Exit(fake(mode))
	}
	os.Exit(m.Run())
}

func fake(mode string) int {
	switch mode {
	case "miner":
		return fakeMiner(os.Args[1:])
	case "trainer":
		return fakeTrainer()
	case "sleeper":
		return sleeper()
	case "forker":
		return forker()
	case "crash":
		fmt.Fprintln(os.Stderr, "CUDA error: out of memory")
		return envInt("FAKE_EXIT_CODE", 1)
	case "flood":
		return flood()
	case "garbage":
		return garbage()
	}
	fmt.Fprintln(os.Stderr, "unknown fake", mode)
	return 99
}

func envInt(key string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(key)); err == nil {
		return v
	}
	return def
}

func envDur(key string, def time.Duration) time.Duration {
	if v, err := time.ParseDuration(os.Getenv(key)); err == nil {
		return v
	}
	return def
}

// sleeper waits to be stopped; with FAKE_IGNORE_TERM it ignores SIGTERM.
func sleeper() int {
	if os.Getenv("FAKE_IGNORE_TERM") != "" {
		signal.Ignore(syscall.SIGTERM)
	}
	fmt.Println("ready")
	time.Sleep(envDur("FAKE_SLEEP", time.Minute))
	return 0
}

// forker starts a grandchild that ignores SIGTERM and reports its PID; with
// FAKE_LEADER_EXIT it then exits, leaving the grandchild behind. With
// FAKE_SETSID the grandchild gets a session of its own, out of the
// workload's process group, as torchrun starts its workers.
func forker() int {
	c := exec.Command(os.Args[0])
	c.Env = append(os.Environ(), fakeEnv+"=sleeper", "FAKE_IGNORE_TERM=1")
	c.Stdout = os.Stdout
	if os.Getenv("FAKE_SETSID") != "" {
		c.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	}
	if err := c.Start(); err != nil {
		return 9
	}
	fmt.Printf("grandchild %d\n", c.Process.Pid)
	if os.Getenv("FAKE_LEADER_EXIT") != "" {
		time.Sleep(50 * time.Millisecond)
		return 0
	}
	time.Sleep(time.Minute)
	return 0
}

// flood writes FAKE_MB megabytes of output as fast as it can, then exits.
func flood() int {
	line := []byte(strings.Repeat("flood output line with some hashrate text 123.45 MH/s ", 4) + "\n")
	block := []byte(strings.Repeat(string(line), 64<<10/len(line)))
	for written := 0; written < envInt("FAKE_MB", 64)<<20; written += len(block) {
		os.Stdout.Write(block)
		os.Stderr.Write(block[:4096])
	}
	return 0
}

// garbage writes what broken programs write: invalid UTF-8, terminal
// escapes, NUL bytes and a 1 MB line.
func garbage() int {
	os.Stdout.Write([]byte("bad \xff\xfe bytes \xc3\x28 and \x00 nul\n"))
	os.Stdout.Write([]byte("\x1b[31mred\x1b[0m \x1b]0;title\x07ok\n"))
	os.Stdout.Write([]byte(strings.Repeat("L", 1<<20) + "\n"))
	os.Stdout.Write([]byte("after the long line\n"))
	os.Stdout.Write([]byte("no newline at the end \xe2\x82"))
	return 0
}
