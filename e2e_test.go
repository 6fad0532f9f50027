package main

// End-to-end: a real `rigshift daemon` process on a simulated rig, driven
// over its control socket, running the test binary itself as a fake miner
// and a fake trainer.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rigshift/rigshift/cli"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/jobstest"
	"github.com/rigshift/rigshift/jobs/miners"
	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/store"
)

// The test binary doubles as RigShift itself ("as-rigshift …") and as the
// fake miner and trainer of jobstest.
func TestMain(m *testing.M) {
	jobstest.Dispatch(map[string]func([]string) int{
		"as-rigshift":    func(args []string) int { return cli.Run(args, os.Stdout, os.Stderr) },
		"slow-to-finish": slowToFinish,
	})
	os.Exit(m.Run())
}

// seedSettings configures the fake miner before the daemon starts.
func seedSettings(t *testing.T, dir string) {
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := control.DefaultSettings()
	s.Miner = miners.Preset{Miner: miners.Custom, Executable: os.Args[0], Args: jobstest.MinerArgs("{port}"),
		StatsURL: "http://127.0.0.1:{port}/2/summary", StatsFormat: miners.FormatXMRig, Algorithm: "rx/0"}
	s.MiningPerGPUDay = 1.20
	if err := st.PutSettings(s); err != nil {
		t.Fatal(err)
	}
	_ = st.Close()
}

// startDaemon runs `rigshift daemon` as a child and waits until it serves.
func startDaemon(t *testing.T, dir string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "as-rigshift", "daemon", "--simulate", "3", "--data-dir", dir)
	// Its log goes to the test's own folder, not the owner's ~/.local/state.
	cmd.Env = append(os.Environ(), "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent", "XDG_STATE_HOME="+t.TempDir())
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "RigShift is running: 3 GPUs") {
		_ = cmd.Process.Kill()
		t.Fatalf("daemon said %q (%v)", line, err)
	}
	return cmd
}

func until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 30 s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestDaemonAutoModeEndToEnd(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	seedSettings(t, dir)
	daemon := startDaemon(t, dir)
	defer func() { _ = daemon.Process.Kill() }()
	c, err := socket.Dial(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.SetMode(control.Auto); err != nil {
		t.Fatal(err)
	}
	status := func() control.Status { s, _ := c.Status(); return s }
	until(t, "mining on 3 GPUs", func() bool { s := status(); return s.Miner.GPUs == 3 && s.Miner.HashRate == 3*jobstest.MinerHashRate })

	job, err := c.AddJob(control.JobSpec{Client: "Acme AI", GPUCount: 2, PricePerGPUHour: 0.40,
		Command: append([]string{os.Args[0]}, jobstest.TrainerArgs(60, 20*time.Millisecond, 0)...)})
	if err != nil {
		t.Fatal(err)
	}
	until(t, "job running with 1 GPU still mining", func() bool {
		s := status()
		return len(s.Running) == 1 && s.Running[0].State == control.JobRunning && s.Miner.GPUs == 1
	})
	until(t, "job done, mining on 3 GPUs again", func() bool {
		j, _ := c.Job(job.ID)
		s := status()
		return j.State == control.JobSucceeded && s.Miner.HashRate == 3*jobstest.MinerHashRate
	})
	done, _ := c.Job(job.ID)

	_ = daemon.Process.Signal(syscall.SIGTERM)
	if err := daemon.Wait(); err != nil {
		t.Fatalf("daemon did not stop cleanly: %v", err)
	}
	checkHistory(t, dir, done)
}

func checkHistory(t *testing.T, dir string, done control.Job) {
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec, _ := st.GetJob(done.ID)
	if rec.State != "succeeded" || rec.Earned != done.Earned || rec.Earned <= 0 || len(rec.RanOn) != 2 {
		t.Errorf("stored job %+v", rec)
	}
	events, _ := st.Events(time.Time{}, time.Now().Add(time.Minute), 1000)
	var notice string
	for _, e := range events {
		if e.Kind == "notice:job-done" {
			notice = e.Message
		}
	}
	if want := "earned " + control.Money(done.Earned, "USD"); !strings.Contains(notice, want) || !strings.Contains(notice, "Acme AI") {
		t.Errorf("job-done notice %q lacks %q", notice, want)
	}
	earnings, _ := st.Earnings(time.Time{}, time.Now().Add(time.Minute))
	kinds := map[string]int{}
	for _, e := range earnings {
		kinds[e.Kind]++
	}
	if kinds[store.KindRental] != 2 || kinds[store.KindMining] < 5 {
		t.Errorf("earnings records by kind: %v: %+v", kinds, earnings)
	}
	gpus, _ := st.TelemetryGPUs()
	if len(gpus) != 3 {
		t.Errorf("telemetry recorded for %d GPUs, want 3", len(gpus))
	}
}

// A daemon whose console went away (its output piped into a program that
// quit, an ssh session without a terminal that dropped) keeps running:
// Go ends a program that writes to a broken pipe on its output with
// SIGPIPE, which stopped the rig at its next log line with no clean stop,
// its jobs unbilled and their children left running.
func TestDaemonOutlivesItsConsole(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	_ = r.Close() // nobody reads what the daemon says
	cmd := exec.Command(os.Args[0], "as-rigshift", "daemon", "--simulate", "1", "--data-dir", dir)
	cmd.Env = append(os.Environ(), "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent", "XDG_STATE_HOME="+t.TempDir())
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	_ = w.Close()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() { _ = cmd.Process.Kill() }()
	deadline := time.After(30 * time.Second)
	for served := false; !served; {
		select {
		case err := <-exited:
			t.Fatalf("the daemon ended as its output went nowhere: %v", err)
		case <-deadline:
			t.Fatal("the daemon did not serve within 30 s")
		case <-time.After(50 * time.Millisecond):
			if c, err := socket.Dial(dir); err == nil {
				_, err = c.Status()
				served = err == nil
				c.Close()
			}
		}
	}
	select {
	case err := <-exited:
		t.Fatalf("the daemon ended once it had said it runs: %v", err)
	case <-time.After(time.Second):
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	if err := <-exited; err != nil {
		t.Fatalf("the daemon did not stop cleanly: %v", err)
	}
}

// slowToFinish is a trainer that, asked to stop, takes a moment to save
// its checkpoint first, as real ones do.
func slowToFinish([]string) int {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM)
	fmt.Println("training")
	<-stop
	fmt.Println("saving a checkpoint")
	time.Sleep(1500 * time.Millisecond)
	return 143
}

// Ctrl-C pressed twice, or a SIGTERM sent again, while the daemon stopped
// its workloads killed it on the spot: it caught the signals only until
// the first, so the second ended it mid-stop, with its job unbilled, its
// socket file left and an exit status of a crash. The daemon now says it
// is already stopping, and finishes the stop.
func TestDaemonStopsCleanlyWhenSignalledTwice(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	cmd := exec.Command(os.Args[0], "as-rigshift", "daemon", "--simulate", "1", "--data-dir", dir)
	cmd.Env = append(os.Environ(), "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent", "XDG_STATE_HOME="+t.TempDir())
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()
	said := bufio.NewReader(out)
	if line, err := said.ReadString('\n'); err != nil || !strings.HasPrefix(line, "RigShift is running") {
		t.Fatalf("daemon said %q (%v)", line, err)
	}
	c, err := socket.Dial(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SetMode(control.Rent); err != nil {
		t.Fatal(err)
	}
	job, err := c.AddJob(control.JobSpec{Client: "Acme AI", GPUCount: 1, PricePerGPUHour: 0.40,
		Command: []string{os.Args[0], "slow-to-finish"}})
	if err != nil {
		t.Fatal(err)
	}
	until(t, "the job running", func() bool { j, _ := c.Job(job.ID); return j.State == control.JobRunning })
	c.Close()

	_ = cmd.Process.Signal(syscall.SIGTERM)
	for {
		line, err := said.ReadString('\n')
		if err != nil {
			t.Fatalf("the daemon did not say it stops: %v", err)
		}
		if strings.HasPrefix(line, "Stopping") {
			break
		}
	}
	_ = cmd.Process.Signal(syscall.SIGINT) // the owner presses Ctrl-C again
	rest, _ := io.ReadAll(said)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("signalled again while stopping, the daemon ended with %v, having said %q", err, rest)
	}
	if !strings.Contains(string(rest), "Already stopping") {
		t.Errorf("the second signal was not answered; the daemon said %q", rest)
	}
	if _, err := os.Stat(socket.SocketPath(dir)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the control socket was left behind: %v", err)
	}
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if rec, _ := st.GetJob(job.ID); rec.State != string(control.JobQueued) {
		t.Errorf("the job stopped by the quit is %q, want it back in the queue", rec.State)
	}
}
