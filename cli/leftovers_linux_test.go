//go:build linux

package cli

import (
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/jobs/jobstest"
)

// A RigShift killed while its data directory was reached one way (the
// link ~/.local/share/rigshift to a bigger disk) and started again the
// other way left the killed one's miners and jobs running: they were
// marked with the directory as typed. The mark is the directory the
// links lead to, whichever way it is reached.
func TestLeftoversOfADataDirReachedThroughALinkAreEnded(t *testing.T) {
	privateRuntime(t)
	real := t.TempDir()
	link := filepath.Join(t.TempDir(), "rigshift")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	_, done := jobstest.StartMarked(t, jobs.InstanceEnv+"="+real) // left by one started with the real path

	in, err := startInstance(instanceFlags{rigFlags: rigFlags{simulate: 1}, dataDir: link}, nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer in.stop()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Error("what the killed RigShift left still runs")
	}
}
