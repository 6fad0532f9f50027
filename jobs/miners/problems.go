package miners

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strings"
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
	if msg := ProgramProblem(p.Executable); msg != "" {
		out["executable"] = msg
	}
	if p.Miner == Custom {
		if msg := statsProblem(p.StatsURL); msg != "" {
			out["stats"] = msg
		}
		return out
	}
	switch {
	case strings.TrimSpace(p.Pool) == "":
		out["pool"] = "write the pool's address, e.g. stratum+tcp://pool.example:4444"
	default:
		if _, _, err := splitPool(p.Pool); err != nil {
			out["pool"] = "write the pool as host:port, e.g. stratum+tcp://pool.example:4444"
		}
	}
	if strings.TrimSpace(p.Wallet) == "" {
		out["wallet"] = "write your wallet address, or your user name at the pool"
	}
	if strings.TrimSpace(p.Algorithm) == "" && p.Miner != XMRig {
		out["algorithm"] = "write the algorithm as " + string(p.Miner) + " names it, e.g. kawpow"
	}
	return out
}

// ProgramProblem says why path cannot be run as a miner, or "" when it
// can. A bare name is looked up in PATH, as starting the miner would.
func ProgramProblem(path string) string {
	path = strings.TrimSpace(path)
	if path == "" {
		return "write where the miner's program is, e.g. /opt/t-rex/t-rex"
	}
	if !strings.ContainsRune(path, os.PathSeparator) && !strings.ContainsRune(path, '/') {
		if _, err := exec.LookPath(path); err != nil {
			return "no program called " + path + " is on the PATH: write its full path"
		}
		return ""
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "there is no program at " + path
	case err != nil:
		return "cannot look at " + path + ": " + err.Error()
	case fi.IsDir():
		return path + " is a folder: write the miner's program inside it"
	case runtime.GOOS != "windows" && fi.Mode().Perm()&0o111 == 0:
		return path + " is not executable: run chmod +x " + path
	}
	return ""
}

// statsProblem checks a custom miner's optional stats address.
func statsProblem(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(strings.ReplaceAll(raw, "{port}", "1"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "write an http address, e.g. http://127.0.0.1:{port}/summary"
	}
	return ""
}
