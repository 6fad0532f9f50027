package cli

import (
	"strings"
	"testing"

	"github.com/rigshift/rigshift/jobs/control"
)

func TestGPUAsideAndUse(t *testing.T) {
	dir, api := serveFake(t, nil)
	tests := []struct {
		args []string
		code int
		out  string // stdout, or stderr when the exit is not 0
	}{
		{[]string{"gpu", "aside", "1", "--data-dir", dir}, exitOK,
			"GPU 1 (NVIDIA GeForce RTX 3080) is set aside: RigShift runs nothing on it until 'rigshift gpu use 1'.\n"},
		{[]string{"gpu", "aside", "GPU-00000001", "--data-dir", dir}, exitOK, "GPU 1 (NVIDIA GeForce RTX 3080) is set aside already.\n"},
		{[]string{"gpu", "use", "gpu-00000001-0000-0000-0000-000000000001", "--data-dir", dir}, exitOK,
			"GPU 1 (NVIDIA GeForce RTX 3080) is back in use: RigShift may mine or run rental jobs on it again.\n"},
		{[]string{"gpu", "use", "0", "--data-dir", dir}, exitOK, "GPU 0 (NVIDIA GeForce RTX 3080) is in use already.\n"},
		{[]string{"gpu", "aside", "7", "--data-dir", dir}, exitUsage, "rigshift: there is no GPU 7 on this rig (its GPUs are 0 to 1)\n"},
		{[]string{"gpu", "aside", "GPU-0000000", "--data-dir", dir}, exitUsage,
			`rigshift: "GPU-0000000" starts the UUID of 2 GPUs: give more of it, or the GPU's index` + "\n"},
		{[]string{"gpu", "aside", "GPU-ff", "--data-dir", dir}, exitUsage, `rigshift: no GPU of this rig has the UUID "GPU-ff" (its GPUs are 0 to 1)` + "\n"},
		{[]string{"gpu", "off", "1", "--data-dir", dir}, exitUsage, "rigshift: say what to do and which GPU: rigshift gpu aside 1, or rigshift gpu use 1"},
		{[]string{"gpu", "aside", "--data-dir", dir}, exitUsage, "rigshift: say what to do and which GPU"},
		// It said "say what to do and which GPU", as if neither had been.
		{[]string{"gpu", "aside", "0", "1", "--data-dir", dir}, exitUsage,
			"rigshift: one GPU at a time: rigshift gpu aside 0, then rigshift gpu aside 1\n"},
		{[]string{"gpu", "use", "0", "GPU-1", "2", "--data-dir", dir}, exitUsage,
			"rigshift: one GPU at a time: rigshift gpu use 0, then rigshift gpu use GPU-1, then rigshift gpu use 2\n"},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, tt.args...)
		if code != exitOK {
			out = stderr
		}
		if code != tt.code || !strings.HasPrefix(out, tt.out) {
			t.Errorf("%q: exit %d, %q; want exit %d and %q", tt.args, code, out, tt.code, tt.out)
		}
	}
	if st := api.Status(); st.GPUs[1].Aside || st.GPUs[0].Aside {
		t.Errorf("after aside and use: %+v", st.GPUs)
	}
	runCLI(t, "gpu", "aside", "0", "--data-dir", dir)
	if s := api.Settings(); len(s.GPUsAside) != 1 || s.GPUsAside[0] != gpu0 {
		t.Errorf("set aside: %q", s.GPUsAside)
	}
	if _, out, _ := runCLI(t, "status", "--data-dir", dir); !strings.Contains(out, "(set aside)") {
		t.Errorf("status does not mark GPU 0 set aside:\n%s", out)
	}
}

func TestAsideSaysWhatStops(t *testing.T) {
	onJob := control.GPUStatus{Index: 1, Name: "RTX 3080", Work: "job J-0007", JobID: "J-0007"}
	if said := asideSaid(onJob, nil, true); !strings.HasSuffix(said, " Job J-0007, which ran on it, goes back to the queue.") {
		t.Errorf("a job's GPU set aside: %q", said)
	}
	mining := control.GPUStatus{Index: 1, Name: "RTX 3080", Work: "mining"}
	if said := asideSaid(mining, nil, true); !strings.HasSuffix(said, " Its miner stops.") {
		t.Errorf("a miner's GPU set aside: %q", said)
	}
}

// A job whose client asked that an interrupted run fail does not go back
// to the queue: `rigshift gpu aside` must say it fails.
func TestAsideSaysAJobThatFailsOnInterruptFails(t *testing.T) {
	dir, api := serveFake(t, nil)
	spec := control.JobSpec{Client: "acme", Command: []string{"python", "train.py"}, GPUCount: 1,
		PricePerGPUHour: 0.4, OnInterrupt: control.FailJob}
	api.JobList = []control.Job{{ID: "J-0007", Spec: spec, State: control.JobRunning, GPUs: []string{api.Rig[1]}}}
	api.St.GPUs[1].Work, api.St.GPUs[1].JobID = "job J-0007", "J-0007"

	code, out, stderr := runCLI(t, "gpu", "aside", "1", "--data-dir", dir)
	if code != exitOK || !strings.HasSuffix(out, " Job J-0007, which ran on it, stops and fails, as its client asked of an interrupted run.\n") {
		t.Errorf("exit %d: %q %q", code, out, stderr)
	}
}
