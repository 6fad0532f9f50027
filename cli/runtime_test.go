package cli

import (
	"bytes"
	"errors"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rigshift/rigshift/store"
)

// On a machine without the NVIDIA driver the log says why RigShift has no
// GPUs: the log is what an owner sends when asking for help.
func TestLogSaysWhyThereAreNoGPUs(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	in, err := startInstance(instanceFlags{dataDir: privateRuntime(t)}, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	defer in.stop()
	if in.rig.gpuErr == nil {
		t.Skip("this machine has NVIDIA GPUs: nothing to explain")
	}
	if got := buf.String(); !strings.Contains(got, "no GPUs to use") || !strings.Contains(got, in.rig.gpuErr.Error()) {
		t.Errorf("the log does not say why there are no GPUs:\n%s", got)
	}
}

// A --metrics address that cannot work is a usage error, said before
// anything starts: a mistyped address started the rig (and a queued job)
// and then stopped it again.
func TestMetricsAddressCheckedBeforeTheRigStarts(t *testing.T) {
	dir := filepath.Join(privateRuntime(t), "data")
	for _, addr := range []string{"0.0.0.0:9835", "bogus"} {
		code, _, stderr := runCLI(t, "daemon", "--simulate", "1", "--data-dir", dir, "--metrics", addr)
		if code != exitUsage || !strings.Contains(stderr, "--metrics") {
			t.Errorf("--metrics %s: exit %d, %q", addr, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, store.FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the rig started: its database is there (%v)", err)
	}
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	code, _, stderr := runCLI(t, "daemon", "--simulate", "1", "--data-dir", dir, "--metrics", taken.Addr().String())
	if code != exitError || !strings.Contains(stderr, "cannot serve metrics") {
		t.Errorf("a port in use: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "status", "--data-dir", dir); code != exitError || !strings.Contains(stderr, "not running") {
		t.Errorf("after the failed start: status exit %d, %q", code, stderr)
	}
}
