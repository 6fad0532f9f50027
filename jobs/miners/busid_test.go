package miners

import (
	"encoding/json"
	"testing"
)

var busCases = []struct {
	in, want string
}{
	{"00000000:01:00.0", "0000:01:00.0"},
	{"0000:01:00.0", "0000:01:00.0"},
	{"0000:0A:00.0", "0000:0a:00.0"},
	{"01:00.0", "0000:01:00.0"},
	{"1:0", "0000:01:00.0"},
	{"a:0", "0000:0a:00.0"},
	{"1", "0000:01:00.0"},
	{"10", "0000:0a:00.0"},
	{" 255 ", "0000:ff:00.0"},
	{"PCI:1:0:0", ""},
	{"00000001:81:1f.7", "0001:81:1f.7"},
	{"", ""},
	{"256", ""},
	{"-1", ""},
	{"0000:100:00.0", ""},
	{"0000:01:20.0", ""},
	{"0000:01:00.8", ""},
	{"1:2:3:4", ""},
	{"zz:00.0", ""},
	{"0000:01:", ""},
	{"123456789:01:00.0", ""},
}

func TestNormalizeBusID(t *testing.T) {
	for _, tt := range busCases {
		got, ok := NormalizeBusID(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("NormalizeBusID(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestBusJSON(t *testing.T) {
	for in, want := range map[string]string{
		`"0000:01:00.0"`: "0000:01:00.0", `1`: "0000:01:00.0", `10`: "0000:0a:00.0", `"3"`: "0000:03:00.0",
		`1.5`: "", `-2`: "", `null`: "", `true`: "", `{}`: "", `[1]`: "", `300`: "",
	} {
		var b bus
		if err := json.Unmarshal([]byte(in), &b); err != nil || string(b) != want {
			t.Errorf("bus from %s = %q, %v; want %q", in, b, err, want)
		}
	}
}

func FuzzNormalizeBusID(f *testing.F) {
	for _, tt := range busCases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, ok := NormalizeBusID(s)
		if !ok {
			return
		}
		again, ok2 := NormalizeBusID(id)
		if !ok2 || again != id {
			t.Fatalf("canonical %q from %q does not normalise to itself (%q)", id, s, again)
		}
	})
}

// lolMiner writes the bus in decimal: lolMiner 1.47 answered "19:0" for a
// card lspci shows at 13:00.0 (lolMiner-releases issue #1442). Read as hex
// it named another card, and a bus over 99 none.
func TestLolMinerBusIsDecimal(t *testing.T) {
	for in, want := range map[string]string{
		"1:0": "0000:01:00.0", "10:0": "0000:0a:00.0", "19:0": "0000:13:00.0", "129:0": "0000:81:00.0",
		"255:31": "0000:ff:1f.0", "256:0": "", "0000:13:00.0": "0000:13:00.0", "": "", "x:0": "",
	} {
		if got := lolBusID(in); got != want {
			t.Errorf("lolBusID(%q) = %q, want %q", in, got, want)
		}
	}
}
