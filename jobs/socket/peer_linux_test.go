package socket

import (
	"bufio"
	"fmt"
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
