package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/store"
)

// eventFilter is what the event log can be narrowed to.
type eventFilter struct {
	name string
	in   func(control.EventKind) bool
	none string // what the log says when the filter leaves nothing
}

// eventFilters are the filter's choices, in its order.
var eventFilters = []eventFilter{
	{"All events", func(control.EventKind) bool { return true }, "Nothing has happened yet"},
	{"Problems only", func(k control.EventKind) bool { return k.Severity >= control.EventWarning }, "No problems"},
	{"Mode changes", inGroup(control.EventModes), "No mode changes"},
	{"Rental jobs", inGroup(control.EventJobs), "No rental jobs started or ended"},
	{"GPUs and miner", inGroup(control.EventRig), "Nothing about the GPUs or the miner"},
}

func inGroup(g control.EventGroup) func(control.EventKind) bool {
	return func(k control.EventKind) bool { return k.Group == g }
}

// eventIcons are the glyphs of the kinds; any other kind shows Info.
var eventIcons = map[string]func() fyne.Resource{
	store.EventKindMode:                  func() fyne.Resource { return autoIcon },
	control.NoticeModeChange.EventKind(): func() fyne.Resource { return autoIcon },
	store.EventKindJobStarted:            func() fyne.Resource { return rentIcon },
	store.EventKindJobRequeued:           theme.ViewRefreshIcon,
	control.NoticeJobDone.EventKind():    theme.ConfirmIcon,
	control.NoticeJobFailed.EventKind():  theme.ErrorIcon,
	control.NoticeThermal.EventKind():    theme.WarningIcon,
	control.NoticeGPULost.EventKind():    theme.ErrorIcon,
	control.NoticeMinerDown.EventKind():  theme.ErrorIcon,
	store.EventKindRestart:               theme.ViewRefreshIcon,
	store.EventKindMinerFailed:           theme.ErrorIcon,
	store.EventKindGPUBusy:               theme.WarningIcon,
	store.EventKindGPUCooled:             theme.ConfirmIcon,
	store.EventKindSettings:              theme.SettingsIcon,
	store.EventKindGPUFree:               theme.ConfirmIcon,
	store.EventKindMiningHeld:            theme.HistoryIcon,
	store.EventKindTariff:                theme.HistoryIcon,
	store.EventKindMiningFreed:           func() fyne.Resource { return mineIcon },
	control.NoticeMiningSoon.EventKind(): func() fyne.Resource { return mineIcon },
	store.EventKindGPUAside:              theme.VisibilityOffIcon, // as on the card set aside
	store.EventKindGPUInUse:              theme.VisibilityIcon,
	store.EventKindCrashed:               theme.ErrorIcon,
}

// eventIcon is the icon of e's row, tinted by how serious it is; a mode
// change shows the mode's own glyph. Icons are looked up as they are
// shown: the theme may have changed.
func eventIcon(e Event) fyne.Resource {
	icon := theme.InfoIcon()
	if look, ok := eventIcons[e.Kind]; ok {
		icon = look()
	}
	if e.Kind == store.EventKindMode {
		if m, err := control.ParseMode(e.Message); err == nil {
			icon = modeIcon(m)
		}
	}
	if colour, ok := severityColours[control.DescribeEvent(e.Kind).Severity]; ok {
		return theme.NewColoredResource(icon, colour)
	}
	return icon
}

// severityColours make problems stand out in a long log.
var severityColours = map[control.EventSeverity]fyne.ThemeColorName{
	control.EventProblem: theme.ColorNameError,
	control.EventWarning: theme.ColorNameWarning,
	control.EventGood:    theme.ColorNameSuccess,
}
