package control

import (
	"strconv"
	"strings"

	"github.com/rigshift/rigshift/store"
)

// EventSeverity is what an event means to the owner: a problem wants a
// look, a warning may, good news does not.
type EventSeverity int

const (
	EventInfo EventSeverity = iota
	EventGood
	EventWarning
	EventProblem
)

// EventGroup is what an event is about.
type EventGroup int

const (
	EventOther EventGroup = iota
	EventModes
	EventJobs
	EventRig // the GPUs and the miner
)

// EventKind is a kind of event in words, as the window and `rigshift
// events` show it.
type EventKind struct {
	Title    string // "Job failed"
	Severity EventSeverity
	Group    EventGroup
}

// eventKinds are the kinds of event RigShift records (store.EventKind*,
// and the notices it sent).
var eventKinds = map[string]EventKind{
	store.EventKindMode:          {"Mode", EventInfo, EventModes},
	NoticeModeChange.EventKind(): {"Auto", EventInfo, EventModes},
	store.EventKindJobStarted:    {"Job started", EventInfo, EventJobs},
	store.EventKindJobRequeued:   {"Job requeued", EventWarning, EventJobs},
	store.EventKindJobCanceled:   {"Job cancelled", EventInfo, EventJobs},
	NoticeJobDone.EventKind():    {"Job finished", EventGood, EventJobs},
	NoticeJobFailed.EventKind():  {"Job failed", EventProblem, EventJobs},
	NoticeThermal.EventKind():    {"Too hot", EventWarning, EventRig},
	store.EventKindGPUCooled:     {"Cooled down", EventGood, EventRig},
	NoticeGPULost.EventKind():    {"GPU lost", EventProblem, EventRig},
	NoticeMinerDown.EventKind():  {"Miner stopped", EventProblem, EventRig},
	store.EventKindRestart:       {"Restart", EventWarning, EventRig},
	store.EventKindMinerFailed:   {"Miner failed", EventProblem, EventRig},
	store.EventKindGPUBusy:       {"GPU busy", EventWarning, EventRig},
	store.EventKindGPUFree:       {"GPU free", EventGood, EventRig},
	store.EventKindSettings:      {"Settings", EventInfo, EventOther},
	NoticeStorage.EventKind():    {"Not saving", EventProblem, EventOther},
	store.EventKindMiningHeld:    {"Mining waits", EventInfo, EventModes},
	store.EventKindMiningFreed:   {"Mining resumes", EventInfo, EventModes},
	store.EventKindTariff:        {"Electricity", EventInfo, EventOther},
	store.EventKindGPUAside:      {"Set aside", EventInfo, EventRig},
	store.EventKindGPUInUse:      {"Back in use", EventInfo, EventRig},
	store.EventKindCrashed:       {"Crashed", EventProblem, EventOther},
	NoticeMiningSoon.EventKind(): {"Mining soon", EventInfo, EventModes},
}

// EventKinds lists the kinds in words, for a column as wide as the widest.
func EventKinds() []EventKind {
	out := make([]EventKind, 0, len(eventKinds))
	for _, k := range eventKinds {
		out = append(out, k)
	}
	return out
}

// DescribeEvent is kind in words. A kind this version does not know
// (written by a newer one) is shown by its own name.
func DescribeEvent(kind string) EventKind {
	if k, ok := eventKinds[kind]; ok {
		return k
	}
	name := strings.ReplaceAll(strings.TrimPrefix(kind, store.EventKindNotice), "-", " ")
	if name != "" {
		name = strings.ToUpper(name[:1]) + name[1:]
	}
	return EventKind{Title: name}
}

// EventBody is what happened, whole (a failed job's last output runs over
// several lines): a mode change in words, any other event's message.
func EventBody(e store.Event) string {
	if e.Kind != store.EventKindMode {
		return e.Message
	}
	m, err := ParseMode(e.Message)
	if err != nil {
		return e.Message // an older version's own words
	}
	switch Reason(e.Reason) {
	case ReasonUser:
		return "Switched to " + m.Title() + ", by you"
	case ReasonRestore:
		return "Started in " + m.Title() + ", the mode RigShift was in when it last ran"
	case "":
		return "Switched to " + m.Title()
	}
	return "Switched to " + m.Title() + " (" + e.Reason + ")"
}

// EventContext is what e concerns and why, where its body does not say it
// already: the job, the GPU (by its index in gpuIndex, or by its UUID if
// it is no longer in the rig) and the reason.
func EventContext(e store.Event, gpuIndex map[string]int) []string {
	var parts []string
	if e.JobID != "" && !strings.Contains(e.Message, e.JobID) {
		parts = append(parts, e.JobID) // a notice's body names the client, not the job
	}
	if i, ok := gpuIndex[e.GPU]; ok && !mentionsGPU(e.Message, i) {
		parts = append(parts, "GPU "+strconv.Itoa(i))
	} else if !ok && e.GPU != "" {
		parts = append(parts, ShortUUID(e.GPU)+", no longer in the rig")
	}
	if e.Reason != "" && e.Kind != store.EventKindMode {
		parts = append(parts, "because: "+e.Reason)
	}
	return parts
}

// EventLine is e on one line: the job first, what happened, then the GPU
// and the reason.
func EventLine(e store.Event, gpuIndex map[string]int) string {
	ctx := EventContext(e, gpuIndex)
	parts := []string{strings.Join(strings.Fields(EventBody(e)), " ")}
	if len(ctx) > 0 && ctx[0] == e.JobID {
		parts = []string{e.JobID, parts[0]}
		ctx = ctx[1:]
	}
	return strings.Join(append(parts, ctx...), " · ")
}

// mentionsGPU reports whether msg names GPU i already ("GPU 1", not "GPU 10").
func mentionsGPU(msg string, i int) bool {
	name := "GPU " + strconv.Itoa(i)
	for rest := msg; ; {
		at := strings.Index(rest, name)
		if at < 0 {
			return false
		}
		rest = rest[at+len(name):]
		if rest == "" || rest[0] < '0' || rest[0] > '9' {
			return true
		}
	}
}

// ShortUUID is the start of a GPU's UUID, enough to tell cards apart.
func ShortUUID(uuid string) string {
	const keep = 12
	if len(uuid) <= keep {
		return uuid
	}
	return uuid[:keep] + "…"
}
