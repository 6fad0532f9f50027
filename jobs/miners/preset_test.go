package miners

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// inventory is listed out of bus order on purpose: device indices follow
// the bus, not the list.
var inventory = []GPU{
	{UUID: "GPU-c", BusID: "00000000:0B:00.0"},
	{UUID: "GPU-a", BusID: "00000000:01:00.0"},
	{UUID: "GPU-b", BusID: "00000000:0A:00.0"},
}

func base(m Miner) Preset {
	return Preset{
		Miner: m, Executable: "/opt/miner/bin", Pool: "stratum+tcp://rvn.2miners.com:6060",
		Wallet: "RWallet", Worker: "rig01", Password: "poolpw", Algorithm: "kawpow", APIPort: 4444,
	}
}

func TestPresetArgs(t *testing.T) {
	tests := []struct {
		miner Miner
		want  []string
		url   string
	}{
		// The pool and the API are in its config file: TestXMRigSecretsStayOffItsCommandLine.
		{XMRig, []string{"--no-cpu", "--cuda", "--cuda-devices=0,2", "--no-color", "--config=" + ConfigFileArg},
			"http://127.0.0.1:4444/2/summary"},
		// The pool is in its config file: TestTRexSecretsStayOffItsCommandLine.
		{TRex, []string{"-a", "kawpow", "-c", ConfigFileArg, "-w", "rig01",
			"--api-bind-http", "127.0.0.1:4444", "--api-bind-telnet", "0", "--api-read-only", "--no-watchdog", "--no-color", "--pci-indexing", "-d", "0,2"},
			"http://127.0.0.1:4444/summary"},
		{LolMiner, []string{"--algo", "kawpow", "--pool", "rvn.2miners.com:6060", "--user", "RWallet.rig01", "--pass", "poolpw",
			"--apihost", "127.0.0.1", "--apiport", "4444", "--watchdog", "exit", "--nocolor", "--devicesbypcie", "--devices", "1:0,11:0"},
			"http://127.0.0.1:4444/summary"},
		{GMiner, []string{"--algo", "kawpow", "--server", "rvn.2miners.com:6060", "--user", "RWallet.rig01", "--pass", "poolpw",
			"--api", "4444", "--watchdog", "0", "--color", "0", "--opencl", "0", "--devices", "0", "2"},
			"http://127.0.0.1:4444/stat"},
		{SRBMiner, []string{"--algorithm", "kawpow", "--pool", "rvn.2miners.com:6060", "--wallet", "RWallet", "--password", "poolpw", "--worker", "rig01",
			"--disable-cpu", "--disable-gpu-amd", "--disable-gpu-intel", "--api-enable", "--api-port", "4444", "--gpu-id", "0,2"},
			"http://127.0.0.1:4444/"},
	}
	for _, tt := range tests {
		t.Run(string(tt.miner), func(t *testing.T) {
			p := base(tt.miner)
			p.APIToken = "tok123"
			l, err := p.Build(inventory, []string{"GPU-c", "GPU-a"})
			if err != nil {
				t.Fatal(err)
			}
			if l.Path != "/opt/miner/bin" || !slices.Equal(l.Args, tt.want) {
				t.Errorf("args\n got %q\nwant %q", l.Args, tt.want)
			}
			if l.Stats.URL != tt.url || l.Stats.Format == "" || !l.Stats.Own {
				t.Errorf("stats = %+v, want %s, read from the miner's own socket only", l.Stats, tt.url)
			}
			if !slices.Contains(l.Env, "CUDA_DEVICE_ORDER=PCI_BUS_ID") {
				t.Errorf("env = %q", l.Env)
			}
			if !slices.Contains(l.Secrets, "poolpw") || !slices.Contains(l.Secrets, "tok123") {
				t.Errorf("secrets = %q", l.Secrets)
			}
		})
	}
}

// lolMiner counts AMD and Intel cards among its devices, in its own order:
// on a mixed rig "--devices 0" could be a Radeon. It is given the cards by
// PCI bus:slot, in decimal as it prints them; by position only when a
// card's bus id is unreadable, as the other miners are.
func TestLolMinerDevicesByPCIe(t *testing.T) {
	mixed := []GPU{
		{UUID: "GPU-x", BusID: "00000000:13:00.0"},
		{UUID: "GPU-y", BusID: "00000000:2D:00.0"},
	}
	l, err := base(LolMiner).Build(mixed, []string{"GPU-y"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"--devicesbypcie", "--devices", "45:0"}; !slices.Equal(l.Args[len(l.Args)-3:], want) {
		t.Errorf("args %q, want them to end in %q", l.Args, want)
	}
	odd := []GPU{{UUID: "GPU-x", BusID: "00000000:13:00.0"}, {UUID: "GPU-y", BusID: "unknown"}}
	l, err = base(LolMiner).Build(odd, []string{"GPU-y", "GPU-x"})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(l.Args, "--devicesbypcie") || !slices.Equal(l.Args[len(l.Args)-2:], []string{"--devices", "0,1"}) {
		t.Errorf("a card without a bus id: args %q, want positions", l.Args)
	}
}

// lolMiner's PCIe address has no PCI domain. Where the cards differ only
// by domain, as a VM's often do (nvidia-smi lists them as
// 00000001:00:00.0, 00000002:00:00.0, ...), every card was "0:0", and the
// lolMiner meant for one card was told to mine on all of them, rented
// ones included. Such cards are given by position, as the other miners'.
func TestLolMinerDevicesSameBusOtherDomain(t *testing.T) {
	vm := []GPU{
		{UUID: "GPU-x", BusID: "00000001:00:00.0"},
		{UUID: "GPU-y", BusID: "00000002:00:00.0"},
		{UUID: "GPU-z", BusID: "00000003:00:00.0"},
	}
	l, err := base(LolMiner).Build(vm, []string{"GPU-y"})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(l.Args, "--devicesbypcie") || !slices.Equal(l.Args[len(l.Args)-2:], []string{"--devices", "1"}) {
		t.Errorf("cards alike but for their domain: args %q, want --devices 1", l.Args)
	}
}

// With every GPU chosen lolMiner still gets only NVIDIA's: left to
// itself it mines on the rig's AMD and Intel cards too, which RigShift
// neither sees nor was asked to use (GMiner and SRBMiner-MULTI get their
// OpenCL, AMD and Intel off for the same reason).
func TestLolMinerAllGPUsNVIDIAOnly(t *testing.T) {
	for _, inv := range [][]GPU{inventory, nil} {
		l, err := base(LolMiner).Build(inv, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"--devices", "NVIDIA"}; !slices.Equal(l.Args[len(l.Args)-2:], want) {
			t.Errorf("inventory of %d: args %q, want them to end in %q", len(inv), l.Args, want)
		}
	}
}

func TestPresetAllGPUsOmitsDeviceFlag(t *testing.T) {
	for _, m := range []Miner{XMRig, TRex, LolMiner, GMiner, SRBMiner} {
		l, err := base(m).Build(inventory, nil)
		if err != nil {
			t.Fatal(err)
		}
		joined := strings.Join(l.Args, " ")
		if m == LolMiner { // a vendor, not a list of cards: see TestLolMinerAllGPUsNVIDIAOnly
			joined = strings.Replace(joined, " --devices NVIDIA", "", 1)
		}
		for _, flag := range []string{"--cuda-devices", " -d ", "--devices", "--gpu-id"} {
			if strings.Contains(joined+" ", flag) {
				t.Errorf("%s: all GPUs but %s in %q", m, flag, joined)
			}
		}
	}
}

func TestPresetTLSAndDefaults(t *testing.T) {
	p := base(TRex)
	p.Pool, p.Password, p.Worker = "stratum+ssl://pool.example:443", "", ""
	l, err := p.Build(inventory, nil)
	if err != nil {
		t.Fatal(err)
	}
	if args := trexFlags(t, l); !slices.Contains(args, "stratum+ssl://pool.example:443") || !slices.Contains(args, "x") || slices.Contains(args, "-w") {
		t.Errorf("t-rex args %q, config %s", l.Args, l.Config)
	}
	p = base(LolMiner)
	p.Pool = "stratum+ssl://pool.example:443"
	l, _ = p.Build(inventory, nil)
	if !slices.Contains(l.Args, "pool.example:443") || !slices.Contains(l.Args, "on") {
		t.Errorf("lolminer args %q", l.Args)
	}
	p = base(GMiner)
	p.Pool = "pool.example:3333"
	l, _ = p.Build(inventory, nil)
	if slices.Contains(l.Args, "--ssl") {
		t.Errorf("gminer without TLS got --ssl: %q", l.Args)
	}
}

func TestPresetPicksPortAndToken(t *testing.T) {
	p := base(XMRig)
	p.APIPort = 0
	l, err := p.Build(inventory, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(l.Stats.URL, "http://127.0.0.1:") || strings.HasPrefix(l.Stats.URL, "http://127.0.0.1:0/") {
		t.Errorf("url %q", l.Stats.URL)
	}
	if len(l.Stats.Token) != 32 || !slices.Contains(xmrigFlags(t, l), "--http-access-token="+l.Stats.Token) || !slices.Contains(l.Secrets, l.Stats.Token) {
		t.Errorf("token %q args %q", l.Stats.Token, l.Args)
	}
}

func TestPresetErrors(t *testing.T) {
	mod := func(m Miner, f func(*Preset)) Preset { p := base(m); f(&p); return p }
	tests := []struct {
		name string
		p    Preset
		gpus []string
	}{
		{"no executable", mod(TRex, func(p *Preset) { p.Executable = "" }), nil},
		{"no pool", mod(TRex, func(p *Preset) { p.Pool = "" }), nil},
		{"pool without port", mod(TRex, func(p *Preset) { p.Pool = "stratum+tcp://pool.example" }), nil},
		{"no wallet", mod(GMiner, func(p *Preset) { p.Wallet = "" }), nil},
		{"no algorithm", mod(SRBMiner, func(p *Preset) { p.Algorithm = "" }), nil},
		{"bad port", mod(LolMiner, func(p *Preset) { p.APIPort = 70000 }), nil},
		{"unknown miner", mod("nbminer", func(*Preset) {}), nil},
		{"unknown gpu", base(TRex), []string{"GPU-zzz"}},
		{"custom bad url", Preset{Miner: Custom, Executable: "/x", StatsURL: "ftp://h/x", StatsFormat: FormatTRex}, nil},
		{"custom bad format", Preset{Miner: Custom, Executable: "/x", StatsURL: "http://127.0.0.1:1/", StatsFormat: "nope"}, nil},
	}
	for _, tt := range tests {
		if _, err := tt.p.Build(inventory, tt.gpus); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
	if _, err := base(TRex).Build(inventory, []string{"GPU-zzz"}); !errors.Is(err, ErrUnknownGPU) {
		t.Errorf("unknown GPU error = %v", err)
	}
	xm := base(XMRig)
	xm.Algorithm = ""
	if _, err := xm.Build(inventory, nil); err != nil {
		t.Errorf("xmrig without algorithm: %v", err)
	}
}

func TestPresetCustom(t *testing.T) {
	p := Preset{Miner: Custom, Executable: "/opt/nbminer", Args: []string{"-a", "kawpow", "--api", "127.0.0.1:22333"},
		Extra: []string{"--no-color"}, StatsURL: "http://127.0.0.1:22333/summary", StatsFormat: FormatTRex, Password: "secretpw"}
	l, err := p.Build(inventory, []string{"GPU-a", "GPU-b"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(l.Args, []string{"-a", "kawpow", "--api", "127.0.0.1:22333", "--no-color"}) {
		t.Errorf("args %q", l.Args)
	}
	// Own is off: a custom miner's stats may come from a container's proxy.
	if !slices.Equal(l.Env, []string{"CUDA_VISIBLE_DEVICES=GPU-a,GPU-b"}) || l.Stats.Format != FormatTRex || !slices.Contains(l.Secrets, "secretpw") || l.Stats.Own {
		t.Errorf("launch %+v", l)
	}
	p.StatsURL = ""
	if l, err = p.Build(inventory, nil); err != nil || l.Stats.URL != "" || l.Env != nil {
		t.Errorf("no stats: %+v, %v", l, err)
	}
}

// xmrig reads the pool's scheme itself but knows only stratum+tcp://,
// stratum+ssl://, daemon+http(s):// and socks5:// (src/base/net/stratum/Url.cpp)
// and refuses any other, so a TLS pool written "ssl://" or "stratum+tls://"
// — which the other presets read as TLS — reaches it as stratum+ssl://.
func TestPresetXMRigPoolScheme(t *testing.T) {
	for pool, want := range map[string]string{
		"ssl://pool.example:443":            "stratum+ssl://pool.example:443",
		"stratum+tls://pool.example:443":    "stratum+ssl://pool.example:443",
		"STRATUM+SSL://pool.example:443":    "stratum+ssl://pool.example:443",
		"tcp://pool.example:3333":           "pool.example:3333",
		"stratum+tcp://pool.example:3333":   "stratum+tcp://pool.example:3333",
		"pool.example:3333":                 "pool.example:3333",
		"daemon+https://node.example:18081": "daemon+https://node.example:18081",
	} {
		p := base(XMRig)
		p.Pool = pool
		l, err := p.Build(inventory, nil)
		if err != nil {
			t.Fatalf("%s: %v", pool, err)
		}
		if args := xmrigFlags(t, l); slices.Index(args, "-o") < 0 || args[slices.Index(args, "-o")+1] != want {
			t.Errorf("pool %q: xmrig args %q, want -o %q", pool, l.Args, want)
		}
	}
}

// A scheme is read whatever its case, as xmrig reads it: a pool written
// "STRATUM+SSL://" is a TLS pool for every preset.
func TestPresetPoolSchemeCase(t *testing.T) {
	p := base(TRex)
	p.Pool = "STRATUM+SSL://pool.example:443"
	l, err := p.Build(inventory, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(trexFlags(t, l), "stratum+ssl://pool.example:443") {
		t.Errorf("t-rex args %q, config %s, want the pool as stratum+ssl://", l.Args, l.Config)
	}
}

// T-Rex reads stratum2+tcp:// and stratum2+ssl:// (EthereumStratum, which
// NiceHash needs) and stratum+http:// (its README, -o); the preset kept
// only whether the pool was TLS and sent stratum+tcp:// or stratum+ssl://.
func TestPresetTRexKeepsItsSchemes(t *testing.T) {
	for pool, want := range map[string]string{
		"stratum2+tcp://daggerhashimoto.auto.nicehash.com:9200": "stratum2+tcp://daggerhashimoto.auto.nicehash.com:9200",
		"stratum2+ssl://daggerhashimoto.auto.nicehash.com:443":  "stratum2+ssl://daggerhashimoto.auto.nicehash.com:443",
		"stratum+http://pool.example:8080":                      "stratum+http://pool.example:8080",
		"ssl://pool.example:443":                                "stratum+ssl://pool.example:443",
		"pool.example:3333":                                     "stratum+tcp://pool.example:3333",
	} {
		p := base(TRex)
		p.Pool = pool
		l, err := p.Build(inventory, nil)
		if err != nil {
			t.Fatalf("%s: %v", pool, err)
		}
		if args := trexFlags(t, l); slices.Index(args, "-o") < 0 || args[slices.Index(args, "-o")+1] != want {
			t.Errorf("pool %q: t-rex args %q, config %s, want -o %q", pool, l.Args, l.Config, want)
		}
	}
}

// SRBMiner-MULTI splits --password at ';' (between algorithms) and '!'
// (between pools) unless they are written #; and #! (its Parameters file),
// so a password holding either reached the pool cut short.
func TestPresetSRBMinerEscapesPassword(t *testing.T) {
	p := base(SRBMiner)
	p.Password = "pa;ss!word"
	l, err := p.Build(inventory, nil)
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.Index(l.Args, "--password"); i < 0 || l.Args[i+1] != "pa#;ss#!word" {
		t.Errorf("srbminer args %q, want --password %q", l.Args, "pa#;ss#!word")
	}
	if !slices.Contains(l.Secrets, "pa;ss!word") {
		t.Errorf("secrets %q lost the password", l.Secrets)
	}
}

// The device flag counts positions in the whole inventory. A
// CUDA_VISIBLE_DEVICES inherited from the owner's shell ("1,2") would have
// CUDA count only those, so "-d 0,2" meant other cards, one of them maybe
// rented out; the preset makes every card visible, in bus order.
func TestPresetShowsCUDAEveryGPU(t *testing.T) {
	for _, gpus := range [][]string{{"GPU-c", "GPU-a"}, nil} {
		l, err := base(TRex).Build(inventory, gpus)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(l.Env, "CUDA_VISIBLE_DEVICES=0,1,2") || !slices.Contains(l.Env, CUDAOrderEnv) {
			t.Errorf("GPUs %q: env %q, want every GPU visible in bus order", gpus, l.Env)
		}
	}
	// Without an inventory (no NVML) RigShift knows no positions, and an
	// empty list would hide every card: the environment is left as it is.
	l, err := base(TRex).Build(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range l.Env {
		if strings.HasPrefix(kv, "CUDA_VISIBLE_DEVICES=") {
			t.Errorf("no inventory: env %q", l.Env)
		}
	}
}

// The inventory is NVML's, NVIDIA cards only, but GMiner (CUDA and OpenCL)
// and SRBMiner-MULTI (AMD, Intel and NVIDIA) number every GPU they find in
// bus order: with an AMD or Intel GPU (an APU's, say) among them the
// positions meant other cards, and "all GPUs" mined on that one too. Each
// is told to leave all but NVIDIA's alone (GMiner --opencl 0; SRBMiner-MULTI
// --disable-gpu-amd, --disable-gpu-intel).
func TestPresetCountsOnlyNVIDIA(t *testing.T) {
	for m, flags := range map[Miner][]string{
		GMiner:   {"--opencl", "0"},
		SRBMiner: {"--disable-gpu-amd", "--disable-gpu-intel"},
	} {
		l, err := base(m).Build(inventory, []string{"GPU-b"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(l.Args, " "), strings.Join(flags, " ")) {
			t.Errorf("%s args %q, want %q", m, l.Args, flags)
		}
	}
}
