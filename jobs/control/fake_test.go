package control

import (
	"os"
	"testing"

	"github.com/rigshift/rigshift/jobs/jobstest"
)

// The test binary doubles as the workloads (see jobstest) and as a
// RigShift daemon to kill (crash_test.go).
func TestMain(m *testing.M) {
	jobstest.Dispatch(map[string]func([]string) int{
		"fake-daemon": func(args []string) int { return fakeDaemon(args[0]) },
	})
	os.Exit(m.Run())
}
