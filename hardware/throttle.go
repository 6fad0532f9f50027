package hardware

import "strings"

// ThrottleReasons is NVML's bitmask of why the clocks are held down.
type ThrottleReasons uint64

// The reasons, with NVML's bit values (nvmlClocksEventReason*).
const (
	ThrottleIdle           ThrottleReasons = 0x1
	ThrottleAppClocks      ThrottleReasons = 0x2
	ThrottlePowerCap       ThrottleReasons = 0x4
	ThrottleHWSlowdown     ThrottleReasons = 0x8
	ThrottleSyncBoost      ThrottleReasons = 0x10
	ThrottleSWThermal      ThrottleReasons = 0x20
	ThrottleHWThermal      ThrottleReasons = 0x40
	ThrottleHWPowerBrake   ThrottleReasons = 0x80
	ThrottleDisplayClocks  ThrottleReasons = 0x100
	throttleAllKnownReason ThrottleReasons = 0x1ff
)

var throttleWords = []struct {
	bit  ThrottleReasons
	word string
}{
	{ThrottleHWThermal, "overheating (hardware)"},
	{ThrottleSWThermal, "too hot"},
	{ThrottleHWPowerBrake, "power brake"},
	{ThrottleHWSlowdown, "hardware slowdown"},
	{ThrottlePowerCap, "power limit"},
	{ThrottleAppClocks, "clock limit"},
	{ThrottleSyncBoost, "sync boost"},
	{ThrottleDisplayClocks, "display clocks"},
	{ThrottleIdle, "idle"},
}

// Words lists the reasons in plain words, the most serious first.
func (t ThrottleReasons) Words() []string {
	var out []string
	for _, w := range throttleWords {
		if t&w.bit != 0 {
			out = append(out, w.word)
		}
	}
	if t&^throttleAllKnownReason != 0 {
		out = append(out, "other")
	}
	return out
}

// String is the reasons joined for display, or "none".
func (t ThrottleReasons) String() string {
	if t == 0 {
		return "none"
	}
	return strings.Join(t.Words(), ", ")
}

// Hot reports whether the GPU is held down by heat.
func (t ThrottleReasons) Hot() bool { return t&(ThrottleHWThermal|ThrottleSWThermal) != 0 }

// MarshalText writes the words, so JSON stays readable.
func (t ThrottleReasons) MarshalText() ([]byte, error) { return []byte(t.String()), nil }
