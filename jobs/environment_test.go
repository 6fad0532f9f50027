package jobs

import (
	"strings"
	"testing"
)

// A training job sees its GPUs by UUID, or, for a card whose UUID NVML
// could not read, by position in PCI bus order with CUDA told to count
// that way; a job given every GPU keeps what its own environment says.
// RigShift's choice comes after the job's environment, so it wins.
func TestTrainingEnvironmentNamesItsGPUs(t *testing.T) {
	for _, c := range []struct {
		w              Workload
		visible, order string
	}{
		{Workload{GPUs: []string{"GPU-aaaa", "GPU-bbbb"}}, "GPU-aaaa,GPU-bbbb", "FASTEST_FIRST"},
		{Workload{GPUs: []string{"GPU-unknown-index-2"}, CUDADevices: []string{"2"}}, "2", "PCI_BUS_ID"},
		{Workload{}, "0", "FASTEST_FIRST"},
	} {
		c.w.Kind = Training
		c.w.Env = []string{"CUDA_VISIBLE_DEVICES=0", "CUDA_DEVICE_ORDER=FASTEST_FIRST"}
		env := (&run{w: c.w}).environment()
		if got := effective(env, "CUDA_VISIBLE_DEVICES"); got != c.visible {
			t.Errorf("%q: CUDA_VISIBLE_DEVICES=%s, want %s", c.w.GPUs, got, c.visible)
		}
		if got := effective(env, "CUDA_DEVICE_ORDER"); got != c.order {
			t.Errorf("%q: CUDA_DEVICE_ORDER=%s, want %s", c.w.GPUs, got, c.order)
		}
	}
}

// effective is the value a child sees for key: exec keeps the last one.
func effective(env []string, key string) string {
	val := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, key+"="); ok {
			val = v
		}
	}
	return val
}
