package miners

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const (
	bus1  = "0000:01:00.0"
	bus10 = "0000:0a:00.0"
)

// The fixtures have the shape of real answers:
//   - xmrig.json: XMRig 6.18's GET /2/summary (bitcobblers/multiminer,
//     src/__tests__/data/xmrig_summary.txt);
//   - trex.json: T-Rex 0.25.9's GET /summary (cloud-minders/miner-exporter,
//     miner_exporter/collectors/trex_collector.py);
//   - lolminer.json: lolMiner 1.48's GET /summary (bitcobblers/multiminer,
//     src/__tests__/data/lolminer_apiout.txt), PCIE_Address in decimal
//     (Lolliedieb/lolMiner-releases#1442);
//   - gminer.json: GMiner 2.7x's GET /stat, speed in the top-level
//     speed_unit ("H/s"; "Sol/s" for Equihash), bus_id in hex as lspci
//     writes it (minershive/hiveos-linux, hive/miners/gminer/h-stats.sh);
//   - srbminer.json: SRBMiner-MULTI's GET /, gpu_devices[].bus_id a decimal
//     number and per-GPU rates under "gpu<id>" (minershive/hiveos-linux,
//     hive/miners/srbminer/h-stats.sh).
func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file   string
		format Format
		want   Stats
	}{
		{"xmrig.json", FormatXMRig, Stats{Total: 28413370.5, Accepted: 118, Rejected: 2, Uptime: 3725 * time.Second, Pool: "rvn.2miners.com:6060", Algorithm: "kawpow"}},
		{"xmrig_startup.json", FormatXMRig, Stats{Uptime: 4 * time.Second, Pool: "rvn.2miners.com:6060", Algorithm: "kawpow"}},
		{"trex.json", FormatTRex, Stats{Total: 45124690, Accepted: 1520, Rejected: 1, Uptime: 2 * time.Hour, Pool: "stratum+tcp://rvn.2miners.com:6060", Algorithm: "kawpow",
			GPUs: []GPUStat{{BusID: bus1, UUID: "GPU-6f1a2b3c-0000-1111-2222-333344445555", Index: 0, HashRate: 22512345}, {BusID: bus10, UUID: "GPU-7a8b9c0d-0000-1111-2222-333344446666", Index: 1, HashRate: 22612345}}}},
		{"lolminer.json", FormatLolMiner, Stats{Total: 120.5e6, Accepted: 250, Rejected: 2, Uptime: time.Hour, Pool: "etc.2miners.com:1010", Algorithm: "Etchash",
			GPUs: []GPUStat{{BusID: bus1, Index: 0, HashRate: 60.2e6}, {BusID: "0000:13:00.0", Index: 1, HashRate: 60.3e6}}}},
		{"lolminer_old.json", FormatLolMiner, Stats{Total: 65.1, Accepted: 4, Rejected: 1, Uptime: 140 * time.Second, Pool: "na.aionmine.org:3333", Algorithm: "Equihash 210/9",
			GPUs: []GPUStat{{BusID: bus1, Index: 0, HashRate: 65.1}}}},
		{"gminer.json", FormatGMiner, Stats{Total: 250e6, Accepted: 300, Rejected: 3, Uptime: 7201 * time.Second, Pool: "stratum+tcp://ergo.2miners.com:8888", Algorithm: "Autolykos2",
			GPUs: []GPUStat{{BusID: bus1, Index: 0, HashRate: 124.5e6}, {BusID: bus10, Index: 1, HashRate: 125.5e6}}}},
		{"gminer_numeric.json", FormatGMiner, Stats{Total: 60.3e6, Accepted: 5, Uptime: time.Minute, Pool: "eth.2miners.com:2020", Algorithm: "Ethash",
			GPUs: []GPUStat{{BusID: bus1, Index: 0, HashRate: 30.1e6}, {BusID: bus10, Index: 1, HashRate: 30.2e6}}}},
		{"srbminer.json", FormatSRBMiner, Stats{Total: 45000000.5, Accepted: 100, Rejected: 1, Uptime: 2 * time.Hour, Pool: "rvn.2miners.com:6060", Algorithm: "kawpow",
			GPUs: []GPUStat{{BusID: bus1, Index: 0, HashRate: 22000000.25}, {BusID: bus10, Index: 1, HashRate: 23000000.25}}}},
		{"srbminer_old.json", FormatSRBMiner, Stats{Total: 1234.5, Accepted: 3, Uptime: 10 * time.Minute, Pool: "pool.supportxmr.com:3333", Algorithm: "randomx"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := Parse(tt.format, fixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestParseTolerant feeds answers that real miners give while starting,
// after upgrades, or when something is off: no panic, no error unless the
// answer is not a JSON object, and nothing made up.
func TestParseTolerant(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		in     string
		total  float64
		err    bool
	}{
		{"xmrig all null", FormatXMRig, `{"hashrate":{"total":[null,null,null]}}`, 0, false},
		{"xmrig 60s only", FormatXMRig, `{"hashrate":{"total":[null,512.5,null]}}`, 512.5, false},
		// xmrig nulls an average once its window holds no hashes: a miner
		// that stopped hashing keeps a 15 min average for 15 min.
		{"xmrig stalled, 15 min average left", FormatXMRig, `{"hashrate":{"total":[null,null,28413370.5]}}`, 0, false},
		{"xmrig string number", FormatXMRig, `{"hashrate":{"total":["77.5"]}}`, 77.5, false},
		{"xmrig total not a list", FormatXMRig, `{"hashrate":{"total":5},"uptime":9}`, 0, false},
		{"xmrig negative", FormatXMRig, `{"hashrate":{"total":[-5]}}`, 0, false},
		{"trex minute fallback", FormatTRex, `{"hashrate_minute":1000}`, 1000, false},
		{"trex gpus wrong type", FormatTRex, `{"hashrate":5,"gpus":{"a":1}}`, 5, false},
		{"trex gpu bus negative", FormatTRex, `{"gpus":[{"pci_bus":-1,"hashrate":3}]}`, 0, false},
		{"lolminer no factor", FormatLolMiner, `{"Algorithms":[{"Performance_Unit":"kh/s","Total_Performance":2}]}`, 2000, false},
		{"lolminer empty algorithms", FormatLolMiner, `{"Algorithms":[],"Session":{"Performance_Summary":3}}`, 3, false},
		{"lolminer more workers than perf", FormatLolMiner, `{"Algorithms":[{"Performance_Factor":1,"Total_Performance":1,"Worker_Performance":[1]}],"Workers":[{},{}]}`, 1, false},
		{"gminer unit", FormatGMiner, `{"speed_unit":"MH/s","devices":[{"speed":2},{"speed":"3"}]}`, 5e6, false},
		{"gminer bus object", FormatGMiner, `{"devices":[{"bus_id":{"x":1},"speed":4}]}`, 4, false},
		{"srbminer now object", FormatSRBMiner, `{"algorithms":[{"hashrate":{"now":{"total":9}}}]}`, 9, false},
		{"srbminer bad gpu keys", FormatSRBMiner, `{"algorithms":[{"hashrate":{"gpu":{"gpux":1,"gpu-1":2,"total":3}}}]}`, 3, false},
		{"empty object", FormatTRex, `{}`, 0, false},
		{"empty", FormatTRex, ``, 0, true},
		{"html error page", FormatGMiner, `<html>403</html>`, 0, true},
		{"array", FormatSRBMiner, `[1,2]`, 0, true},
		{"truncated", FormatLolMiner, `{"Algorithms":[{"Total_Performance":`, 0, true},
		{"huge number", FormatXMRig, `{"hashrate":{"total":[1e400]}}`, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(tt.format, []byte(tt.in))
			if (err != nil) != tt.err {
				t.Fatalf("err = %v, want error %v", err, tt.err)
			}
			if s.Total != tt.total {
				t.Fatalf("Total = %v, want %v", s.Total, tt.total)
			}
		})
	}
}

func TestParseUnknownFormat(t *testing.T) {
	if _, err := Parse("nbminer", []byte(`{}`)); err == nil || !strings.Contains(err.Error(), "unknown") {
		t.Fatalf("err = %v", err)
	}
}

func TestMatchGPUs(t *testing.T) {
	inv := []GPU{
		{UUID: "GPU-a", BusID: "00000000:01:00.0"},
		{UUID: "GPU-b", BusID: "00000000:0A:00.0"},
		{UUID: "GPU-c", BusID: "00000000:0B:00.0"},
	}
	s, _ := ParseGMiner(fixture(t, "gminer_numeric.json"))
	got := MatchGPUs(s, inv)
	if len(got) != 2 || got["GPU-a"] != 30.1e6 || got["GPU-b"] != 30.2e6 {
		t.Fatalf("MatchGPUs = %v", got)
	}
	s = Stats{GPUs: []GPUStat{{UUID: "GPU-c", BusID: bus1, HashRate: 7}, {UUID: "GPU-zz", BusID: "", HashRate: 9}}}
	if got := MatchGPUs(s, inv); len(got) != 1 || got["GPU-c"] != 7 {
		t.Fatalf("UUID match = %v", got)
	}
}

// T-Rex writes a card's UUID as 32 hex digits, without NVML's "GPU-" and
// dashes ("uuid": "3e95c8ebee1ca0d490c7a000a27f4c55" in a T-Rex 0.25.9
// /summary, cloud-minders/miner-exporter, miner_exporter/collectors/
// trex_collector.py), so matching by UUID never found a card: a card
// whose bus id NVML could not read got no hashrate from it.
func TestMatchGPUsTRexUUID(t *testing.T) {
	s, err := ParseTRex(fixture(t, "trex.json"))
	if err != nil {
		t.Fatal(err)
	}
	inv := []GPU{
		{UUID: "GPU-6f1a2b3c-0000-1111-2222-333344445555"},
		{UUID: "GPU-7a8b9c0d-0000-1111-2222-333344446666"},
	}
	if got := MatchGPUs(s, inv); len(got) != 2 || got[inv[0].UUID] != 22512345 || got[inv[1].UUID] != 22612345 {
		t.Errorf("MatchGPUs by UUID = %v", got)
	}
	for in, want := range map[string]string{
		"3E95C8EBEE1CA0D490C7A000A27F4C55":         "GPU-3e95c8eb-ee1c-a0d4-90c7-a000a27f4c55",
		"GPU-3e95c8eb-ee1c-a0d4-90c7-a000a27f4c55": "GPU-3e95c8eb-ee1c-a0d4-90c7-a000a27f4c55",
		"3e95c8eb": "3e95c8eb",
		"":         "",
	} {
		if got := nvmlUUID(in); got != want {
			t.Errorf("nvmlUUID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnitFactor(t *testing.T) {
	for u, want := range map[string]float64{
		"H/s": 1, "h/s": 1, "kH/s": 1e3, "Mh/s": 1e6, "MH/s": 1e6, "GH/s": 1e9, "Th/s": 1e12,
		"Sol/s": 1, "kSol/s": 1e3, "G/s": 1, "g/s": 1, "Mg/s": 1e6, "": 1, "k": 1, "weird": 1,
	} {
		if got := unitFactor(u); got != want {
			t.Errorf("unitFactor(%q) = %v, want %v", u, got, want)
		}
	}
}

// A miner's answer with an absurd hash rate (a bug, or another program
// on its port) is refused: summed over the rig, 1e308 H/s overflowed to
// +Inf, and the status could not be encoded, so 'rigshift status' failed.
func TestParseRefusesAnAbsurdHashRate(t *testing.T) {
	body := `{"hashrate": {"total": [1e308, 1e308, null]}}`
	if s, err := Parse(FormatXMRig, []byte(body)); err == nil {
		t.Errorf("%s: took %v H/s", body, s.Total)
	}
	if s, err := Parse(FormatXMRig, []byte(`{"hashrate": {"total": [-5, -5, null]}}`)); err == nil && s.Total < 0 {
		t.Errorf("a negative hash rate taken: %v H/s", s.Total)
	}
	if _, err := Parse(FormatXMRig, []byte(`{"hashrate": {"total": [61.2e6, 61e6, null]}}`)); err != nil {
		t.Errorf("a real hash rate refused: %v", err)
	}
}
