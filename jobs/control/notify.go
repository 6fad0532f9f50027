package control

import (
	"log/slog"
	"sync"
	"time"

	"github.com/rigshift/rigshift/store"
)

// noticeWindows rate-limits notices per kind and GPU: a flapping card
// must not bury the owner. Job results are never limited.
var noticeWindows = map[NoticeKind]time.Duration{
	NoticeThermal:    10 * time.Minute,
	NoticeGPULost:    time.Hour,
	NoticeMinerDown:  30 * time.Minute,
	NoticeModeChange: 10 * time.Minute,
	NoticeStorage:    time.Hour,
}

// noticeBoard records every notice in the event log and passes those the
// owner wants, and the rate limits allow, to the Notifier.
type noticeBoard struct {
	notifier Notifier
	store    *store.Store
	log      *slog.Logger
	mu       sync.Mutex
	enabled  func(NoticeKind) bool
	last     map[string]time.Time
	told     map[string]bool // a heat warning was shown: its all-clear will be too
	failing  bool            // the last notice could not be shown (no desktop): the next failures are not warned of
	now      func() time.Time

	// outbox holds the notices on their way to the desktop, shown in turn
	// by one goroutine: a notification service that stops answering holds
	// that one, where a goroutine per notice piled up behind it, one more
	// for every notice until RigShift stopped.
	outbox    chan Notice
	deliver   sync.Once
	delivered chan struct{} // closed when that goroutine has shown the last notice and ended
	dropping  bool          // the outbox was full since the service last answered: no more warnings
	shut      bool          // flushed: RigShift is stopping, and the outbox is closed
}

// outboxSize is how many notices may wait for a slow notification service;
// past it they are in the event log only.
const outboxSize = 16

func newNoticeBoard(n Notifier, s *store.Store, log *slog.Logger) *noticeBoard {
	return &noticeBoard{notifier: n, store: s, log: log, last: map[string]time.Time{}, told: map[string]bool{},
		enabled: func(NoticeKind) bool { return true }, now: time.Now, outbox: make(chan Notice, outboxSize),
		delivered: make(chan struct{})}
}

// send records n and shows it unless it is switched off or too soon after
// the last of its kind.
func (b *noticeBoard) send(n Notice) {
	b.record(n)
	b.show(n)
}

// record writes n in the event log.
func (b *noticeBoard) record(n Notice) {
	ev := store.Event{Time: b.now(), Kind: n.Kind.EventKind(), GPU: n.GPU, JobID: n.JobID, Title: n.Title, Message: n.Body}
	if n.LogAs != "" {
		ev.Kind = n.LogAs
	}
	if err := b.store.AppendEvent(ev); err != nil {
		b.log.Error("recording a notice", "err", err)
	}
}

// show shows n on the desktop unless it is switched off or too soon after
// the last of its kind. Showing happens off the caller's goroutine: a
// notification daemon can be slow, or hang.
func (b *noticeBoard) show(n Notice) {
	if b.notifier == nil || !b.allow(n) {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.shut { // stopping: in the event log only
		return
	}
	b.startDelivering()
	select {
	case b.outbox <- n:
	default:
		if !b.dropping {
			b.dropping = true
			b.log.Warn("desktop notifications wait for the desktop's notification service, which does not answer; this one and the next are in the event log only",
				"title", n.Title)
		}
	}
}

// startDelivering starts the goroutine that shows the notices, once.
func (b *noticeBoard) startDelivering() {
	b.deliver.Do(func() { go b.deliverAll() })
}

// noticeFlush is how long Quit waits for the notices on their way to the
// desktop: a job that finished a second before the owner quit is still
// shown, and a notification service that does not answer holds Quit no
// longer than this.
const noticeFlush = 2 * time.Second

// flush stops taking notices and waits up to wait for those in the outbox
// to be shown; then the goroutine showing them ends. Before it, they went
// with the process: RigShift exited under them.
func (b *noticeBoard) flush(wait time.Duration) {
	b.mu.Lock()
	if b.shut {
		b.mu.Unlock()
		return
	}
	b.shut = true
	b.startDelivering() // with nothing to show, it ends at once
	close(b.outbox)
	b.mu.Unlock()
	select {
	case <-b.delivered:
	case <-time.After(wait):
		b.log.Warn("RigShift stopped before the desktop's notification service showed its last notices; they are in the event log",
			"waiting", len(b.outbox)+1) // the one it was given, and those behind it
	}
}

// deliverAll shows the outbox's notices one after another, until flush
// closes it.
func (b *noticeBoard) deliverAll() {
	defer close(b.delivered)
	for n := range b.outbox {
		err := b.notifier.Notify(n)
		b.mu.Lock()
		again := b.failing
		b.failing = err != nil
		b.dropping = false // it answered: a new backlog is warned of again
		b.mu.Unlock()
		switch {
		case err == nil:
		case again: // a rig without a desktop: one warning says it
			b.log.Debug("desktop notification not shown", "title", n.Title, "err", err)
		default:
			b.log.Warn("desktop notification not shown; it is in the event log, like every notice, and until one shows the next that fail are logged at debug level",
				"title", n.Title, "err", err)
		}
	}
}

// setEnabled installs the owner's per-kind switches.
func (b *noticeBoard) setEnabled(on func(NoticeKind) bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.enabled = on
}

func (b *noticeBoard) allow(n Notice) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.enabled(n.Kind) {
		return false
	}
	window, limited := noticeWindows[n.Kind]
	if !limited {
		return true
	}
	key := string(n.Kind) + "/" + n.GPU
	if n.RigWide {
		key = string(n.Kind) + "/"
	}
	// A GPU's all-clear answers its heat warning: shown when the warning
	// was, whatever the time, and it does not take the warning's turn.
	if n.Kind == NoticeThermal && n.LogAs == store.EventKindGPUCooled {
		told := b.told[key]
		delete(b.told, key)
		return told
	}
	now := b.now()
	if last, ok := b.last[key]; ok && now.Sub(last) < window {
		return false
	}
	b.last[key] = now
	if n.Kind == NoticeThermal {
		b.told[key] = true
	}
	return true
}
