package miners

import (
	"net/url"
	"slices"
	"strings"

	"github.com/rigshift/rigshift/jobs/proc"
)

// Problems says, field by field and in the owner's words, what would keep
// the miner from starting, so that a settings form can show each next to
// its field when the owner saves rather than as a crash loop when mining
// starts. Keys are "executable", "pool", "wallet", "algorithm" and
// "stats". An empty preset (no miner set up) has none.
func (p Preset) Problems() map[string]string {
	out := map[string]string{}
	if p.Miner == "" && p.Executable == "" {
		return out
	}
	if p.Executable == "" {
		out["executable"] = "write where the miner's program is, e.g. " + p.Miner.ExampleProgram()
	} else if msg := proc.ProgramProblem(p.Executable, "", nil); msg != "" {
		out["executable"] = msg
	}
	if p.Miner == Custom {
		if msg := statsProblem(p.StatsURL, p.StatsFormat); msg != "" {
			out["stats"] = msg
		}
		return out
	}
	if strings.TrimSpace(p.Pool) == "" {
		out["pool"] = "write the pool's address, e.g. stratum+tcp://pool.example:4444"
	} else if _, _, err := splitPool(p.Pool); err != nil {
		out["pool"] = "write the pool as host:port, e.g. stratum+tcp://pool.example:4444"
	}
	if strings.TrimSpace(p.Wallet) == "" {
		out["wallet"] = "write your wallet address, or your user name at the pool"
	}
	if strings.TrimSpace(p.Algorithm) == "" && p.Miner != XMRig {
		out["algorithm"] = "write the algorithm as the miner names it, e.g. " + p.Miner.ExampleAlgorithm()
	}
	srbSeparators(p, out)
	return out
}

// srbSeparators refuses ';' and '!' in SRBMiner's wallet and worker: it
// reads them as the start of another algorithm's or pool's (see srbEscape),
// and would mine to a wallet cut in two. The password, where they are
// common, is escaped instead.
func srbSeparators(p Preset, out map[string]string) {
	if p.Miner != SRBMiner {
		return
	}
	for field, v := range map[string]string{"wallet": p.Wallet, "worker": p.Worker} {
		if strings.ContainsAny(v, ";!") && out[field] == "" {
			out[field] = "SRBMiner reads ; and ! as the start of another pool's " + field + ": write it without them"
		}
	}
}

// examples are where each miner's program usually lies and an algorithm it
// mines, for the hints and messages that say what to write: T-Rex's for
// every miner sent an XMRig owner looking for /opt/t-rex/t-rex.
var examples = map[Miner][2]string{
	XMRig:    {"/opt/xmrig/xmrig", "rx/0"},
	TRex:     {"/opt/t-rex/t-rex", "kawpow"},
	LolMiner: {"/opt/lolminer/lolMiner", "ETCHASH"},
	GMiner:   {"/opt/gminer/miner", "kawpow"},
	SRBMiner: {"/opt/srbminer/SRBMiner-MULTI", "kawpow"},
}

// ExampleProgram is where m's program usually lies.
func (m Miner) ExampleProgram() string {
	if e, ok := examples[m]; ok {
		return e[0]
	}
	return "/path/to/your/miner"
}

// ExampleAlgorithm is an algorithm m mines, as m names it.
func (m Miner) ExampleAlgorithm() string {
	if e, ok := examples[m]; ok {
		return e[1]
	}
	return "kawpow"
}

// statsProblem checks a custom miner's optional stats address, and that
// the format of its answers is one RigShift reads.
func statsProblem(raw string, f Format) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(strings.ReplaceAll(raw, "{port}", "1"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "write an http address, e.g. http://127.0.0.1:{port}/summary"
	}
	if !slices.Contains(Formats, f) {
		return "pick the format of its answers: " + formatList()
	}
	return ""
}

func formatList() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}
