//go:build linux

package jobs

import (
	"strings"
	"testing"
)

// A failed job's log ended "[rigshift] 12:00:00 crash-3: state Running →
// Exited", the supervisor's state names, in the tail the window's job
// details and `rigshift job logs` show: the owner reads what happened in
// words instead.
func TestFailedJobsLogSaysWhatHappenedInWords(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig(t))
	hd := h.start(fakeWorkload(Training, "crash", "FAKE_EXIT_CODE=3"))
	<-hd.Done()
	log := strings.Join(hd.Tail(), "\n")
	for _, want := range []string{"the job's process exited with code 3", "the job has ended"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
	for _, internal := range []string{"→", "Running", "Exited", "state ", "exit, "} {
		if strings.Contains(log, internal) {
			t.Errorf("the log shows the supervisor's %q:\n%s", internal, log)
		}
	}
}
