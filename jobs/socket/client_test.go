package socket

import (
	"bufio"
	"errors"
	"net"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/socket/sockettest"
)

func TestDialWhenNothingRuns(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	dir := t.TempDir()
	_, err := Dial(dir)
	if !errors.Is(err, ErrNotRunning) {
		t.Fatalf("Dial: %v, want ErrNotRunning", err)
	}
	want := "RigShift is not running for data directory " + dir + " (start it with `rigshift` or `rigshift daemon`)"
	if err.Error() != want {
		t.Errorf("message:\n got %s\nwant %s", err, want)
	}
}

func TestClientJobs(t *testing.T) {
	s := serve(t, Config{})
	c := s.client(t)
	spec := control.JobSpec{Client: "acme", Command: []string{"python", "train.py"}, GPUCount: 1, PricePerGPUHour: 0.4}
	for range 3 {
		if _, err := c.AddJob(spec); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.MoveJob("J-0003", 1); err != nil {
		t.Fatal(err)
	}
	if err := c.CancelJob("J-0002"); err != nil {
		t.Fatal(err)
	}
	jobs, err := c.Jobs()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, j := range jobs {
		got = append(got, j.ID+" "+string(j.State))
	}
	if want := []string{"J-0003 queued", "J-0001 queued", "J-0002 cancelled"}; !slices.Equal(got, want) {
		t.Errorf("jobs = %q, want %q", got, want)
	}
	j, err := c.Job("J-0001")
	if err != nil || j.Spec.Client != "acme" || !slices.Equal(j.Spec.Command, spec.Command) {
		t.Errorf("Job = %+v, %v", j, err)
	}
}

func TestClientInvalidJobHasFieldErrors(t *testing.T) {
	c := serve(t, Config{}).client(t)
	_, err := c.AddJob(control.JobSpec{GPUCount: 3, PricePerGPUHour: -1})
	var re *RemoteError
	if !errors.As(err, &re) {
		t.Fatalf("AddJob: %v, want a *RemoteError", err)
	}
	want := map[string]string{
		"client":  "say who the job is for",
		"command": "the command is empty",
		"gpus":    "the job wants 3 GPUs but this rig has 2",
		"price":   "the price cannot be negative",
	}
	for f, msg := range want {
		if re.Fields[f] != msg {
			t.Errorf("field %s: %q, want %q", f, re.Fields[f], msg)
		}
	}
}

func TestClientModeStatusAndLogs(t *testing.T) {
	s := serve(t, Config{})
	s.api.Logs = []string{"epoch 1", "epoch 2", "epoch 3"}
	c := s.client(t)
	st, err := c.SetMode(control.Auto)
	if err != nil || st.Mode != control.Auto || len(st.GPUs) != 2 {
		t.Fatalf("SetMode = %+v, %v", st, err)
	}
	c.AddJob(control.JobSpec{Client: "acme", Command: []string{"true"}, GPUCount: 1})
	lines, err := c.JobLogs("J-0001", 0)
	if err != nil || s.api.LastLines != DefaultLogLines || len(lines) != 3 {
		t.Errorf("JobLogs(0) = %q, %v; asked %d lines", lines, err, s.api.LastLines)
	}
	lines, _ = c.JobLogs("J-0001", 2)
	if !slices.Equal(lines, []string{"epoch 2", "epoch 3"}) {
		t.Errorf("JobLogs(2) = %q", lines)
	}
	if _, err := c.JobLogs("J-0404", 5); err == nil || !strings.Contains(err.Error(), "no job J-0404") {
		t.Errorf("JobLogs of a missing job: %v", err)
	}
}

// Many clients at once, for the race detector.
func TestConcurrentClients(t *testing.T) {
	s := serve(t, Config{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			c, err := Dial(s.dataDir)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			for range 20 {
				if _, err := c.SetMode(control.Modes()[i%4]); err != nil {
					t.Error(err)
				}
				if _, err := c.Status(); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
}

// A RigShift that is stuck, or that stops mid-request, is said in words,
// not as "read unix …: i/o timeout" or "broken pipe".
func TestClientSaysWhenRigShiftIsStuckOrStopped(t *testing.T) {
	dir, ln := fakeRigShift(t)
	hangUp := make(chan bool, 2)
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			if <-hangUp {
				conn.Close()
				continue
			}
			defer conn.Close() // stuck: reads nothing, answers nothing
		}
	}()
	hangUp <- false
	c, err := Dial(dir)
	if err != nil {
		t.Fatal(err)
	}
	c.Timeout = 100 * time.Millisecond
	if _, err := c.Status(); err == nil || !strings.HasPrefix(err.Error(), "RigShift did not answer within 100ms; it may be stuck") {
		t.Errorf("stuck: %v", err)
	}
	// In the owner's words alone: it ended "(reading its answer: read unix
	// @->/tmp/rigshift-0/ec11e5218ecb.sock: i/o timeout)".
	if _, err := c.Status(); err == nil || !errors.Is(err, os.ErrDeadlineExceeded) ||
		err.Error() != "RigShift did not answer within 100ms; it may be stuck: try again, and if it still does not answer, stop it and start it again" {
		t.Errorf("stuck: %q", err)
	}
	c.Close()
	hangUp <- true
	if c, err = Dial(dir); err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	time.Sleep(50 * time.Millisecond) // the other end has hung up
	if _, err := c.Status(); !errors.Is(err, ErrStopped) || !strings.HasPrefix(err.Error(), "RigShift stopped") {
		t.Errorf("stopped: %v", err)
	}
	if _, err := c.Status(); !errors.Is(err, ErrStopped) || err.Error() != "RigShift stopped before it finished answering" {
		t.Errorf("stopped: %q", err)
	}
}

// An answer longer than a client reads (MaxReply; a RigShift of another
// version, or a list nothing capped) is said as RigShift's, with its own
// limit: it read "bad request: the line is longer than 1048576 bytes",
// blaming the owner's request and naming the request's limit.
func TestAnOversizedAnswerIsWordedForTheOwner(t *testing.T) {
	dir, ln := fakeRigShift(t)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		r := bufio.NewReader(conn)
		r.ReadString('\n')
		w := bufio.NewWriterSize(conn, 1<<20)
		w.WriteString(`{"ok":true,"result":["`)
		chunk := strings.Repeat("x", 1<<20)
		for range MaxReply>>20 + 1 {
			w.WriteString(chunk)
		}
		w.WriteString("\"]}\n")
		w.Flush()
		r.ReadString('\n')
		conn.Write([]byte(`{"ok":true,"result":[]}` + "\n"))
	}()
	c, err := Dial(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.Jobs()
	if want := "RigShift's answer is longer than the 64 MiB a command reads"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Jobs: %v\nwant it to start with %q", err, want)
	}
	if jobs, err := c.Jobs(); err != nil || len(jobs) != 0 {
		t.Errorf("the connection is out of step after a skipped answer: %v, %v", jobs, err)
	}
}

// A job whose command line and environment come to more than a request
// line holds was sent anyway, and came back as "bad request: the line is
// longer than 1048576 bytes". It is not sent, and the owner is told what is
// too big in words.
func TestARequestTooLongIsNotSent(t *testing.T) {
	c := serve(t, Config{}).client(t)
	spec := sockettest.SampleSpec()
	spec.Command = append(spec.Command, strings.Repeat("a", MaxLine))
	_, err := c.AddJob(spec)
	if err == nil || !strings.Contains(err.Error(), "too big to send to RigShift") || strings.Contains(err.Error(), "bad request") {
		t.Errorf("AddJob = %v", err)
	}
	if _, err := c.Status(); err != nil {
		t.Errorf("the connection is out of step: %v", err)
	}
}

// A control socket the command may not open (a RigShift started with sudo
// serves it, in a folder of root's) is said in words: the owner read
// "cannot reach RigShift … : dial unix /run/…sock: connect: permission
// denied". Any other failure to connect keeps only the system's words.
func TestDialThatIsRefusedSaysWhy(t *testing.T) {
	sock := "/run/user/1000/rigshift/abc.sock"
	denied := &net.OpError{Op: "dial", Net: "unix", Addr: &net.UnixAddr{Name: sock, Net: "unix"},
		Err: os.NewSyscallError("connect", syscall.EACCES)}
	want := "cannot reach RigShift for data directory /srv/rig: you may not open its control socket " + sock +
		" (permission denied): it belongs to another user (a RigShift started with sudo?); run the command as that user"
	if got := dialProblem("/srv/rig", sock, denied).Error(); got != want {
		t.Errorf("permission denied:\n got %s\nwant %s", got, want)
	}
	busy := &net.OpError{Op: "dial", Net: "unix", Addr: &net.UnixAddr{Name: sock, Net: "unix"},
		Err: os.NewSyscallError("connect", syscall.EAGAIN)}
	err := dialProblem("/srv/rig", sock, busy)
	if got, want := err.Error(), "cannot reach RigShift for data directory /srv/rig (socket "+sock+"): "+syscall.EAGAIN.Error(); got != want {
		t.Errorf("another failure:\n got %s\nwant %s", got, want)
	}
	if !errors.Is(err, syscall.EAGAIN) {
		t.Error("the system's error is lost")
	}
}
