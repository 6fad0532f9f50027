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
