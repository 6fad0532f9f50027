package control

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rigshift/rigshift/store"
)

// failingNotifier is a desktop without a notification server (a rig run
// by 'rigshift daemon' over ssh): every notice fails, until fixed.
type failingNotifier struct {
	mu    sync.Mutex
	fixed bool
	calls int
}

func (f *failingNotifier) Notify(Notice) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.fixed {
		return nil
	}
	return errors.New("no notification server")
}

func (f *failingNotifier) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// On a rig with no desktop every notice failed with a warning of its own
// (seen on a headless GPU server: one per job, heat and mode change). The
// first failure warns, saying the notices are in the event log; the next
// ones are logged at debug level, until one is shown again.
func TestNotificationFailuresWarnOnce(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "rigshift.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var buf syncBuffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	n := &failingNotifier{}
	b := newNoticeBoard(n, st, log)
	send := func(title string) {
		n.mu.Lock()
		logged := !n.fixed // a notice shown is not logged
		n.mu.Unlock()
		want := n.count() + 1
		b.send(Notice{Kind: NoticeJobDone, Title: title})
		for deadline := time.Now().Add(5 * time.Second); n.count() < want || (logged && !strings.Contains(buf.String(), title)); {
			if time.Now().After(deadline) {
				t.Fatalf("notice %q was not tried and logged:\n%s", title, buf.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	send("Job J-0001 finished")
	send("Job J-0002 finished")
	send("Job J-0003 failed")
	if got := strings.Count(buf.String(), "level=WARN"); got != 1 {
		t.Fatalf("%d warnings for three failed notices, want 1:\n%s", got, buf.String())
	}
	if !strings.Contains(buf.String(), "event log") {
		t.Errorf("the warning does not say where the notices are:\n%s", buf.String())
	}
	n.mu.Lock()
	n.fixed = true
	n.mu.Unlock()
	send("Job J-0004 finished") // shown: the next failure warns again
	n.mu.Lock()
	n.fixed = false
	n.mu.Unlock()
	send("Job J-0005 failed")
	if got := strings.Count(buf.String(), "level=WARN"); got != 2 {
		t.Fatalf("%d warnings, want 2 (a failure after one was shown warns again):\n%s", got, buf.String())
	}
}

// syncBuffer is a bytes.Buffer for a logger written from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// hungNotifier is a notification service that takes the call and never
// answers (beeep's D-Bus call has no timeout).
type hungNotifier struct{ release chan struct{} }

func (h hungNotifier) Notify(Notice) error {
	<-h.release
	return nil
}

// Each notice was shown from a goroutine of its own: behind a notification
// service that stopped answering, one more goroutine waited for every job
// that ended, for as long as RigShift ran. One goroutine shows them in
// turn; past a small backlog a notice is in the event log only, said once.
func TestAHungNotificationServiceHoldsOneGoroutine(t *testing.T) {
	var buf syncBuffer
	h := hungNotifier{release: make(chan struct{})}
	b := newNoticeBoard(h, nil, slog.New(slog.NewTextHandler(&buf, nil)))
	before := runtime.NumGoroutine()
	for i := range 200 {
		b.show(Notice{Kind: NoticeJobDone, Title: fmt.Sprintf("J-%04d finished", i)})
	}
	if grew := runtime.NumGoroutine() - before; grew > 1 {
		t.Errorf("200 notices behind a hung notification service hold %d goroutines, want 1", grew)
	}
	if n := strings.Count(buf.String(), "does not answer"); n != 1 {
		t.Errorf("the dropped notices were warned of %d times, want once:\n%s", n, buf.String())
	}
	close(h.release)
}

// slowNotifier is a notification service that takes a while to answer
// each notice, and keeps those it showed.
type slowNotifier struct {
	recorder
	delay time.Duration
}

func (s *slowNotifier) Notify(n Notice) error {
	time.Sleep(s.delay)
	return s.recorder.Notify(n)
}

// The notices on their way to the desktop when the owner quit (a job that
// finished a second before, a GPU lost) were dropped with the process:
// the one goroutine showing them lived on, and RigShift exited under it.
// Quit now waits for them, briefly.
func TestQuitShowsTheNoticesOnTheirWay(t *testing.T) {
	slow := &slowNotifier{delay: 150 * time.Millisecond}
	r := newTestRigWith(t, 1, t.TempDir(), func(o *Options) { o.Notifier = slow }).run()
	titles := []string{"Job J-0001 for Acme finished", "Job J-0002 for Beta failed", "GPU 0 was lost"}
	for i, title := range titles {
		r.c.note.send(Notice{Kind: NoticeJobDone, JobID: fmt.Sprintf("J-%04d", i+1), Title: title})
	}
	r.stop()
	var shown []string
	for _, n := range slow.all() {
		shown = append(shown, n.Title)
	}
	if len(shown) != len(titles) {
		t.Errorf("by the time Quit was done the desktop was shown %q, want all of %q", shown, titles)
	}
}

// A notification service that does not answer must not hold Quit: the
// notices wait for it a couple of seconds, then RigShift stops without
// them (they are in the event log).
func TestQuitDoesNotWaitLongForAHungNotificationService(t *testing.T) {
	var buf syncBuffer
	h := hungNotifier{release: make(chan struct{})}
	defer close(h.release)
	b := newNoticeBoard(h, nil, slog.New(slog.NewTextHandler(&buf, nil)))
	b.show(Notice{Kind: NoticeJobDone, Title: "Job J-0001 for Acme finished"})
	b.show(Notice{Kind: NoticeJobDone, Title: "Job J-0002 for Acme finished"})
	start := time.Now()
	b.flush(200 * time.Millisecond)
	if took := time.Since(start); took > time.Second {
		t.Errorf("flushing behind a hung notification service took %s, want about 200 ms", took)
	}
	if !strings.Contains(buf.String(), "event log") {
		t.Errorf("the notices left unshown were not logged as such:\n%s", buf.String())
	}
	b.show(Notice{Kind: NoticeJobDone, Title: "late"}) // after the flush: neither a panic nor a wait
}

// Once flushed, the goroutine that showed the notices ends.
func TestFlushEndsTheNoticeGoroutine(t *testing.T) {
	rec := &recorder{}
	b := newNoticeBoard(rec, nil, slog.New(slog.NewTextHandler(&syncBuffer{}, nil)))
	before := runtime.NumGoroutine()
	b.show(Notice{Kind: NoticeJobDone, Title: "Job J-0001 for Acme finished"})
	b.flush(2 * time.Second)
	if len(rec.all()) != 1 {
		t.Errorf("shown %v, want the one notice", rec.all())
	}
	for deadline := time.Now().Add(2 * time.Second); runtime.NumGoroutine() > before; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines after the flush, %d before the first notice", runtime.NumGoroutine(), before)
		}
	}
}
