// Package dbustest starts private D-Bus daemons for tests: the desktop's
// idle monitors (hardware), the tray and notifications (ui) are tested
// against fakes on a bus of the test's own.
package dbustest

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/godbus/dbus/v5"
)

// PrivateBus starts a session D-Bus daemon of the test's own and returns
// its address; nothing of the desktop's session is touched. The test is
// skipped where dbus-daemon is missing.
func PrivateBus(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("dbus-daemon"); err != nil {
		t.Skip("dbus-daemon is not installed (Debian: apt install dbus-daemon); `make test` installs it")
	}
	// The socket goes in the test's own directory: the daemon is killed at
	// the end, and with the session default (unix:tmpdir=/tmp) every run
	// left its socket file behind in /tmp. Escaped: a subtest's name, and
	// so its directory, may hold a comma, which separates an address's
	// fields.
	cmd := exec.Command("dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1",
		"--address=unix:dir="+dbus.EscapeBusAddressValue(t.TempDir()))
	// Without a display, a service the bus activates (dunst for
	// notifications) cannot pop up on the developer's desktop.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon printed no address: %v", err)
	}
	return strings.TrimSpace(line)
}
