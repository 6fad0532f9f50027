package control

import (
	"testing"

	"github.com/rigshift/rigshift/store"
)

// An event reads as one line of words, each thing said once: the job
// first where the message names only the client, the GPU by its index or
// as gone from the rig, the reason last.
func TestEventLine(t *testing.T) {
	gpus := map[string]int{"GPU-a": 1, "GPU-b": 10}
	for _, tc := range []struct {
		e    store.Event
		want string
	}{
		{store.Event{Kind: "mode", Message: "auto", Reason: "user"}, "Switched to Auto, by you"},
		{store.Event{Kind: "mode", Message: "mine", Reason: "restored"}, "Started in Mine, the mode RigShift was in when it last ran"},
		{store.Event{Kind: "mode", Message: "rent", Reason: "thermal"}, "Switched to Rent (thermal)"},
		{store.Event{Kind: "mode", Message: "resumed in auto mode"}, "resumed in auto mode"},
		{store.Event{Kind: "notice:job-failed", JobID: "J-0002", Title: "Job J-0002 failed",
			Message: "bad's job failed: code 3.\nLast output:\noops", Reason: "crash"},
			"J-0002 · bad's job failed: code 3. Last output: oops · because: crash"},
		{store.Event{Kind: "job-started", JobID: "J-0002", Message: "Job J-0002 for bad started on GPU 1"},
			"Job J-0002 for bad started on GPU 1"},
		{store.Event{Kind: "notice:thermal", GPU: "GPU-a", Message: "GPU 1 reached 84 °C"}, "GPU 1 reached 84 °C"},
		{store.Event{Kind: "notice:thermal", GPU: "GPU-b", Message: "GPU 1 reached 84 °C"}, "GPU 1 reached 84 °C · GPU 10"},
		{store.Event{Kind: "gpu-free", GPU: "GPU-0123456789abcdef", Message: "free again"},
			"free again · GPU-01234567…, no longer in the rig"},
	} {
		if got := EventLine(tc.e, gpus); got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.e.Kind, tc.e.Message, got, tc.want)
		}
	}
}

func TestDescribeEvent(t *testing.T) {
	for kind, want := range map[string]EventKind{
		"notice:job-failed":  {"Job failed", EventProblem, EventJobs},
		"notice:mode-change": {"Auto", EventInfo, EventModes},
		"restart":            {"Restart", EventWarning, EventRig},
		"firmware-check":     {"Firmware check", EventInfo, EventOther}, // a newer version's kind
		"notice:fan-stuck":   {"Fan stuck", EventInfo, EventOther},
	} {
		if got := DescribeEvent(kind); got != want {
			t.Errorf("%s: %+v, want %+v", kind, got, want)
		}
	}
	// Every kind the controller records and every notice has words.
	kinds := []string{store.EventKindMode, store.EventKindJobStarted, store.EventKindJobRequeued, store.EventKindRestart,
		store.EventKindMinerFailed, store.EventKindGPUBusy, store.EventKindGPUFree, store.EventKindGPUCooled, store.EventKindSettings}
	for _, n := range NoticeKinds() {
		kinds = append(kinds, n.EventKind())
	}
	for _, k := range kinds {
		if _, ok := eventKinds[k]; !ok {
			t.Errorf("no words for the kind %q", k)
		}
	}
}
