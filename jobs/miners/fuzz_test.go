package miners

import (
	"math"
	"testing"
)

// fuzzParser seeds a fuzz target with the real shapes in testdata and
// checks what no parser may ever return, whatever it is fed.
func fuzzParser(f *testing.F, parse func([]byte) (Stats, error), seeds ...string) {
	for _, s := range seeds {
		f.Add(fixture(f, s))
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"a":[null,"1",{"b":-1e308}]}`))
	// rates and factors whose products pass the float limit
	f.Add([]byte(`{"Algorithms":[{"Performance_Factor":1e300,"Total_Performance":1e300,"Worker_Performance":[1e300]}]}`))
	f.Add([]byte(`{"Session":{"Performance_Unit":"TH/s","Performance_Summary":1e300},"GPUs":[{"Performance":1e300}]}`))
	f.Add([]byte(`{"devices":[{"speed":1.7e308,"speed_unit":"GH/s"},{"speed":1.7e308}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parse(data)
		if err != nil {
			return
		}
		if bad(s.Total) || s.Accepted < 0 || s.Rejected < 0 || s.Uptime < 0 {
			t.Fatalf("invalid stats %+v", s)
		}
		for _, g := range s.GPUs {
			if bad(g.HashRate) || g.Index < 0 {
				t.Fatalf("invalid GPU %+v", g)
			}
			if g.BusID != "" {
				if id, ok := NormalizeBusID(g.BusID); !ok || id != g.BusID {
					t.Fatalf("bus id %q not canonical", g.BusID)
				}
			}
		}
	})
}

func bad(v float64) bool { return v < 0 || math.IsNaN(v) || math.IsInf(v, 0) }

func FuzzParseXMRig(f *testing.F) {
	fuzzParser(f, ParseXMRig, "xmrig.json", "xmrig_startup.json")
}

func FuzzParseTRex(f *testing.F) { fuzzParser(f, ParseTRex, "trex.json") }

func FuzzParseLolMiner(f *testing.F) {
	fuzzParser(f, ParseLolMiner, "lolminer.json", "lolminer_old.json")
}

func FuzzParseGMiner(f *testing.F) {
	fuzzParser(f, ParseGMiner, "gminer.json", "gminer_numeric.json")
}

func FuzzParseSRBMiner(f *testing.F) {
	fuzzParser(f, ParseSRBMiner, "srbminer.json", "srbminer_old.json")
}
