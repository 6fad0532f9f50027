package control

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DailyHours is a part of each day, in local time: the hours Mine and Auto
// may mine, or those of a cheaper electricity tariff. The zero value is
// the whole day. A window that crosses midnight (22:00–07:00) is one window.
type DailyHours struct {
	From, Until int // minutes after midnight; equal means the whole day
}

// AllDay reports whether the window is the whole day.
func (h DailyHours) AllDay() bool { return h.From == h.Until }

// Contains reports whether t lies in the window.
func (h DailyHours) Contains(t time.Time) bool {
	if h.AllDay() {
		return true
	}
	m := t.Hour()*60 + t.Minute()
	if h.From < h.Until {
		return m >= h.From && m < h.Until
	}
	return m >= h.From || m < h.Until // across midnight
}

// String is the window as ParseDailyHours reads it, one word that a
// shell passes whole: "22:00-07:00", or "any".
func (h DailyHours) String() string {
	if h.AllDay() {
		return "any"
	}
	return clock(h.From) + "-" + clock(h.Until)
}

// Words is the window as a sentence shows it: "22:00–07:00", or "any time".
func (h DailyHours) Words() string {
	if h.AllDay() {
		return "any time"
	}
	return clock(h.From) + "–" + clock(h.Until)
}

func clock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// MarshalText keeps the window readable in the settings' JSON.
func (h DailyHours) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText reads what MarshalText wrote.
func (h *DailyHours) UnmarshalText(b []byte) error {
	v, err := ParseDailyHours(string(b))
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// ParseDailyHours reads "22:00-07:00" (a dash or an en dash, spaces
// allowed), or "", "any", "any time" or "00:00-24:00" for the whole day.
func ParseDailyHours(s string) (DailyHours, error) {
	return parseHours(s, hoursHints{other: `or "any"`, same: `write "any" to mine all day`})
}

// ParseCheapHours reads the cheaper electricity's hours as ParseDailyHours
// does, and "none", "off" or nothing for none. Its hints say "none": "any",
// all day for mining, reads as cheap at any hour, and the whole day is
// refused: taken for none, it left every hour at the normal price.
func ParseCheapHours(s string) (DailyHours, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "none", "off":
		return DailyHours{}, nil
	}
	h, err := parseHours(s, hoursHints{other: `or "none"`, same: `write "none" for no cheaper hours`})
	if err == nil && h.AllDay() {
		return DailyHours{}, errors.New(`that is the whole day: a price for every hour is the electricity price itself; set that, and "none" here`)
	}
	return h, err
}

// hoursHints end parseHours's complaints: what else may be written, and
// what to write instead of a window that starts as it ends.
type hoursHints struct{ other, same string }

func parseHours(s string, hints hoursHints) (DailyHours, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "", "any", "any time", "always":
		return DailyHours{}, nil
	}
	from, until, ok := strings.Cut(strings.ReplaceAll(s, "–", "-"), "-")
	if !ok {
		return DailyHours{}, fmt.Errorf("%q: write the hours as FROM-UNTIL, e.g. 22:00-07:00, %s", s, hints.other)
	}
	f, err := parseClock(from)
	if err != nil {
		return DailyHours{}, err
	}
	u, err := parseClock(until)
	if err != nil {
		return DailyHours{}, err
	}
	if f == 0 && u == minutesPerDay {
		return DailyHours{}, nil // midnight to midnight: the whole day, as written
	}
	f, u = f%minutesPerDay, u%minutesPerDay // 24:00 ends the window at midnight, where 00:00 starts one
	if f == u {
		return DailyHours{}, fmt.Errorf("%q starts and ends at the same time: %s", s, hints.same)
	}
	return DailyHours{From: f, Until: u}, nil
}

// minutesPerDay is "24:00" as parseClock reads it.
const minutesPerDay = 24 * 60

// parseClock reads "7", "07:00" or "7:30" as minutes after midnight;
// "24:00" is midnight at the end of the day (minutesPerDay), which
// ParseDailyHours tells from the "00:00" that starts one.
func parseClock(s string) (int, error) {
	s = strings.TrimSpace(s)
	hh, mm, hasMinutes := strings.Cut(s, ":")
	h, err := strconv.Atoi(hh)
	m := 0
	if err == nil && hasMinutes {
		if len(mm) != 2 {
			err = fmt.Errorf("two digits of minutes")
		} else {
			m, err = strconv.Atoi(mm)
		}
	}
	if err != nil || h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("%q is not a time of day: write it as HH:MM, e.g. 07:00", s)
	}
	return h*60 + m, nil
}
