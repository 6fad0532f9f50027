package miners

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// builder makes a miner's argv (without the executable) and stats source.
type builder func(p Preset, hostport string, tls bool, sel selection) ([]string, Source)

var builders = map[Miner]builder{
	XMRig: xmrigArgs, TRex: trexArgs, LolMiner: lolArgs, GMiner: gminerArgs, SRBMiner: srbArgs,
}

const apiHost = "127.0.0.1"

func apiURL(port int, path string) string { return fmt.Sprintf("http://%s:%d%s", apiHost, port, path) }

func password(p Preset) string {
	if p.Password == "" {
		return "x"
	}
	return p.Password
}

// userDotWorker is the "wallet.worker" login most pools take.
func userDotWorker(p Preset) string {
	if p.Worker == "" {
		return p.Wallet
	}
	return p.Wallet + "." + p.Worker
}

func joinInts(idx []int, sep string) string {
	s := make([]string, len(idx))
	for i, v := range idx {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, sep)
}

// xmrigArgs: xmrig with its CUDA plugin, CPU mining off. --http-port turns
// the HTTP API on; the access token protects it.
// xmrig reads TLS from the pool's "stratum+ssl://" scheme itself.
func xmrigArgs(p Preset, hostport string, tls bool, sel selection) ([]string, Source) {
	a := []string{"-o", poolURL(p.Pool, hostport, tls, xmrigSchemes, ""), "-u", p.Wallet, "-p", password(p)}
	if p.Algorithm != "" {
		a = append(a, "-a", p.Algorithm)
	}
	if p.Worker != "" {
		a = append(a, "--rig-id="+p.Worker)
	}
	a = append(a, "--no-cpu", "--cuda")
	if sel.idx != nil {
		a = append(a, "--cuda-devices="+joinInts(sel.idx, ","))
	}
	a = append(a, "--http-host="+apiHost, "--http-port="+strconv.Itoa(p.APIPort),
		"--http-access-token="+p.APIToken, "--no-color")
	return a, Source{URL: apiURL(p.APIPort, "/2/summary"), Format: FormatXMRig, Token: p.APIToken, Own: true}
}

// xmrigSchemes are the pool schemes xmrig reads (src/base/net/stratum/Url.cpp).
var xmrigSchemes = []string{"stratum+tcp", "stratum+ssl", "daemon+http", "daemon+https", "socks5"}

// trexSchemes are the pool schemes T-Rex reads (its README, -o); stratum2
// is the EthereumStratum that NiceHash needs.
var trexSchemes = []string{"stratum+tcp", "stratum+ssl", "stratum+http", "stratum2+tcp", "stratum2+ssl"}

// poolURL is the pool as a miner that reads the scheme itself takes it: a
// scheme it knows is kept, since it says more than TLS or not; any other
// ("ssl://", "stratum+tls://"), which such a miner refuses, becomes
// stratum+ssl:// for TLS, else plain (the miner's own default).
func poolURL(pool, hostport string, tls bool, schemes []string, plain string) string {
	scheme, _, ok := strings.Cut(pool, "://")
	switch scheme = strings.ToLower(scheme); {
	case ok && slices.Contains(schemes, scheme):
		return scheme + "://" + hostport
	case tls:
		return "stratum+ssl://" + hostport
	}
	return plain + hostport
}

// trexArgs: T-Rex wants a scheme in the pool URL. Its own watchdog (a
// parent process that restarts the miner) is off: RigShift supervises.
// See trexWithConfig for the launch that keeps the pool off the command
// line.
func trexArgs(p Preset, hostport string, tls bool, sel selection) ([]string, Source) {
	a := []string{"-a", p.Algorithm, "-o", trexURL(p, hostport, tls), "-u", p.Wallet, "-p", password(p)}
	return append(a, trexRest(p, sel)...), Source{URL: apiURL(p.APIPort, "/summary"), Format: FormatTRex, Own: true}
}

func trexURL(p Preset, hostport string, tls bool) string {
	return poolURL(p.Pool, hostport, tls, trexSchemes, "stratum+tcp://")
}

// trexRest are T-Rex's flags after the pool: the worker, the API, the GPUs.
func trexRest(p Preset, sel selection) []string {
	var a []string
	if p.Worker != "" {
		a = append(a, "-w", p.Worker)
	}
	a = append(a, "--api-bind-http", apiHost+":"+strconv.Itoa(p.APIPort), "--api-bind-telnet", "0",
		"--api-read-only", "--no-watchdog", "--no-color", "--pci-indexing")
	if sel.idx != nil {
		a = append(a, "-d", joinInts(sel.idx, ","))
	}
	return a
}

// lolArgs: lolMiner's API binds 0.0.0.0 unless --apihost says otherwise.
// "--watchdog exit" makes a hung GPU end the miner (code 42) so that
// RigShift restarts it, instead of running a script.
func lolArgs(p Preset, hostport string, tls bool, sel selection) ([]string, Source) {
	a := []string{"--algo", p.Algorithm, "--pool", hostport, "--user", userDotWorker(p), "--pass", password(p)}
	if tls {
		a = append(a, "--tls", "on")
	}
	a = append(a, "--apihost", apiHost, "--apiport", strconv.Itoa(p.APIPort), "--watchdog", "exit", "--nocolor")
	return append(a, lolDevices(sel)...), Source{URL: apiURL(p.APIPort, "/summary"), Format: FormatLolMiner, Own: true}
}

// lolDevices selects lolMiner's cards by PCI bus:slot (--devicesbypcie,
// lolMiner 1.06 and later): its --devices indices count AMD and Intel GPUs
// too, in its own order, so on a mixed rig an index could name a Radeon
// and leave the chosen card, or one rented out, to the wrong workload.
// By position, as the other miners, only when a bus id is unreadable or
// its bus:slot is another card's too (see lolAddresses).
// Every GPU is "NVIDIA": all of lolMiner's would include AMD and Intel
// cards, which the inventory does not hold.
func lolDevices(sel selection) []string {
	if sel.idx == nil {
		return []string{"--devices", "NVIDIA"}
	}
	if addrs, ok := lolAddresses(sel); ok {
		return []string{"--devicesbypcie", "--devices", strings.Join(addrs, ",")}
	}
	return []string{"--devices", joinInts(sel.idx, ",")}
}

// lolAddresses writes the selected cards' bus ids as lolMiner's bus:slot,
// and reports whether each is readable and names that card alone.
// lolMiner has no PCI domain: cards that differ only by it, as a VM's
// often do (00000001:00:00.0, 00000002:00:00.0), are all "0:0" to it.
func lolAddresses(sel selection) ([]string, bool) {
	cards := map[string]int{}
	for _, id := range sel.all {
		if a, ok := lolPCIeAddress(id); ok {
			cards[a]++
		}
	}
	addrs := make([]string, len(sel.bus))
	for i, id := range sel.bus {
		a, ok := lolPCIeAddress(id)
		if !ok || cards[a] > 1 {
			return nil, false
		}
		addrs[i] = a
	}
	return addrs, true
}

// lolPCIeAddress writes a bus id as lolMiner prints its cards' addresses
// and reads --devicesbypcie: "bus:slot" in decimal ("00000000:13:00.0",
// lspci's 13:00.0, is "19:0"; see lolBusID). lolMiner has no PCI domain.
func lolPCIeAddress(id string) (string, bool) {
	canon, ok := NormalizeBusID(id)
	if !ok {
		return "", false
	}
	// canon is "dddd:bb:dd.f"
	bus, _ := strconv.ParseUint(canon[5:7], 16, 8)
	dev, _ := strconv.ParseUint(canon[8:10], 16, 8)
	return fmt.Sprintf("%d:%d", bus, dev), true
}

// gminerArgs: GMiner's --api takes a port only, and GMiner listens on every
// address with it (its stats, the wallet among them, can be read from the
// local network: README, Miners); RigShift reads it on 127.0.0.1.
// --devices takes space-separated indices, one argument each. Its own
// watchdog is off: RigShift supervises. OpenCL is off, so that it counts
// only the CUDA cards, as the inventory does (it numbers all it finds in
// bus order, an AMD or Intel GPU among them).
func gminerArgs(p Preset, hostport string, tls bool, sel selection) ([]string, Source) {
	a := []string{"--algo", p.Algorithm, "--server", hostport, "--user", userDotWorker(p), "--pass", password(p)}
	if tls {
		a = append(a, "--ssl", "1")
	}
	a = append(a, "--api", strconv.Itoa(p.APIPort), "--watchdog", "0", "--color", "0", "--opencl", "0")
	if sel.idx != nil {
		a = append(a, "--devices")
		for _, i := range sel.idx {
			a = append(a, strconv.Itoa(i))
		}
	}
	return a, Source{URL: apiURL(p.APIPort, "/stat"), Format: FormatGMiner, Own: true}
}

// srbEscape writes ';' and '!' as SRBMiner-MULTI reads them within one
// value: it splits --password at them (algorithms, pools) otherwise.
func srbEscape(s string) string {
	return strings.NewReplacer(";", "#;", "!", "#!").Replace(s)
}

// srbArgs: SRBMiner-MULTI with CPU, AMD and Intel mining off: its --gpu-id
// numbers every GPU it finds, and the inventory holds NVIDIA's only. It
// has no API bind-host flag, so like GMiner's its API can be read from the
// local network; RigShift reads it on 127.0.0.1.
func srbArgs(p Preset, hostport string, tls bool, sel selection) ([]string, Source) {
	a := []string{"--algorithm", p.Algorithm, "--pool", hostport, "--wallet", p.Wallet, "--password", srbEscape(password(p))}
	if p.Worker != "" {
		a = append(a, "--worker", p.Worker)
	}
	if tls {
		a = append(a, "--tls", "true")
	}
	a = append(a, "--disable-cpu", "--disable-gpu-amd", "--disable-gpu-intel", "--api-enable", "--api-port", strconv.Itoa(p.APIPort))
	if sel.idx != nil {
		a = append(a, "--gpu-id", joinInts(sel.idx, ","))
	}
	return a, Source{URL: apiURL(p.APIPort, "/"), Format: FormatSRBMiner, Own: true}
}
