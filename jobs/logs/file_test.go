package logs

import (
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
