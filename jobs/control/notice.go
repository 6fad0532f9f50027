package control

import "github.com/rigshift/rigshift/store"

// NoticeKind groups notifications for rate limits and the owner's
// per-kind switches.
type NoticeKind string

// The kinds of notice.
const (
	NoticeJobDone    NoticeKind = "job-done"    // a rental job succeeded
	NoticeJobFailed  NoticeKind = "job-failed"  // failed, timed out or was interrupted
	NoticeThermal    NoticeKind = "thermal"     // a GPU was paused for heat, or resumed
	NoticeGPULost    NoticeKind = "gpu-lost"    // a GPU fell off the bus
	NoticeMinerDown  NoticeKind = "miner-down"  // the miner gave up after restarts
	NoticeModeChange NoticeKind = "mode-change" // Auto moved GPUs between mining and renting
	NoticeStorage    NoticeKind = "storage"     // the database refuses writes: a full disk, a damaged file
	NoticeMiningSoon NoticeKind = "mining-soon" // mining starts in a few seconds: the owner is away
)

// EventKind is the event log's kind of a notice of kind k, unless the
// notice says otherwise (Notice.LogAs).
func (k NoticeKind) EventKind() string { return store.EventKindNotice + string(k) }

// Label says what notices of kind k are about, as the switches in the
// settings say it.
func (k NoticeKind) Label() string { return noticeLabels[k] }

var noticeLabels = map[NoticeKind]string{
	NoticeJobDone: "A rental job finished", NoticeJobFailed: "A rental job failed, timed out or was interrupted",
	NoticeThermal: "A GPU paused for heat, or resumed", NoticeGPULost: "A GPU was lost",
	NoticeMinerDown: "The miner gave up after restarts", NoticeModeChange: "Auto moved GPUs between mining and renting",
	NoticeStorage: "Records could not be saved (a full disk, say)", NoticeMiningSoon: "Mining is about to start while you are away",
}

// NoticeKinds lists every kind, for the settings screen.
func NoticeKinds() []NoticeKind {
	return []NoticeKind{NoticeJobDone, NoticeJobFailed, NoticeThermal, NoticeGPULost, NoticeMinerDown, NoticeModeChange, NoticeStorage, NoticeMiningSoon}
}

// Notice is one desktop notification.
type Notice struct {
	Kind  NoticeKind `json:"kind"`
	Title string     `json:"title"`
	Body  string     `json:"body"`
	GPU   string     `json:"gpu,omitempty"`
	JobID string     `json:"job_id,omitempty"`
	// LogAs is the event log's kind where it says more than the notice's:
	// a job put back in the queue is notified as a failed job (one switch
	// in Settings) but is logged as requeued, not failed; a GPU that cooled
	// down is good news, not a heat warning. "" logs it as "notice:" and
	// Kind.
	LogAs string `json:"-"`
	// RigWide marks a problem of the rig, not of its GPU (the miner's
	// program is gone): rate-limited once for every GPU, so that eight
	// cards failing alike make one notification, and eight lines in the log.
	RigWide bool `json:"-"`
}

// Notifier shows notices to the owner: beeep on the desktop, a recorder in
// tests. It may fail (no notification daemon); the controller logs that
// and carries on, the notice is in the event log regardless.
type Notifier interface {
	Notify(Notice) error
}
