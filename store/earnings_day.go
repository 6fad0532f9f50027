package store

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// EarningsByDay totals earnings per calendar day (in from's location) and
// currency, for the days from the one holding from up to to. A record that
// spans midnight is shared between days in proportion to its time in each.
// Days without records are left out.
func (s *Store) EarningsByDay(from, to time.Time) ([]DayEarnings, error) {
	loc := from.Location()
	first := midnight(from, loc)
	recs, err := s.Earnings(first, to)
	if err != nil {
		return nil, fmt.Errorf("totalling earnings per day: %w", err)
	}
	type dayKey struct {
		day      int64
		currency string
	}
	days := map[dayKey]*DayEarnings{}
	for _, r := range recs {
		for day, share := range DaySharesOf(r, loc) {
			if day.Before(first) || !day.Before(to) {
				continue
			}
			k := dayKey{day.Unix(), r.Currency}
			if days[k] == nil {
				days[k] = &DayEarnings{Day: day, Currency: r.Currency}
			}
			days[k].add(r, share)
		}
	}
	out := make([]DayEarnings, 0, len(days))
	for _, d := range days {
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b DayEarnings) int {
		return cmp.Or(a.Day.Compare(b.Day), cmp.Compare(a.Currency, b.Currency))
	})
	return out, nil
}

// DaySharesOf yields each day (its start in loc) r touches and the
// fraction of r in it, as the daily totals share a record out.
func DaySharesOf(r EarningRecord, loc *time.Location) func(yield func(time.Time, float64) bool) {
	return func(yield func(time.Time, float64) bool) {
		total := r.End.Sub(r.Start)
		if total <= 0 {
			yield(midnight(r.Start, loc), 1)
			return
		}
		for day := midnight(r.Start, loc); day.Before(r.End); day = nextDay(day) {
			lo, hi := maxTime(day, r.Start), minTime(nextDay(day), r.End)
			if !yield(day, float64(hi.Sub(lo))/float64(total)) {
				return
			}
		}
	}
}

// DayStart is the start of t's day in t's location: what the earnings
// are totalled by, for a chart that lines its days up with them.
func DayStart(t time.Time) time.Time { return midnight(t, t.Location()) }

// midnight is the start of t's day in loc. Where the clocks jump from
// 00:00 to 01:00 (Santiago, Havana, Asunción), the day has no midnight
// and time.Date gives 23:00 of the day before: the day starts at the jump.
// Where they fall back from 01:00 to 00:00 (Amman and Gaza until 2022),
// the day has two and time.Date may give the second: it starts at the
// first, in the offset that held just before the second.
func midnight(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if start.Day() != d {
		_, start = start.ZoneBounds()
	}
	if before := start.Add(-time.Nanosecond).In(loc); before.Day() == d {
		_, off := before.Zone()
		start = time.Date(y, m, d, 0, 0, 0, 0, time.FixedZone("", off)).In(loc)
	}
	return start
}

// nextDay is the start of the day after day (23 or 25 hours later across
// DST), always after day.
func nextDay(day time.Time) time.Time {
	y, m, d := day.Date()
	return midnight(time.Date(y, m, d+1, 12, 0, 0, 0, day.Location()), day.Location())
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
