package control

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// inOwnProcess runs the calling test again in a child process and reports
// how it went; in the child it returns true and the test goes on there. A
// file size limit holds for the whole process: set in the binary go test
// runs, it also cut go test's own record of the run (testlog.txt), and a
// plain `go test ./jobs/control` failed with "file too large" after every
// test had passed.
func inOwnProcess(t *testing.T) bool {
	const child = "RIGSHIFT_TEST_CHILD"
	if os.Getenv(child) == t.Name() {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), child+"="+t.Name())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s in a process of its own: %v\n%s", t.Name(), err, out)
	}
	return false
}

// withFileSizeLimit runs fn while no file of this process may grow past
// the database's size: as on a full disk, a write that fits the file's
// free pages (a job's number) is taken, one that needs more room is not.
// Go ignores the SIGXFSZ that comes with it; the write fails with EFBIG.
func withFileSizeLimit(t *testing.T, dir string, fn func()) {
	t.Helper()
	st, err := os.Stat(filepath.Join(dir, "rigshift.db"))
	if err != nil {
		t.Fatal(err)
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Skipf("no file size limit here: %v", err)
	}
	limit := old
	limit.Cur = uint64(st.Size())
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &limit); err != nil {
		t.Skipf("cannot limit file sizes here: %v", err)
	}
	defer func() { _ = syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old) }()
	fn()
}

// A job whose record the database refuses (a full disk) is refused, with
// why, not answered with a number: RigShift ran it while the database
// never had it, so a restart lost the job, what it earned, and its number,
// which the next job then got again.
func TestAJobTheDiskCannotHoldIsRefused(t *testing.T) {
	if !inOwnProcess(t) {
		return
	}
	dir := t.TempDir()
	r := newTestRig(t, 1, dir).run()
	spec := trainerJob("Acme", 1, 10, 0)
	spec.Description = strings.Repeat("a long description ", 20000) // 380 kB: the file must grow
	var err error
	withFileSizeLimit(t, dir, func() { _, err = r.c.AddJob(spec) })
	if err == nil {
		t.Fatal("the job was accepted although the database could not save it")
	}
	if !strings.Contains(err.Error(), "file too large") {
		t.Errorf("the refusal does not say why: %v", err)
	}
	if jobs := r.c.Jobs(); len(jobs) != 0 {
		t.Errorf("the refused job is in the list: %+v", jobs[0].ID)
	}
	if st := r.c.Status(); st.Queued != 0 {
		t.Errorf("%d jobs queued, want none", st.Queued)
	}
}
