package cli

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/jobs/socket/sockettest"
	"github.com/rigshift/rigshift/store"
)

// gpu0 and gpu1 are the UUIDs of the fake rig's GPUs.
const (
	gpu0 = "GPU-00000000-0000-0000-0000-000000000000"
	gpu1 = "GPU-00000001-0000-0000-0000-000000000001"
)

// privateRuntime gives the test its own socket directory and a data
// directory nobody serves yet.
func privateRuntime(t *testing.T) (dataDir string) {
	t.Helper()
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	return t.TempDir()
}

// serveFake serves a fake rig of two GPUs for a fresh data directory, as
// a running RigShift would. ex may be nil.
func serveFake(t *testing.T, ex socket.Exporter) (dataDir string, api *sockettest.API) {
	t.Helper()
	api = sockettest.NewAPI(2)
	return serveAPI(t, api, ex), api
}

// serveAPI serves api for a fresh data directory, which it returns.
func serveAPI(t *testing.T, api control.API, ex socket.Exporter) (dataDir string) {
	t.Helper()
	dataDir = privateRuntime(t)
	s, err := socket.Listen(socket.Config{DataDir: dataDir, API: api, Export: ex, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-served
	})
	return dataDir
}

// addJobs queues n one-GPU jobs for acme on the fake.
func addJobs(t *testing.T, api *sockettest.API, n int) {
	t.Helper()
	for range n {
		if _, err := api.AddJob(sockettest.SampleSpec()); err != nil {
			t.Fatal(err)
		}
	}
}

// makeStore creates a database in dataDir with an hour of telemetry for
// gpu0, as a RigShift that has stopped leaves it.
func makeStore(t *testing.T, dataDir string, from time.Time) {
	t.Helper()
	inStore(t, dataDir, func(s *store.Store) {
		w := s.Telemetry()
		for i := range 60 {
			p := store.NewTelemetryPoint(from.Add(time.Duration(i)*time.Minute), gpu0)
			p.Temp, p.Power = 60, 200
			w.Add(p)
		}
	})
}

// inStore opens dataDir's database for use, then closes it, so that the
// command under test can open it next.
func inStore(t *testing.T, dataDir string, use func(*store.Store)) {
	t.Helper()
	s := openStore(t, dataDir)
	use(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// holdStore opens dataDir's database and holds it, as a running RigShift
// does, until the test ends.
func holdStore(t *testing.T, dataDir string) *store.Store {
	t.Helper()
	s := openStore(t, dataDir)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func openStore(t *testing.T, dataDir string) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(dataDir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// runningJob is a job holding GPU 1 for an hour, for status and list.
func runningJob() control.Job {
	return control.Job{ID: "J-0007", Spec: control.JobSpec{Client: "lab", GPUCount: 1}, State: control.JobRunning,
		GPUs: []string{gpu1}, Running: time.Hour, Earned: 0.4, Currency: "USD"}
}
