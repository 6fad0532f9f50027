package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/store"
)

// eventGroup is what the event log can be narrowed to.
type eventGroup int

const (
	groupAll eventGroup = iota
	groupProblems
	groupModes
	groupJobs
	groupRig // the GPUs and the miner
)

// eventGroups are the filter's choices, in its order.
var eventGroups = []struct {
	group eventGroup
	name  string
}{
	{groupAll, "All events"},
	{groupProblems, "Problems only"},
	{groupModes, "Mode changes"},
	{groupJobs, "Rental jobs"},
	{groupRig, "GPUs and miner"},
}

// severity is what an event means to the owner: a problem is red at a
// glance, a warning amber, good news green.
type severity int

const (
	sevInfo severity = iota
	sevGood
	sevWarning
	sevProblem
)

// eventLook is how the log shows one kind of event.
type eventLook struct {
	title string
	icon  func() fyne.Resource // looked up when shown: the theme may change
	sev   severity
	group eventGroup
}

// eventLooks are the kinds RigShift records (store.EventKind*, and the
// notices it sent), in words.
var eventLooks = map[string]eventLook{
	store.EventKindMode:                  {"Mode", autoGlyph, sevInfo, groupModes},
	noticeKind(control.NoticeModeChange): {"Auto", autoGlyph, sevInfo, groupModes},
	store.EventKindJobStarted:            {"Job started", rentGlyph, sevInfo, groupJobs},
	noticeKind(control.NoticeJobDone):    {"Job finished", theme.ConfirmIcon, sevGood, groupJobs},
	noticeKind(control.NoticeJobFailed):  {"Job failed", theme.ErrorIcon, sevProblem, groupJobs},
	noticeKind(control.NoticeThermal):    {"Heat", theme.WarningIcon, sevWarning, groupRig},
	noticeKind(control.NoticeGPULost):    {"GPU lost", theme.ErrorIcon, sevProblem, groupRig},
	noticeKind(control.NoticeMinerDown):  {"Miner stopped", theme.ErrorIcon, sevProblem, groupRig},
	store.EventKindRestart:               {"Restart", theme.ViewRefreshIcon, sevWarning, groupRig},
	store.EventKindMinerFailed:           {"Miner failed", theme.ErrorIcon, sevProblem, groupRig},
	store.EventKindGPUBusy:               {"GPU busy", theme.WarningIcon, sevWarning, groupRig},
	store.EventKindGPUFree:               {"GPU free", theme.ConfirmIcon, sevGood, groupRig},
}

func noticeKind(k control.NoticeKind) string { return store.EventKindNotice + string(k) }

func autoGlyph() fyne.Resource { return autoIcon }
func rentGlyph() fyne.Resource { return rentIcon }

// lookOf is e's look; a kind this version does not know (written by a
// newer one) still shows, by its own name.
func lookOf(e Event) eventLook {
	look, ok := eventLooks[e.Kind]
	if !ok {
		name := strings.ReplaceAll(strings.TrimPrefix(e.Kind, store.EventKindNotice), "-", " ")
		look = eventLook{title: upperFirst(name), icon: theme.InfoIcon}
	}
	return look
}

// iconOf is the icon of e's row, tinted by how serious it is; a mode
// change shows the mode's own glyph.
func iconOf(e Event, look eventLook) fyne.Resource {
	icon := look.icon()
	if e.Kind == store.EventKindMode {
		if m, err := control.ParseMode(e.Message); err == nil {
			icon = modeIcon(m)
		}
	}
	return tinted(icon, look.sev)
}

// in reports whether an event of this look belongs in g.
func (l eventLook) in(g eventGroup) bool {
	switch g {
	case groupAll:
		return true
	case groupProblems:
		return l.sev >= sevWarning
	}
	return l.group == g
}

// tinted colours an icon by severity, so problems stand out in a long log.
func tinted(icon fyne.Resource, sev severity) fyne.Resource {
	if colour, ok := sevColours[sev]; ok {
		return theme.NewColoredResource(icon, colour)
	}
	return icon
}

var sevColours = map[severity]fyne.ThemeColorName{
	sevProblem: theme.ColorNameError,
	sevWarning: theme.ColorNameWarning,
	sevGood:    theme.ColorNameSuccess,
}

// modeEventText says a mode change in words: the mode and who chose it.
// Messages of older versions ("resumed in auto mode") show as written.
func modeEventText(e Event) string {
	m, err := control.ParseMode(e.Message)
	if err != nil {
		return e.Message
	}
	name := m.Title()
	switch control.Reason(e.Reason) {
	case control.ReasonUser:
		return "Switched to " + name + ", by you"
	case control.ReasonRestore:
		return "Started in " + name + ", the mode RigShift was in when it last ran"
	case "":
		return "Switched to " + name
	}
	return "Switched to " + name + " (" + e.Reason + ")"
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
