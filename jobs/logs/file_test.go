package logs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFileRotatesAndCaps(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "run.log")
	lf, err := OpenFile(path, 4096, 2)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("z", 99)
	for range 1000 { // 100 kB through a 3 × 4 KiB budget
		if err := lf.WriteLine(line); err != nil {
			t.Fatal(err)
		}
	}
	lf.Close()
	var total int64
	for _, name := range []string{"run.log", "run.log.1", "run.log.2"} {
		st, err := os.Stat(filepath.Join(dir, "sub", name))
		if err != nil {
			t.Fatalf("want %s: %v", name, err)
		}
		if st.Size() > 4096 {
			t.Errorf("%s is %d bytes, cap 4096", name, st.Size())
		}
		total += st.Size()
	}
	if _, err := os.Stat(filepath.Join(dir, "sub", "run.log.3")); !os.IsNotExist(err) {
		t.Errorf("run.log.3 exists beyond 2 backups")
	}
	if total < 8000 {
		t.Errorf("only %d bytes kept, rotation lost data", total)
	}
	if err := lf.WriteLine("late"); err == nil {
		t.Error("write after Close succeeded")
	}
}

func TestFileNoBackupsTruncates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.log")
	lf, err := OpenFile(path, 4096, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer lf.Close()
	for range 100 {
		lf.WriteLine(strings.Repeat("q", 199))
	}
	st, _ := os.Stat(path)
	if st.Size() > 4096 {
		t.Fatalf("size %d > cap", st.Size())
	}
}

func TestFileAppendsAcrossOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.log")
	for _, s := range []string{"one", "two"} {
		lf, err := OpenFile(path, 1<<20, 1)
		if err != nil {
			t.Fatal(err)
		}
		lf.WriteLine(s)
		lf.Close()
	}
	b, _ := os.ReadFile(path)
	if string(b) != "one\ntwo\n" {
		t.Fatalf("file = %q", b)
	}
}

// A job can find its log beside its RIGSHIFT_PROGRESS file and delete it,
// folder and all. Its lines up to the next rotation are lost with the
// file, but the log goes on in a new one: every later write failed, and
// the owner had no record of how the job ended.
func TestFileGoesOnAfterItWasDeleted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "J-0001")
	path := filepath.Join(dir, "run.log")
	lf, err := OpenFile(path, 4096, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer lf.Close()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		if err := lf.WriteLine(fmt.Sprintf("line %03d of the job's output", i)); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
	}
	if err := lf.Flush(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasSuffix(string(b), "line 199 of the job's output\n") {
		t.Fatalf("the log after it was deleted: %q, %v", b, err)
	}
	// Deleted again with less written than the cap: no rotation comes, and
	// RigShift's last line ("the job has ended") went to the deleted file.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"the job's last line", "[rigshift] the job has ended"} {
		if err := errors.Join(lf.WriteLine(s), lf.Flush()); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "[rigshift] the job has ended\n" {
		t.Fatalf("the log after it was deleted again: %q, %v", b, err)
	}
}

// A job's log folder is the owner's alone: its name is the job's, and
// other users of the machine have no business listing a client's runs.
func TestLogFolderIsPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "J-0001")
	lf, err := OpenFile(filepath.Join(dir, "run.log"), 1<<20, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer lf.Close()
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("log folder mode %v: others may read it", perm)
	}
}
