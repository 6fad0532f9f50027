package ui

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// Fyne quits on SIGINT and SIGTERM only. The desktop session ending stops
// its processes with SIGTERM and at once SIGHUP (systemd-logind's session
// scope), and closing the terminal RigShift was started from sends SIGHUP
// alone: either ended RigShift on the spot, with no clean stop (its jobs
// unbilled, killed without their grace, its socket file left behind). So
// did a SIGTERM before Fyne's loop ran, while its tray item was already
// up. A hangup now quits as the tray's Quit does, and the stop is not cut
// short.
func TestHangupQuitsCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Xvfb and the real app")
	}
	for name, signals := range map[string][]os.Signal{
		"the terminal closed": {syscall.SIGHUP},
		"signalled at once":   {syscall.SIGTERM},
		"the session ended":   {syscall.SIGTERM, syscall.SIGHUP},
	} {
		t.Run(name, func(t *testing.T) {
			display, addr := privateX(t), privateBus(t)
			w := watchTray(t, connect(t, addr))
			cmd, out := trayHelperCmd(t, display, addr, "1")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = cmd.Process.Kill() })
			lines := newLineWaiter(t, out)
			within(t, 30*time.Second, "the app's tray item", w.items)
			quit := lines.await("quit hook:")
			for _, sig := range signals {
				_ = cmd.Process.Signal(sig)
			}
			within(t, 10*time.Second, "the app's clean stop", quit)
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case err := <-exited:
				if err != nil {
					t.Errorf("after %v the app ended with %v", signals, err)
				}
			case <-time.After(10 * time.Second):
				t.Errorf("the app did not end within 10 s of %v", signals)
			}
		})
	}
}
