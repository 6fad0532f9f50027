package socket

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/oswords"
	"github.com/rigshift/rigshift/store"
)

// ErrNotRunning means no RigShift serves the data directory.
var ErrNotRunning = errors.New("RigShift is not running")

// ErrStopped means RigShift closed the connection mid-request: it stopped.
var ErrStopped = errors.New("RigShift stopped")

// notRunningError names the data directory nobody serves.
type notRunningError struct{ dataDir string }

func (e *notRunningError) Error() string {
	return fmt.Sprintf("RigShift is not running for data directory %s (start it with `rigshift` or `rigshift daemon`)", e.dataDir)
}

func (e *notRunningError) Unwrap() error { return ErrNotRunning }

// DefaultCallTimeout bounds one request and its reply; the controller
// answers at once, so this only trips on a RigShift that hangs.
const DefaultCallTimeout = 10 * time.Second

// Client talks to the RigShift serving one data directory. It is not safe
// for concurrent use; dial one per goroutine.
type Client struct {
	conn    net.Conn
	r       *bufio.Reader
	Timeout time.Duration // per request; DefaultCallTimeout unless changed
}

// Dial connects to the RigShift that owns dataDir. When none runs, the
// error matches ErrNotRunning and tells the owner how to start one. A
// socket another user could be serving is refused (checkServer).
func Dial(dataDir string) (*Client, error) {
	path := SocketPath(dataDir)
	c, err := net.DialTimeout("unix", path, 2*time.Second)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ECONNREFUSED) {
			return nil, &notRunningError{dataDir: absDir(dataDir)}
		}
		return nil, dialProblem(absDir(dataDir), path, err)
	}
	if err := checkServer(c, path); err != nil {
		c.Close()
		return nil, err
	}
	return &Client{conn: c, r: bufio.NewReaderSize(c, 64<<10), Timeout: DefaultCallTimeout}, nil
}

// dialProblem says why the socket at path could not be reached, without
// Go's "dial unix <path>: connect:" before the system's words; the
// system's error stays for errors.Is.
func dialProblem(dataDir, path string, err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return oswords.Worded(fmt.Sprintf("cannot reach RigShift for data directory %s: you may not open its control socket %s (permission denied): "+
			"it belongs to another user (a RigShift started with sudo?); run the command as that user", dataDir, path), err)
	}
	cause := err
	var errno syscall.Errno
	if errors.As(err, &errno) {
		cause = errno
	}
	return oswords.Worded(fmt.Sprintf("cannot reach RigShift for data directory %s (socket %s): %v", dataDir, path, cause), err)
}

// checkServer makes sure that our own user listens on path before anything
// is sent: without a runtime directory the socket's directory has a name
// anyone can guess (<tmp>/rigshift-<uid>), and another local user who made
// it first could pose as RigShift and receive the settings, pool password
// and API tokens included. The server refuses such a directory; so does the
// client, and where the system names the peer (SO_PEERCRED) it checks that
// too.
func checkServer(c net.Conn, path string) error {
	dir := filepath.Dir(path)
	refuse := "refusing to use the control socket " + path
	info, err := os.Lstat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("%s: cannot check its directory: %w", refuse, err)
	case !info.IsDir() || !ownedByMe(info):
		return fmt.Errorf("%s: its directory %s belongs to another user, who could be posing as RigShift to read what you send; nothing was sent. Ask your administrator to remove %s, or set XDG_RUNTIME_DIR to a directory only you can enter, then start RigShift again", refuse, dir, dir)
	case info.Mode().Perm()&0o077 != 0:
		return fmt.Errorf("%s: its directory %s is open to other users (mode %#o), who could be posing as RigShift to read what you send; nothing was sent. Make it private with `chmod 700 %s` (RigShift does at its next start)", refuse, dir, info.Mode().Perm(), dir)
	}
	uc, ok := c.(*net.UnixConn)
	if !ok {
		return nil
	}
	uid, err := peerUID(uc)
	if err != nil {
		return fmt.Errorf("%s: %w", refuse, err)
	}
	if uid != unknownUID && uid != os.Getuid() {
		return fmt.Errorf("%s: it is served by another user (uid %d, you are %d), not by your RigShift; nothing was sent. Stop that program (a RigShift started with sudo?) and start yours again, or set XDG_RUNTIME_DIR to a directory only you can enter", refuse, uid, os.Getuid())
	}
	return nil
}

// Close hangs up.
func (c *Client) Close() error { return c.conn.Close() }

// call sends req and decodes the result into out (which may be nil).
func (c *Client) call(req Request, out any) error {
	_, err := c.callReply(req, out)
	return err
}

// callReply is call that also returns the reply's envelope.
func (c *Client) callReply(req Request, out any) (Reply, error) {
	if err := c.send(req); err != nil {
		return Reply{}, err
	}
	rep, err := c.readReply()
	if err != nil {
		return rep, err
	}
	if out != nil && len(rep.Result) > 0 {
		if err := json.Unmarshal(rep.Result, out); err != nil {
			return rep, fmt.Errorf("RigShift's answer to %q was not understood (is it a different version?): %w", req.Op, err)
		}
	}
	return rep, nil
}

// send writes one request line.
func (c *Client) send(req Request) error {
	b, err := json.Marshal(req)
	if err != nil {
		return fmt.Errorf("encoding the %q request: %w", req.Op, err)
	}
	if len(b) > MaxLine { // RigShift would read it only to refuse it as a bad request
		return fmt.Errorf("this is too big to send to RigShift: %d KiB, over the %d MiB it reads (a job's command line and environment must stay under that)",
			len(b)>>10, MaxLine>>20)
	}
	c.conn.SetDeadline(time.Now().Add(c.Timeout))
	if _, err := c.conn.Write(append(b, '\n')); err != nil {
		return c.connError(err)
	}
	return nil
}

// connError words a failure of the connection itself for the owner: a
// RigShift that stopped, or one that is stuck. The socket's own error
// ("read unix @->/run/user/1000/rigshift/….sock: i/o timeout") is kept
// for errors.Is, out of the message: it says nothing the owner can use.
func (c *Client) connError(err error) error {
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		return &connFailure{err: err, msg: fmt.Sprintf("RigShift did not answer within %s; it may be stuck: "+
			"try again, and if it still does not answer, stop it and start it again", c.Timeout)}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNRESET):
		return &connFailure{err: err, stopped: true, msg: ErrStopped.Error() + " before it finished answering"}
	}
	return fmt.Errorf("talking to RigShift: %w", err)
}

// connFailure is a stuck or stopped RigShift, said in words; it unwraps to
// the socket's error (and ErrStopped).
type connFailure struct {
	msg     string
	err     error
	stopped bool
}

func (e *connFailure) Error() string { return e.msg }

func (e *connFailure) Unwrap() []error {
	if e.stopped {
		return []error{ErrStopped, e.err}
	}
	return []error{e.err}
}

// readReply reads a reply line; a reply with ok false becomes a
// *RemoteError.
func (c *Client) readReply() (Reply, error) {
	line, err := readLine(c.r, MaxReply)
	if errors.Is(err, errTooLong) {
		// Skipped whole: the connection is still in step.
		return Reply{}, fmt.Errorf("RigShift's answer is longer than the %d MiB a command reads, and was skipped (is RigShift a different version?)", MaxReply>>20)
	}
	if err != nil {
		return Reply{}, c.connError(err)
	}
	return parseReply(line)
}

func parseReply(line []byte) (Reply, error) {
	var rep Reply
	if err := json.Unmarshal(line, &rep); err != nil {
		return rep, fmt.Errorf("RigShift's answer was not understood: %w", err)
	}
	if !rep.OK {
		if rep.Error == "" {
			rep.Error = "RigShift refused the request without saying why"
		}
		return rep, &RemoteError{Msg: rep.Error, Fields: rep.Fields}
	}
	return rep, nil
}

// ShowWindow asks the running RigShift to bring its window up (a second
// launch of the app does). A daemon has none and says so.
func (c *Client) ShowWindow() error {
	return c.call(Request{Op: OpWindowShow}, nil)
}

// Status is the rig at a glance.
func (c *Client) Status() (control.Status, error) {
	var st control.Status
	return st, c.call(Request{Op: OpStatus}, &st)
}

// SetMode switches the rig's mode and returns the status right after.
func (c *Client) SetMode(m control.Mode) (control.Status, error) {
	var st control.Status
	return st, c.call(Request{Op: OpMode, Mode: m.String()}, &st)
}

// SetGPUAside keeps the GPU with this UUID out of RigShift's work, or uses
// it again, and returns the status right after.
func (c *Client) SetGPUAside(uuid string, aside bool) (control.Status, error) {
	var st control.Status
	return st, c.call(Request{Op: OpGPUAside, ID: uuid, Aside: aside}, &st)
}

// AddJob queues a rental job. An invalid spec gives a *RemoteError whose
// Fields say what is wrong with each field.
func (c *Client) AddJob(spec control.JobSpec) (control.Job, error) {
	var j control.Job
	return j, c.call(Request{Op: OpJobAdd, Spec: &spec}, &j)
}

// Jobs lists the rental jobs, newest first. A history too long for one
// reply (MaxReply) comes without its oldest finished jobs; Export of
// ExportJobs has them all.
func (c *Client) Jobs() ([]control.Job, error) {
	list, err := c.JobList()
	return list.Jobs, err
}

// JobList is the rental jobs, newest first, and how many of the oldest
// finished ones were left out to fit in one reply.
type JobList struct {
	Jobs    []control.Job
	Omitted int
}

// MarshalJSON writes the jobs alone, as `rigshift job list --json` always
// has.
func (l JobList) MarshalJSON() ([]byte, error) { return json.Marshal(l.Jobs) }

// JobList lists the rental jobs and says how many were left out.
func (c *Client) JobList() (JobList, error) {
	var list JobList
	rep, err := c.callReply(Request{Op: OpJobList}, &list.Jobs)
	list.Omitted = rep.Omitted
	return list, err
}

// Job is one rental job.
func (c *Client) Job(id string) (control.Job, error) {
	var j control.Job
	return j, c.call(Request{Op: OpJobGet, ID: id}, &j)
}

// CancelJob cancels a queued or running job.
func (c *Client) CancelJob(id string) error {
	return c.call(Request{Op: OpJobCancel, ID: id}, nil)
}

// MoveJob moves a queued job to position in the queue; 1 is the front.
func (c *Client) MoveJob(id string, position int) error {
	return c.call(Request{Op: OpJobMove, ID: id, Position: position}, nil)
}

// JobLogs returns the job's last lines of output (0: DefaultLogLines).
func (c *Client) JobLogs(id string, lines int) ([]string, error) {
	var out []string
	return out, c.call(Request{Op: OpJobLogs, ID: id, Lines: lines}, &out)
}

// Events reads the event log from from to to, newest first, at most limit
// events (0: MaxEvents).
func (c *Client) Events(from, to time.Time, limit int) ([]store.Event, error) {
	var out []store.Event
	return out, c.call(Request{Op: OpEvents, Limit: limit, ExportRequest: ExportRequest{From: from, To: to}}, &out)
}

// Settings reads the owner's settings.
func (c *Client) Settings() (control.Settings, error) {
	var s control.Settings
	return s, c.call(Request{Op: OpSettings}, &s)
}

// SaveSettings replaces the settings, all of them, and returns them as
// saved; invalid ones are refused with a *RemoteError whose Fields name
// what to fix ("miner.pool").
func (c *Client) SaveSettings(s control.Settings) (control.Settings, error) {
	var saved control.Settings
	return saved, c.call(Request{Op: OpSettingsSave, Settings: &s}, &saved)
}

// TelemetryGPUs lists the UUIDs of the GPUs with telemetry history.
func (c *Client) TelemetryGPUs() ([]string, error) {
	var out []string
	return out, c.call(Request{Op: OpTelemetryGPUs}, &out)
}
