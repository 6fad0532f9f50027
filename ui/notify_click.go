package ui

import (
	"sync"

	"github.com/rigshift/rigshift/jobs/control"
)

// noticeTarget is what a click on a desktop notice opens: the job it is
// about, else a screen picked by its kind.
type noticeTarget struct {
	kind control.NoticeKind
	job  string
}

func targetOf(n control.Notice) noticeTarget { return noticeTarget{kind: n.Kind, job: n.JobID} }

// noticeClicks holds what opens the window at a clicked notice's target:
// set while the window runs, nil in the daemon (no window), whose notices
// then offer no click at all.
var noticeClicks struct {
	sync.Mutex
	open *func(noticeTarget)
}

// onNoticeClick makes clicked notices call open (on the UI goroutine) until
// the returned function is called.
func onNoticeClick(open func(noticeTarget)) (stop func()) {
	p := &open
	noticeClicks.Lock()
	noticeClicks.open = p
	noticeClicks.Unlock()
	return func() {
		noticeClicks.Lock()
		defer noticeClicks.Unlock()
		if noticeClicks.open == p {
			noticeClicks.open = nil
		}
	}
}

// noticeClick is what opens a clicked notice's target now, nil where
// nothing can.
func noticeClick() func(noticeTarget) {
	noticeClicks.Lock()
	defer noticeClicks.Unlock()
	if noticeClicks.open == nil {
		return nil
	}
	return *noticeClicks.open
}

// openNotice brings the window up at what a clicked notice is about: a
// job's notice on that job, a hot or lost GPU on the dashboard, the miner
// that gave up on its settings, a job notice that names no job (jobs
// interrupted) on the jobs screen, anything else in the event log.
func (s *shell) openNotice(t noticeTarget) {
	if t.job != "" {
		s.showJob(t.job)
		return
	}
	s.show()
	switch t.kind {
	case control.NoticeThermal, control.NoticeGPULost:
		s.open("dashboard")
	case control.NoticeMinerDown:
		s.open("settings")
	case control.NoticeJobDone, control.NoticeJobFailed:
		s.open("jobs")
	case "":
		// RigShift's own word (it keeps working in the tray): the window
		// as it was is what the owner asked for.
	default:
		s.open("events")
	}
}
