package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func init() { children["readonly"] = childReadOnly }

// childReadOnly opens each database in the list path read-only, then to
// write, and prints what each said: "ro\tDIR\tERROR\tEVENTS", "rw\tDIR\tERROR".
func childReadOnly(paths string) error {
	for _, p := range filepath.SplitList(paths) {
		n := -1
		s, err := Open(p, Options{ReadOnly: true})
		if err == nil {
			evs, _ := s.Events(time.Now().Add(-24*time.Hour), time.Now(), 10)
			n = len(evs)
			s.Close()
		}
		fmt.Printf("ro\t%s\t%v\t%d\n", filepath.Dir(p), err, n)
		if s, err = Open(p, Options{}); err == nil {
			s.Close()
		}
		fmt.Printf("rw\t%s\t%v\n", filepath.Dir(p), err)
	}
	return nil
}

// A history the owner may only read (a copy kept read-only, another
// user's rig looked at) is read by the commands that only read; a file
// the owner may not read at all is said to be unreadable, not
// "cannot read and write".
func TestReadOnlyOpenOfAFileTheOwnerMayOnlyRead(t *testing.T) {
	top, err := os.MkdirTemp("", "rigshift-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(top, func(p string, _ os.DirEntry, _ error) error { os.Chmod(p, 0o700); return nil })
		os.RemoveAll(top)
	})
	ro, none := filepath.Join(top, "ro"), filepath.Join(top, "none")
	for _, d := range []string{ro, none} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		writeOlderSchema(t, filepath.Join(d, FileName))
	}
	os.Chmod(filepath.Join(ro, FileName), 0o444)
	os.Chmod(ro, 0o555)
	os.Chmod(filepath.Join(none, FileName), 0)
	os.Chmod(top, 0o755)
	before := fileHash(t, filepath.Join(ro, FileName))

	paths := filepath.Join(ro, FileName) + string(os.PathListSeparator) + filepath.Join(none, FileName)
	out := asAnotherUser(t, top, "readonly", paths)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("the child said:\n%s", out)
	}
	if want := "ro\t" + ro + "\t<nil>\t1"; lines[0] != want {
		t.Errorf("read-only open of a read-only file: %q, want %q", lines[0], want)
	}
	if !strings.Contains(lines[1], "cannot read and write the database "+filepath.Join(ro, FileName)) {
		t.Errorf("open to write of a read-only file: %q", lines[1])
	}
	db := filepath.Join(none, FileName)
	if want := "cannot read the database " + db + " (permission denied): check its owner and permissions (ls -l " + db + ")"; !strings.Contains(lines[2], want) {
		t.Errorf("read-only open of an unreadable file: %q, want %q", lines[2], want)
	}
	if fileHash(t, filepath.Join(ro, FileName)) != before {
		t.Error("the read-only file changed")
	}
}

// A history on a read-only mount (a backup disk, a rig's disk looked at
// from a rescue system) is read where it is.
func TestReadOnlyOpenOnAReadOnlyFileSystem(t *testing.T) {
	dir := mountTmpfs(t, "size=4m", 0)
	path := writeOlderSchema(t, filepath.Join(dir, FileName))
	before := fileHash(t, path)
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, "size=4m"); err != nil {
		t.Fatalf("remount read-only: %v", err)
	}
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only Open on a read-only file system: %v", err)
	}
	evs, err := s.Events(time.Now().Add(-2*time.Hour), time.Now(), 10)
	if err != nil || len(evs) != 1 {
		t.Errorf("Events = %+v, %v", evs, err)
	}
	s.Close()
	if fileHash(t, path) != before {
		t.Error("the file changed")
	}
}
