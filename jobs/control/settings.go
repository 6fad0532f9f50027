package control

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/rigshift/rigshift/jobs/miners"
)

// Settings are the owner's choices, kept in the store.
type Settings struct {
	// Miner is the miner to run in Mine and Auto modes; Miner.Executable
	// empty means no miner is set up yet.
	Miner miners.Preset `json:"miner"`

	Currency          string  `json:"currency"`            // e.g. "USD"
	ElectricityPerKWh float64 `json:"electricity_per_kwh"` // price of a kWh
	// CheapHours, when set, are the hours of a cheaper tariff (a night
	// rate), in which a kWh costs CheapPerKWh.
	CheapHours    DailyHours `json:"cheap_hours,omitzero"`
	CheapPerKWh   float64    `json:"cheap_per_kwh,omitempty"`
	HostOverheadW float64    `json:"host_overhead_w"` // CPU, board, fans, PSU losses

	// Mining revenue estimate: per MH/s and day for the configured
	// algorithm, or else a fixed amount per GPU and day.
	MiningPerMHsDay float64       `json:"mining_per_mhs_day"`
	MiningPerGPUDay float64       `json:"mining_per_gpu_day"`
	ThermalLimitC   float64       `json:"thermal_limit_c"`
	ResumeBelowC    float64       `json:"resume_below_c"`
	StallAfter      time.Duration `json:"stall_after"`
	// MiningHours is when in the day Mine and Auto may mine (all day when
	// zero; rental jobs are not held by it); MineWhenAwayFor, when set, holds mining until the desktop has
	// had no keyboard or mouse input this long, and stops it when the
	// owner is back. Rental jobs run regardless.
	MiningHours     DailyHours    `json:"mining_hours,omitzero"`
	MineWhenAwayFor time.Duration `json:"mine_when_away_for,omitempty"`
	NoticesOff      []NoticeKind  `json:"notices_off,omitempty"` // kinds the owner turned off
	// GPUsAside are the GPUs (by UUID) the owner keeps out of RigShift's
	// work: no miner and no rental job runs on them (the card that drives
	// the monitors, one kept for games). They are still watched, and their
	// idle draw is still booked. A GPU taken out of the rig stays listed,
	// for when it comes back.
	GPUsAside      []string `json:"gpus_aside,omitempty"`
	StartAtLogin   bool     `json:"start_at_login"`
	StartMinimised bool     `json:"start_minimised"`
	CloseToTray    bool     `json:"close_to_tray"`
}

// DefaultSettings are a newcomer's settings: no miner yet, sensible limits.
func DefaultSettings() Settings {
	return Settings{
		Currency: "USD", ElectricityPerKWh: 0.15, HostOverheadW: 80,
		ThermalLimitC: 83, ResumeBelowC: 70, StallAfter: 2 * time.Minute,
		CloseToTray: true,
	}
}

// PriceAt is what a kWh costs at t: the cheaper tariff's price in its
// hours, else the normal one.
func (s Settings) PriceAt(t time.Time) float64 {
	if !s.CheapHours.AllDay() && s.CheapHours.Contains(t) {
		return s.CheapPerKWh
	}
	return s.ElectricityPerKWh
}

// MinerConfigured reports whether a miner is set up.
func (s Settings) MinerConfigured() bool { return s.Miner.Executable != "" }

// Aside reports whether the owner set the GPU with this UUID aside.
func (s Settings) Aside(uuid string) bool { return slices.Contains(s.GPUsAside, uuid) }

// NoticeOn reports whether the owner wants notices of kind k.
func (s Settings) NoticeOn(k NoticeKind) bool { return !contains(toStrings(s.NoticesOff), string(k)) }

// MinerSetupSaved is what the window and the command line say when a save
// changed the miner: a running RigShift restarts its miners with it.
const MinerSetupSaved = "Saved. The miner uses the new setup from now on: a running one restarts with it."

// MinerChanged reports whether s sets up the miner otherwise than old:
// running miners restart with it, and the event log names it.
// The setups are compared as printed, so that no extra arguments and an
// empty list of them are alike.
func MinerChanged(old, s Settings) bool { return fmt.Sprint(old.Miner) != fmt.Sprint(s.Miner) }

// Validate says what is wrong with the settings, in the owner's words.
// What would keep the miner from starting is a FieldError named "miner."
// and the miner's field ("miner.executable"), checked on this machine:
// the one the miner runs on.
func (s Settings) Validate() error {
	var errs []error
	if msg := unknownMiner(s.Miner); msg != "" {
		errs = append(errs, &FieldError{Field: "miner", Msg: msg})
	} else {
		problems := s.Miner.Problems()
		for _, field := range slices.Sorted(maps.Keys(problems)) {
			errs = append(errs, &FieldError{Field: "miner." + field, Msg: problems[field]})
		}
	}
	for _, v := range []float64{s.ElectricityPerKWh, s.CheapPerKWh, s.HostOverheadW, s.MiningPerMHsDay, s.MiningPerGPUDay, s.ThermalLimitC, s.ResumeBelowC} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errors.New("prices, revenue, overhead and temperatures must be numbers") // the checks below cannot weigh NaN
		}
	}
	if s.StallAfter < MinStallAfter {
		errs = append(errs, &FieldError{Field: "restart-stalled-after", Msg: fmt.Sprintf(
			"restart a stalled miner after %s or more: its stats are read every few seconds, and a shorter wait restarts healthy miners",
			CompactDuration(MinStallAfter))})
	}
	if err := checkAwayFor(s.MineWhenAwayFor); err != nil {
		errs = append(errs, &FieldError{Field: "mine-when-away-for", Msg: err.Error()})
	}
	if slices.Contains(s.GPUsAside, "") {
		errs = append(errs, &FieldError{Field: "gpus-aside", Msg: "a GPU set aside is named by its UUID, and one was empty"})
	}
	if !IsCurrencyCode(s.Currency) {
		errs = append(errs, &FieldError{Field: "currency", Msg: currencyHelp})
	}
	errs = append(errs, negatives(s)...)
	if max(s.ElectricityPerKWh, s.CheapPerKWh, s.MiningPerMHsDay, s.MiningPerGPUDay) > MaxAmount {
		errs = append(errs, fmt.Errorf("prices and revenue above %.0f are no real figure in any currency: is there a typo?", MaxAmount))
	}
	if s.HostOverheadW > MaxHostOverheadW {
		errs = append(errs, &FieldError{Field: "host-overhead-w", Msg: fmt.Sprintf(
			"the host overhead is what the rig draws besides its GPUs: at most %.0f W", MaxHostOverheadW)})
	}
	return errors.Join(append(errs, temperatureErrors(s)...)...)
}

// temperatureErrors names the temperature that is wrong by its key, as the
// other checks do: among several changes the owner should not have to
// guess which of the two it was.
func temperatureErrors(s Settings) []error {
	const outside = "temperature limits must lie between 30 °C and 100 °C"
	var errs []error
	switch {
	case s.ThermalLimitC > 100 || s.ThermalLimitC <= 30:
		errs = append(errs, &FieldError{Field: "pause-at-c", Msg: outside})
	case s.ResumeBelowC >= s.ThermalLimitC:
		errs = append(errs, &FieldError{Field: "resume-below-c", Msg: fmt.Sprintf(
			"the resume temperature (%.0f °C) must be below the limit (%.0f °C)", s.ResumeBelowC, s.ThermalLimitC)})
	}
	if s.ResumeBelowC < 30 {
		errs = append(errs, &FieldError{Field: "resume-below-c", Msg: outside})
	}
	return errs
}

// negatives names each price, revenue or overhead below zero by its key in
// `rigshift settings set`: among several changes the owner would otherwise
// have to search for the minus sign.
func negatives(s Settings) []error {
	var errs []error
	for _, f := range []struct {
		key string
		v   float64
	}{{"electricity-per-kwh", s.ElectricityPerKWh}, {"cheap-per-kwh", s.CheapPerKWh}, {"host-overhead-w", s.HostOverheadW},
		{"mining-per-mhs-day", s.MiningPerMHsDay}, {"mining-per-gpu-day", s.MiningPerGPUDay}} {
		if f.v < 0 {
			errs = append(errs, &FieldError{Field: f.key, Msg: "cannot be negative"})
		}
	}
	return errs
}

// unknownMiner says what is wrong with a miner's setup that names no miner
// RigShift knows (its program set from the command line before the miner
// was chosen): every start would fail with "unknown miner". "" if it names one.
func unknownMiner(p miners.Preset) string {
	if p.Miner == "" && p.Executable == "" || slices.Contains(miners.Miners, p.Miner) {
		return ""
	}
	names := strings.Join(toStrings(miners.Miners), ", ")
	if p.Miner == "" {
		return fmt.Sprintf("say which miner %s is: %s (custom: your own arguments)", p.Executable, names)
	}
	return fmt.Sprintf("RigShift knows no miner %q: choose %s", p.Miner, names)
}

func toStrings[S ~string](kinds []S) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}

// Mining only while the owner is away waits at least MinAwayFor: a shorter
// wait would start the miner while they read, and stop it at the next
// touch of the mouse.
const (
	MinAwayFor = time.Minute
	MaxAwayFor = 24 * time.Hour
)

func checkAwayFor(d time.Duration) error {
	if d != 0 && (d < MinAwayFor || d > MaxAwayFor) {
		return fmt.Errorf("mine after %s to %s away, or 0 to mine whether you are at the computer or not",
			CompactDuration(MinAwayFor), CompactDuration(MaxAwayFor))
	}
	return nil
}

// The largest amount (a price, a revenue, a job's price a GPU-hour) and
// host overhead (a whole farm's) RigShift accepts: far above any real one,
// and low enough that years of them stay a number (a typo's 1e308 makes
// the first hour's cost infinite, which cannot be saved or shown).
const (
	MaxAmount        = 1e9
	MaxHostOverheadW = 10e6
)

// MinStallAfter is the shortest stall time Settings accept: a few of the
// miner API's polls (every 5 s), so that one slow answer is no stall.
const MinStallAfter = 30 * time.Second

// currencyHelp is what the owner is told when a currency is not a code.
const currencyHelp = "write the currency's three-letter code, e.g. USD, EUR or GBP"

// IsCurrencyCode reports whether s looks like an ISO 4217 code, in capitals:
// the money line, the notices and the CSV exports write it beside every
// amount, and the earnings are kept apart by it.
func IsCurrencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
