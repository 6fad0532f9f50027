package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/hardware"
)

// A host that could not be read (or not in time, on a first pass) is said
// to be unknown, not shown as a machine with 0 % CPU and no memory.
func TestMonitorHostNotRead(t *testing.T) {
	var out bytes.Buffer
	printSnapshot(&out, nil, hardware.Snapshot{Time: time.Now(), HostErr: errors.New("reading CPU load: permission denied")})
	if got := out.String(); strings.Contains(got, "0.0 GiB of 0.0 GiB") || !strings.Contains(got, "permission denied") {
		t.Errorf("unread host printed as:\n%s", got)
	}
}

// A negative --for (a script's arithmetic gone wrong) ran until Ctrl-C, as
// no --for does: it is refused, as a too short --interval is.
func TestMonitorRefusesANegativeFor(t *testing.T) {
	done := make(chan struct{})
	var code int
	var stderr string
	go func() {
		defer close(done)
		code, _, stderr = runCLI(t, "monitor", "--simulate", "1", "--quiet", "--for", "-1s")
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("monitor --for -1s still runs after 5 s")
	}
	if code != exitUsage || stderr != "rigshift: --for cannot be negative: write how long to run, e.g. 60s, or leave it out to run until Ctrl-C\n" {
		t.Errorf("exit %d, %q", code, stderr)
	}
}
