package control

import (
	"fmt"
	"strings"
	"time"

	"github.com/rigshift/rigshift/store"
)

// ChangeEvent is the event log's entry for a save that changed old into
// s, and false when nothing it tells of changed: what the running
// RigShift records, for `settings set` to record as much while it is
// stopped.
func ChangeEvent(old, s Settings) (store.Event, bool) {
	change := settingsChange(old, s)
	return store.Event{Kind: store.EventKindSettings, Message: change}, change != ""
}

// settingsChange says in words what a save changed, for the event log:
// "why did the GPUs pause at 75 °C?" is answered there. Secrets and the
// window's own choices (start at login, the tray) are left out.
func settingsChange(old, s Settings) string {
	var parts []string
	add := func(changed bool, what string, args ...any) {
		if changed {
			parts = append(parts, fmt.Sprintf(what, args...))
		}
	}
	switch {
	case old.Miner.Miner != s.Miner.Miner:
		add(true, "the miner (%s → %s)", minerName(old), minerName(s))
	case MinerChanged(old, s):
		add(true, "the %s setup", minerName(s))
	}
	add(old.Currency != s.Currency, "the currency (%s → %s)", old.Currency, s.Currency)
	add(old.ElectricityPerKWh != s.ElectricityPerKWh, "the electricity price (%g → %g %s/kWh)",
		old.ElectricityPerKWh, s.ElectricityPerKWh, s.Currency)
	add(old.CheapHours != s.CheapHours || (!s.CheapHours.AllDay() && old.CheapPerKWh != s.CheapPerKWh),
		"the cheaper electricity (%s → %s)", tariffWords(old), tariffWords(s))
	add(old.HostOverheadW != s.HostOverheadW, "the host overhead (%g → %g W)", old.HostOverheadW, s.HostOverheadW)
	add(old.MiningPerMHsDay != s.MiningPerMHsDay || old.MiningPerGPUDay != s.MiningPerGPUDay, "the mining revenue estimate")
	add(old.ThermalLimitC != s.ThermalLimitC, "pause at %g → %g °C", old.ThermalLimitC, s.ThermalLimitC)
	add(old.ResumeBelowC != s.ResumeBelowC, "resume below %g → %g °C", old.ResumeBelowC, s.ResumeBelowC)
	add(old.StallAfter != s.StallAfter, "restart a stalled miner after %s → %s",
		CompactDuration(old.StallAfter), CompactDuration(s.StallAfter))
	add(old.MiningHours != s.MiningHours, "the mining hours (%s → %s)", old.MiningHours.Words(), s.MiningHours.Words())
	add(old.MineWhenAwayFor != s.MineWhenAwayFor, "mine only while you are away (%s → %s)",
		awayWords(old.MineWhenAwayFor), awayWords(s.MineWhenAwayFor))
	switched := switchedNotices(old, s)
	add(switched != "", "the notifications (%s)", switched) // the same switches in another order are no change
	if len(parts) == 0 {
		return ""
	}
	return "Changed " + strings.Join(parts, ", ")
}

// switchedNotices names the notifications turned off and on, as the
// settings' switches say them: "off: a GPU was lost; on: …".
func switchedNotices(old, s Settings) string {
	var off, on []string
	for _, k := range NoticeKinds() {
		label := strings.ToLower(k.Label()[:1]) + k.Label()[1:]
		switch {
		case old.NoticeOn(k) && !s.NoticeOn(k):
			off = append(off, label)
		case !old.NoticeOn(k) && s.NoticeOn(k):
			on = append(on, label)
		}
	}
	var parts []string
	if len(off) > 0 {
		parts = append(parts, "off: "+strings.Join(off, "; "))
	}
	if len(on) > 0 {
		parts = append(parts, "on: "+strings.Join(on, "; "))
	}
	return strings.Join(parts, "; ")
}

func minerName(s Settings) string {
	if s.Miner.Miner == "" {
		return "none"
	}
	return string(s.Miner.Miner)
}

// awayWords is the away setting in a few words: "after 10m" or "off".
func awayWords(d time.Duration) string {
	if d == 0 {
		return "off"
	}
	return "after " + CompactDuration(d)
}

// tariffWords is the cheaper tariff in a few words: "0.12 USD/kWh 22:00–07:00" or "none".
func tariffWords(s Settings) string {
	if s.CheapHours.AllDay() {
		return "none"
	}
	return fmt.Sprintf("%g %s/kWh %s", s.CheapPerKWh, s.Currency, s.CheapHours.Words())
}
