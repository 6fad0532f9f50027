package socket

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func TestSocketPathFollowsTheDataDirectory(t *testing.T) {
	rt := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", rt)
	t.Chdir(t.TempDir())
	p := SocketPath("data")
	if !regexp.MustCompile(`^` + regexp.QuoteMeta(rt) + `/rigshift/[0-9a-f]{12}\.sock$`).MatchString(p) {
		t.Errorf("SocketPath = %s", p)
	}
	abs, _ := filepath.Abs("data")
	if SocketPath("./data/") != p || SocketPath(abs) != p {
		t.Error("the same directory spelled differently gets another socket")
	}
	if SocketPath("other") == p {
		t.Error("two data directories share a socket")
	}
}

// Without XDG_RUNTIME_DIR (cron, sudo -u), the command line still finds
// a RigShift started by systemd, in the user's runtime directory.
func TestSocketPathInTheUsersRuntimeDir(t *testing.T) {
	base := t.TempDir()
	userRuntimeBase = base
	t.Cleanup(func() { userRuntimeBase = "/run/user" })
	t.Setenv("XDG_RUNTIME_DIR", "")
	mine := filepath.Join(base, strconv.Itoa(os.Getuid()))
	if err := os.Mkdir(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	if p := SocketPath("/data"); strings.HasPrefix(p, mine) {
		t.Errorf("a runtime directory others can enter was used: %s", p)
	}
	if err := os.Chmod(mine, 0o700); err != nil {
		t.Fatal(err)
	}
	if p, want := SocketPath("/data"), filepath.Join(mine, "rigshift")+"/"; !strings.HasPrefix(p, want) {
		t.Errorf("SocketPath = %s, want it under %s", p, want)
	}
}

func TestSocketPathWithoutRuntimeDir(t *testing.T) {
	userRuntimeBase = t.TempDir() // no directory of this user's there
	t.Cleanup(func() { userRuntimeBase = "/run/user" })
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, rt := range []string{"", "relative/run"} {
		t.Setenv("XDG_RUNTIME_DIR", rt)
		if p, want := SocketPath("/data"), filepath.Join(tmp, "rigshift-"); !strings.HasPrefix(p, want) {
			t.Errorf("XDG_RUNTIME_DIR=%q: SocketPath = %s, want it under %s…", rt, p, want)
		}
	}
}

func TestListenMakesThingsPrivate(t *testing.T) {
	rt := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", rt)
	if err := os.Mkdir(filepath.Join(rt, "rigshift"), 0o755); err != nil { // too open: tightened
		t.Fatal(err)
	}
	s, err := Listen(Config{DataDir: t.TempDir(), API: sockettestAPI()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	assertMode(t, filepath.Join(rt, "rigshift"), os.ModeDir|0o700)
	assertMode(t, s.Path(), os.ModeSocket|0o600)
}

func TestListenNeedsAController(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	if s, err := Listen(Config{DataDir: t.TempDir()}); err == nil {
		s.Close()
		t.Fatal("Listen without a controller succeeded")
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode() != want {
		t.Errorf("%s: mode %v, want %v", path, info.Mode(), want)
	}
}

func TestTooLongSocketPath(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", "/"+strings.Repeat("r", 100))
	_, err := Listen(Config{DataDir: "/data", API: sockettestAPI()})
	if err == nil || !strings.Contains(err.Error(), "too long") {
		t.Errorf("err = %v", err)
	}
}

func TestCloseRemovesTheSocket(t *testing.T) {
	s := serve(t, Config{})
	s.Close()
	if _, err := os.Lstat(s.Path()); !os.IsNotExist(err) {
		t.Errorf("socket still there after Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// A socket directory other users can enter could hold another user's
// socket; where the system cannot say who serves a socket (no SO_PEERCRED)
// the directory is the only guard, so the command line refuses it.
func TestDialRefusesASocketDirectoryOthersCanEnter(t *testing.T) {
	s := serve(t, Config{})
	dir := filepath.Dir(s.Path())
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	c, err := Dial(s.dataDir)
	if err == nil {
		c.Close()
		t.Fatal("Dial used a socket in a directory others can enter")
	}
	want := "refusing to use the control socket " + s.Path() + ": its directory " + dir + " is open to other users (mode 0755)"
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Dial: %v\nwant it to start with %q", err, want)
	}
	os.Chmod(dir, 0o700)
	if c, err := Dial(s.dataDir); err != nil {
		t.Errorf("Dial in a private directory again: %v", err)
	} else {
		c.Close()
	}
}

// A data directory reached through a symbolic link (~/.local/share/rigshift
// linked to a bigger disk, /home a link to /var/home) is one directory
// with one database: it got two sockets, and `rigshift status --data-dir`
// with the other spelling was told that RigShift did not answer, and a
// second launch that it was still starting or stopping.
func TestSocketPathFollowsSymbolicLinks(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	real := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(real, 0o700); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if SocketPath(link) != SocketPath(real) || SocketPath(link+"/") != SocketPath(real) {
		t.Errorf("the data directory %s and a link to it %s get two sockets", real, link)
	}
	if missing := filepath.Join(link, "not-yet"); SocketPath(missing) == SocketPath(real) {
		t.Error("a directory not made yet shares its parent's socket")
	}
}

// A socket folder that cannot be made is said in words, with what to do:
// the daemon stopped with "cannot create the control socket's directory
// /run/x/rigshift: mkdir /run/x/rigshift: permission denied", the path twice
// and Go's "mkdir" between, and no word of XDG_RUNTIME_DIR.
func TestSocketFolderThatCannotBeMadeIsSaidInWords(t *testing.T) {
	file := filepath.Join(t.TempDir(), "runtime")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	err := prepareDir(filepath.Join(file, "rigshift"))
	want := "cannot make the control socket's folder " + filepath.Join(file, "rigshift") + ": " + file + " is a file, not a folder; remove it or set XDG_RUNTIME_DIR to a folder of yours"
	if err == nil || err.Error() != want {
		t.Errorf("a file in the way: %v, want %q", err, want)
	}
	for _, c := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "mkdir", Path: "/run/x/rigshift", Err: syscall.EACCES},
			"cannot make the control socket's folder /run/x/rigshift: permission denied in /run/x; check its owner and permissions (ls -ld /run/x), or set XDG_RUNTIME_DIR to a folder of yours"},
		{&fs.PathError{Op: "mkdir", Path: "/run/x/rigshift", Err: syscall.EROFS},
			"cannot make the control socket's folder /run/x/rigshift: /run/x is on a read-only disk; set XDG_RUNTIME_DIR to a folder of yours"},
		{&fs.PathError{Op: "mkdir", Path: "/run/x/rigshift", Err: syscall.ENOSPC},
			"cannot make the control socket's folder /run/x/rigshift (no space left on device)"},
	} {
		if got := mkdirProblem("/run/x/rigshift", c.err).Error(); got != c.want {
			t.Errorf("%v: %q, want %q", c.err, got, c.want)
		}
	}
}
