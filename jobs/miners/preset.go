package miners

import (
	"errors"
	"fmt"
)

// Miner names a miner program.
type Miner string

// The miners RigShift has presets for.
const (
	XMRig    Miner = "xmrig"
	TRex     Miner = "t-rex"
	LolMiner Miner = "lolminer"
	GMiner   Miner = "gminer"
	SRBMiner Miner = "srbminer-multi"
	Custom   Miner = "custom" // user-given args, optional stats URL and format
)

// Miners are the miners a Preset may name.
var Miners = []Miner{XMRig, TRex, LolMiner, GMiner, SRBMiner, Custom}

// Preset is what the owner types to set up a miner.
type Preset struct {
	Miner      Miner
	Executable string // path to the miner program
	Pool       string // "host:port" or "stratum+tcp://host:port" ("stratum+ssl://" for TLS)
	Wallet     string // wallet address or pool user
	Worker     string // rig name shown by the pool; optional
	Password   string // pool password; "x" when empty; redacted in logs
	Algorithm  string // the miner's own algorithm name, e.g. "kawpow"
	APIPort    int    // API port on 127.0.0.1; 0 picks a free one
	APIToken   string // xmrig's API access token; generated when empty
	Extra      []string
	// For Custom only: the whole argument list, and where to read stats.
	Args        []string
	StatsURL    string
	StatsFormat Format
}

// GPU is one inventory line, as the hardware layer reports it.
type GPU struct {
	UUID  string // NVML UUID, "GPU-…"
	BusID string // PCI bus id in any spelling NormalizeBusID accepts
}

// Source says where a miner's stats are read.
type Source struct {
	URL    string
	Format Format
	Token  string // sent as "Authorization: Bearer"; xmrig only
	// Own: the API is one RigShift made its miner open on 127.0.0.1, so
	// only a socket of RigShift's own user may answer (see ownUID).
	Own bool
}

// Launch is what a Preset builds: the process to start and how to watch it.
type Launch struct {
	Path    string
	Args    []string
	Env     []string // added to the inherited environment
	Stats   Source   // zero URL: the miner has no readable API
	Secrets []string // values to redact from logs
	// Config, when set, is a config file that holds the miner's secrets,
	// kept off its command line; its path goes where ConfigFileArg stands
	// in Args.
	Config []byte
}

// ErrUnknownGPU means a selected UUID is not in the inventory.
var ErrUnknownGPU = errors.New("GPU not in the inventory")

// Build makes the launch for the GPUs with the given UUIDs (all GPUs when
// gpus is empty). Device indices passed to the miner are positions in the
// inventory sorted by PCI bus id, with CUDA_DEVICE_ORDER=PCI_BUS_ID set so
// that CUDA numbers devices the same way (T-Rex also gets --pci-indexing),
// and every GPU made visible to CUDA (see everyGPUVisible).
func (p Preset) Build(inventory []GPU, gpus []string) (Launch, error) {
	if p.Executable == "" {
		return Launch{}, errors.New("miner executable not set")
	}
	if p.Miner == Custom {
		return p.custom(inventory, gpus)
	}
	sel, err := selectGPUs(inventory, gpus)
	if err != nil {
		return Launch{}, err
	}
	if err := p.check(); err != nil {
		return Launch{}, err
	}
	if p.APIPort == 0 {
		if p.APIPort, err = FreePort(); err != nil {
			return Launch{}, err
		}
	}
	if p.Miner == XMRig && p.APIToken == "" {
		p.APIToken = newToken()
	}
	return p.launch(sel, len(inventory))
}

// check validates the fields every preset needs.
func (p Preset) check() error {
	switch {
	case p.Pool == "":
		return errors.New("pool not set")
	case p.Wallet == "":
		return errors.New("wallet or pool user not set")
	case p.Algorithm == "" && p.Miner != XMRig:
		return fmt.Errorf("%s needs an algorithm", p.Miner)
	case p.APIPort < 0 || p.APIPort > 65535:
		return fmt.Errorf("API port %d out of range", p.APIPort)
	}
	if _, _, err := splitPool(p.Pool); err != nil {
		return err
	}
	return nil
}

func (p Preset) launch(sel selection, gpus int) (Launch, error) {
	hostport, tls, _ := splitPool(p.Pool)
	b, ok := builders[p.Miner]
	if !ok {
		return Launch{}, fmt.Errorf("unknown miner %q", p.Miner)
	}
	args, src := b(p, hostport, tls, sel)
	var config []byte
	switch {
	case p.Miner == XMRig && !xmrigSetsPoolOrAPI(p.Extra):
		args, config = xmrigWithConfig(p, hostport, tls, sel)
	case p.Miner == TRex && trexFileFits(p):
		args, config = trexWithConfig(p, hostport, tls, sel)
	}
	return Launch{
		Path: p.Executable, Args: append(args, p.Extra...), Config: config,
		Env:     append([]string{CUDAOrderEnv}, everyGPUVisible(gpus)...),
		Stats:   src,
		Secrets: nonEmpty(p.Password, p.APIToken, srbEscape(p.Password)), // the last as SRBMiner-MULTI gets it
	}, nil
}
