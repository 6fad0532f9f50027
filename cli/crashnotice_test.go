package cli

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rigshift/rigshift/cli/applog"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/store"
)

type noticeRecorder struct {
	mu      sync.Mutex
	notices []control.Notice
}

func (r *noticeRecorder) Notify(n control.Notice) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.notices = append(r.notices, n)
	return nil
}

func TestLastCrashIsToldOnTheDesktop(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "crash.log"), []byte("panic: boom\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	logs, err := applog.Open(applog.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer logs.Close()
	st, err := store.Open(filepath.Join(dir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := &noticeRecorder{}
	tellAboutLastCrash(r, st, slog.Default())
	deadline := time.Now().Add(5 * time.Second)
	for {
		r.mu.Lock()
		n := len(r.notices)
		r.mu.Unlock()
		if n > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if len(r.notices) != 1 || !strings.Contains(r.notices[0].Body, filepath.Join(dir, "crash-")) {
		t.Errorf("notices %+v: want one naming the kept crash report in %s", r.notices, dir)
	}
	// A rig without a desktop (the daemon) has the event log: `rigshift
	// events` and the Events screen say it too.
	evs, err := st.Events(time.Time{}, time.Now().Add(time.Minute), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].Kind != store.EventKindCrashed || !strings.Contains(evs[0].Message, filepath.Join(dir, "crash-")) {
		t.Errorf("events %+v: want one crash naming the kept report", evs)
	}
}
