package cli

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
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
