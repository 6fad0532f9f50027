package socket

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestPeerUIDOfARealConnection(t *testing.T) {
	s := serve(t, Config{})
	c, err := net.DialUnix("unix", nil, &net.UnixAddr{Name: s.Path(), Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if uid, err := peerUID(c); err != nil || uid != os.Getuid() {
		t.Errorf("peerUID = %d, %v; want %d", uid, err, os.Getuid())
	}
}

// A client of another user that gets past the file permissions (here they
// are opened up on purpose) is still refused. Only root can run a child as
// another user, so the test needs root.
func TestOtherUserIsRefused(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to run a client as another user")
	}
	rt, err := os.MkdirTemp("", "rigshift-peer-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(rt)
	t.Setenv("XDG_RUNTIME_DIR", rt)
	s, err := Listen(Config{DataDir: "/data", API: sockettestAPI(), Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(t.Context())
	defer s.Close()
	for _, p := range []string{rt, filepath.Dir(s.Path()), s.Path()} {
		os.Chmod(p, 0o777)
	}
	bin := filepath.Join(rt, "child.test") // the build directory is root's alone
	if err := copyFile(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^TestPeerChild$")
	cmd.Env = append(os.Environ(), "RIGSHIFT_PEER_CHILD="+s.Path())
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "refused: this RigShift belongs to another user (uid 65534, not 0)") {
		t.Errorf("child as uid 65534: %v\n%s", err, out)
	}
}

// TestPeerChild is the other user's client in TestOtherUserIsRefused.
func TestPeerChild(t *testing.T) {
	path := os.Getenv("RIGSHIFT_PEER_CHILD")
	if path == "" {
		t.Skip("only run by TestOtherUserIsRefused")
	}
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintln(c, `{"op":"status"}`)
	line, _ := bufio.NewReader(c).ReadString('\n')
	fmt.Println(line)
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o755)
}

// Without a runtime directory of the user's (cron, su, ssh without
// pam_systemd), the socket lives in <tmp>/rigshift-<uid>, a name anyone can
// guess. Another local user who makes that directory first and listens in
// it must not be taken for RigShift: `rigshift settings set` would hand it
// the pool password. Only root can run the other user's listener.
func TestClientRefusesAnotherUsersSocket(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to run a listener as another user")
	}
	userRuntimeBase = t.TempDir() // no /run/user/<uid>
	t.Cleanup(func() { userRuntimeBase = "/run/user" })
	t.Setenv("XDG_RUNTIME_DIR", "")
	tmp, err := os.MkdirTemp("", "rigshift-sharedtmp-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	os.Chmod(tmp, 0o1777) // a shared /tmp
	t.Setenv("TMPDIR", tmp)
	path := SocketPath("/home/owner/.local/share/rigshift")

	bin := filepath.Join(tmp, "impostor.test") // the build directory is root's alone
	if err := copyFile(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^TestImpostorChild$")
	cmd.Env = append(os.Environ(), "RIGSHIFT_IMPOSTOR="+path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer cmd.Process.Kill()
	if sc := bufio.NewScanner(out); !sc.Scan() || sc.Text() != "READY" {
		t.Fatalf("the other user's listener did not start: %q", sc.Text())
	}

	c, err := Dial("/home/owner/.local/share/rigshift")
	if err == nil {
		c.Close()
		t.Fatalf("Dial connected to a socket in %s, a directory of uid 65534", filepath.Dir(path))
	}
	want := "refusing to use the control socket " + path + ": its directory " + filepath.Dir(path) + " belongs to another user"
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Dial: %v\nwant it to start with %q", err, want)
	}

	// The same listener's socket moved into a private directory of ours
	// (a bound socket keeps working under its new name): the directory
	// passes, the peer's uid does not.
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	mine := SocketPath("/home/owner/.local/share/rigshift")
	if err := prepareDir(filepath.Dir(mine)); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path, mine); err != nil {
		t.Fatal(err)
	}
	c, err = Dial("/home/owner/.local/share/rigshift")
	if err == nil {
		c.Close()
		t.Fatal("Dial connected to a socket served by uid 65534")
	}
	want = "refusing to use the control socket " + mine + ": it is served by another user (uid 65534, you are 0), not by your RigShift"
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Dial: %v\nwant it to start with %q", err, want)
	}
}

// TestImpostorChild is the other user's listener in
// TestClientRefusesAnotherUsersSocket.
func TestImpostorChild(t *testing.T) {
	path := os.Getenv("RIGSHIFT_IMPOSTOR")
	if path == "" {
		t.Skip("only run by TestClientRefusesAnotherUsersSocket")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o777)
	fmt.Println("READY")
	for {
		c, err := ln.Accept()
		if err != nil {
			t.Fatal(err)
		}
		go io.Copy(io.Discard, c)
	}
}
