package control

import (
	"math"
	"reflect"
	"slices"
	"strings"
)

// Repaired returns s with each value that Validate refuses put back to its
// default, and whether anything was. Settings saved by an older RigShift,
// which checked less, or edited by hand, would otherwise run as they are:
// a stall time of 5 s restarts healthy miners, a limit of 0 °C pauses every
// GPU. The miner's own setup is left alone: what keeps it from starting
// (a program not found) can heal, and is told at each start.
func (s Settings) Repaired() (Settings, bool) {
	d := DefaultSettings()
	r := s
	r.Currency = repairedCurrency(r.Currency, d.Currency)
	amount := func(v *float64, def, most float64) {
		if math.IsNaN(*v) || math.IsInf(*v, 0) || *v < 0 || *v > most {
			*v = def
		}
	}
	amount(&r.ElectricityPerKWh, d.ElectricityPerKWh, MaxAmount)
	amount(&r.CheapPerKWh, d.CheapPerKWh, MaxAmount)
	amount(&r.MiningPerMHsDay, d.MiningPerMHsDay, MaxAmount)
	amount(&r.MiningPerGPUDay, d.MiningPerGPUDay, MaxAmount)
	amount(&r.HostOverheadW, d.HostOverheadW, MaxHostOverheadW)
	r.ThermalLimitC, r.ResumeBelowC = repairedTemperatures(r.ThermalLimitC, r.ResumeBelowC, d)
	if r.StallAfter < MinStallAfter {
		r.StallAfter = d.StallAfter
	}
	if checkAwayFor(r.MineWhenAwayFor) != nil {
		r.MineWhenAwayFor = d.MineWhenAwayFor
	}
	if slices.Contains(r.GPUsAside, "") {
		r.GPUsAside = slices.DeleteFunc(slices.Clone(r.GPUsAside), func(u string) bool { return u == "" })
	}
	return r, !reflect.DeepEqual(s, r)
}

// repairedTemperatures keeps a limit inside 30–100 °C and a resume
// temperature below it by the defaults' gap, so that a limit the owner
// chose stays when only the resume temperature was wrong.
func repairedTemperatures(limit, resume float64, d Settings) (float64, float64) {
	if math.IsNaN(limit) || limit <= 30 || limit > 100 {
		limit = d.ThermalLimitC
	}
	if math.IsNaN(resume) || resume < 30 || resume >= limit {
		resume = max(30, min(d.ResumeBelowC, limit-(d.ThermalLimitC-d.ResumeBelowC)))
	}
	return limit, resume
}

// repairedCurrency reads a code in any case ("eur"), or a symbol the money
// line writes ("€"), as its code; anything else is the default, which the
// event log then names.
func repairedCurrency(c, def string) string {
	c = strings.ToUpper(strings.TrimSpace(c))
	if IsCurrencyCode(c) {
		return c
	}
	for code, sym := range currencySymbols {
		if sym == c {
			return code
		}
	}
	return def
}
