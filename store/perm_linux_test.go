package store

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func init() { children["denied"] = childDenied }

// childDenied opens and compacts each database in the list path, and
// prints what each said, one line each: "open\tDIR\tERROR".
func childDenied(paths string) error {
	for _, p := range filepath.SplitList(paths) {
		s, err := Open(p, Options{})
		if err == nil {
			s.Close()
		}
		fmt.Printf("open\t%s\t%v\n", filepath.Dir(p), err)
		_, err = Compact(p)
		fmt.Printf("compact\t%s\t%v\n", filepath.Dir(p), err)
	}
	return nil
}

// A data folder RigShift may not read or write (one made with sudo, say,
// which belongs to root) was said in Go's words: "reading database
// /srv/rig/rigshift.db: open /srv/rig/rigshift.db: permission denied",
// "compacting database: stat …: permission denied". It says which folder
// or file, that it cannot be read or written, and what to do.
func TestADataFolderThatCannotBeReadIsSaidInWords(t *testing.T) {
	top, err := os.MkdirTemp("", "rigshift-perm-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(top, func(p string, _ os.DirEntry, _ error) error { os.Chmod(p, 0o700); return nil })
		os.RemoveAll(top)
	})
	locked, ro, files := filepath.Join(top, "locked"), filepath.Join(top, "ro"), filepath.Join(top, "files")
	full := filepath.Join(top, "full") // a database that may be written, in a folder that may not: compact's copy
	for _, d := range []string{locked, ro, files, full} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(files, FileName), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{files, full} {
		if s, err := Open(filepath.Join(d, FileName), Options{}); err != nil {
			t.Fatal(err)
		} else {
			s.Close()
		}
	}
	os.Chmod(filepath.Join(full, FileName), 0o666)
	os.Chmod(full, 0o555)
	os.Chmod(filepath.Join(files, FileName), 0)
	os.Chmod(locked, 0)
	os.Chmod(ro, 0o555)
	os.Chmod(top, 0o755)

	want := map[string]string{ // the folder → what Open says
		locked:                       "cannot read the data folder " + locked + " (permission denied): check its owner and permissions (ls -ld " + locked + ")",
		filepath.Join(locked, "rig"): "cannot read the data folder " + filepath.Join(locked, "rig") + ": permission denied on " + locked + "; check its owner and permissions (ls -ld " + locked + ")",
		ro:                           "cannot write in the data folder " + ro + " (permission denied): check its owner and permissions (ls -ld " + ro + ")",
		filepath.Join(ro, "new"):     "cannot make the data folder " + filepath.Join(ro, "new") + ": permission denied in " + ro + "; check its owner and permissions (ls -ld " + ro + ")",
		files:                        "cannot read and write the database " + filepath.Join(files, FileName) + " (permission denied): check its owner and permissions (ls -l " + filepath.Join(files, FileName) + ")",
	}
	wantCompact := map[string]string{full: "cannot write in the data folder " + full + " (permission denied): check its owner and permissions (ls -ld " + full + ")"}
	var paths []string
	for d := range want {
		paths = append(paths, filepath.Join(d, FileName))
	}
	paths = append(paths, filepath.Join(full, FileName))
	out := asAnotherUser(t, top, "denied", strings.Join(paths, string(os.PathListSeparator)))
	said := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		op, rest, _ := strings.Cut(line, "\t")
		dir, msg, _ := strings.Cut(rest, "\t")
		said[op+dir] = true
		switch {
		case op == "compact" && strings.HasPrefix(dir, ro):
			continue // nothing to compact there: "no database", as before
		case dir == full && op == "open":
			if msg != "<nil>" {
				t.Errorf("open in %s: %s", dir, msg)
			}
			continue
		case dir == full:
			want[dir] = wantCompact[dir]
		}
		if !strings.Contains(msg, want[dir]) || !strings.Contains(msg, "or give RigShift another --data-dir") || strings.Contains(msg, ": permission denied (") ||
			strings.Contains(msg, "open "+dir) || strings.Contains(msg, "stat "+dir) || strings.Contains(msg, "mkdir "+dir) {
			t.Errorf("%s in %s: %q, want %q in words", op, dir, msg, want[dir])
		}
	}
	if len(said) != 2*len(paths) {
		t.Errorf("the child said:\n%s", out)
	}
}

// asAnotherUser runs the child role on paths as a user the folders in top
// deny: root reads everything, so as root it runs as nobody (65534).
func asAnotherUser(t *testing.T, top, role, paths string) string {
	t.Helper()
	bin := os.Args[0]
	cmd := exec.Command(bin, "-test.run=^$")
	if os.Getuid() == 0 {
		bin = filepath.Join(top, "child.test") // the build directory is root's alone
		b, err := os.ReadFile(os.Args[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bin, b, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd = exec.Command(bin, "-test.run=^$")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	cmd.Env = append(os.Environ(), childEnv+"="+role, childPath+"="+paths)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	return string(out)
}
