package control

import (
	"testing"
	"time"
)

// A job's longest run reads alike in the window's Add-job dialog and after
// `rigshift job add --max`: a bare number is hours in both (the command
// line refused "6" that the window took as 6 hours), and both refuse
// what they cannot read in the same words.
func TestParseMaxRuntime(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"": 0, "  ": 0, "6": 6 * time.Hour, "1.5": 90 * time.Minute, "1,5": 90 * time.Minute,
		"6h": 6 * time.Hour, "90m": 90 * time.Minute, "1h 30m": 90 * time.Minute, " 45s ": 45 * time.Second,
	} {
		if got, err := ParseMaxRuntime(in); err != nil || got != want {
			t.Errorf("%q: %v, %v; want %v", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"soon":        "write a duration such as 6h or 90m, or a number of hours",
		"NaN":         "write a duration such as 6h or 90m, or a number of hours",
		"6 hours":     "write a duration such as 6h or 90m, or a number of hours",
		"1e308":       "that is longer than RigShift can count: leave it empty for no limit",
		"3000000":     "that is longer than RigShift can count: leave it empty for no limit",
		"9999999999h": "that is longer than RigShift can count: leave it empty for no limit",
		"6x":          "write a duration such as 6h or 90m, or a number of hours",
		// 1500 hours to one owner, an hour and a half to another: refused
		// as every other number is, where --max 1,500 was read as 1.5 h.
		"1,500": `"1,500": the comma could group thousands or mark the decimals; write 1500 or 1.5`,
	} {
		if _, err := ParseMaxRuntime(in); err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}
