package miners

import (
	"fmt"
	"time"
)

// Format names a miner API's answer format.
type Format string

// The formats Parse understands.
const (
	FormatXMRig    Format = "xmrig"    // GET /2/summary
	FormatTRex     Format = "trex"     // GET /summary
	FormatLolMiner Format = "lolminer" // GET /summary, old and new
	FormatGMiner   Format = "gminer"   // GET /stat
	FormatSRBMiner Format = "srbminer" // GET /
)

// Formats lists every format, for a custom miner's settings.
var Formats = []Format{FormatXMRig, FormatTRex, FormatLolMiner, FormatGMiner, FormatSRBMiner}

// Stats is a miner's report, normalised.
type Stats struct {
	Total     float64   // H/s (Sol/s or G/s for algorithms counted so), all GPUs
	GPUs      []GPUStat // per GPU, when the miner reports them
	Accepted  int64     // shares the pool accepted
	Rejected  int64     // shares the pool rejected
	Uptime    time.Duration
	Pool      string
	Algorithm string
}

// GPUStat is one GPU's hashrate as the miner reports it.
type GPUStat struct {
	BusID    string  // canonical PCI bus id (see NormalizeBusID); "" when not reported
	UUID     string  // NVML UUID, when the miner reports it (T-Rex)
	Index    int     // the miner's own device index; for display only
	HashRate float64 // H/s
}

// Parse parses an API answer in the given format.
func Parse(f Format, data []byte) (Stats, error) {
	var (
		s   Stats
		err error
	)
	switch f {
	case FormatXMRig:
		s, err = ParseXMRig(data)
	case FormatTRex:
		s, err = ParseTRex(data)
	case FormatLolMiner:
		s, err = ParseLolMiner(data)
	case FormatGMiner:
		s, err = ParseGMiner(data)
	case FormatSRBMiner:
		s, err = ParseSRBMiner(data)
	default:
		return Stats{}, fmt.Errorf("unknown stats format %q", f)
	}
	if err == nil {
		err = s.plausible()
	}
	if err != nil {
		return Stats{}, fmt.Errorf("reading %s stats: %w", f, err)
	}
	return s, nil
}

// maxHashRate bounds a plausible report: no GPU nears 1e15 H/s on any
// algorithm (a petahash); more is a miner's bug or another program's answer.
const maxHashRate = 1e15

// plausible refuses hash rates no rig has: negative, or beyond maxHashRate.
func (s Stats) plausible() error {
	rates := []float64{s.Total}
	for _, g := range s.GPUs {
		rates = append(rates, g.HashRate)
	}
	for _, r := range rates {
		if r < 0 || r > maxHashRate {
			return fmt.Errorf("a hash rate of %g H/s is not plausible", r)
		}
	}
	return nil
}

// MatchGPUs maps the per-GPU hashrates onto inventory UUIDs: by UUID when
// the miner reports one, else by PCI bus id. GPUs the miner does not report
// are absent from the map.
func MatchGPUs(s Stats, inventory []GPU) map[string]float64 {
	byBus := make(map[string]string, len(inventory))
	known := make(map[string]bool, len(inventory))
	for _, g := range inventory {
		known[g.UUID] = true
		if id, ok := NormalizeBusID(g.BusID); ok {
			byBus[id] = g.UUID
		}
	}
	out := map[string]float64{}
	for _, g := range s.GPUs {
		switch {
		case g.UUID != "" && known[g.UUID]:
			out[g.UUID] += g.HashRate
		case byBus[g.BusID] != "":
			out[byBus[g.BusID]] += g.HashRate
		}
	}
	return out
}

func seconds(n num) time.Duration {
	if !n.OK || n.V < 0 || n.V > 100*365*24*3600 {
		return 0
	}
	return time.Duration(n.V * float64(time.Second))
}

// sumGPUs totals per-GPU rates, for miners without a total field.
func sumGPUs(gpus []GPUStat) float64 {
	var t float64
	for _, g := range gpus {
		t += g.HashRate
	}
	return scaled(t, 1) // rates near the float limit add up past it
}
