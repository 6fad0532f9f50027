package miners

import (
	"encoding/json"
	"strings"
)

// ConfigFileArg stands in a miner's arguments for the path of its config
// file (Launch.Config), which the runner writes when it starts the miner.
const ConfigFileArg = "{config}"

// xmrigConfig is the part of xmrig's config file that holds the secrets:
// the pool (its password) and the HTTP API (its access token). xmrig reads
// its command line and the file named by --config as a chain in which the
// last to name "pools" or "http" gives it whole (src/base/io/json/JsonChain.cpp),
// so both live in the file, with everything else on the command line.
type xmrigConfig struct {
	Pools    []xmrigPool `json:"pools"`
	HTTP     xmrigHTTP   `json:"http"`
	Autosave bool        `json:"autosave"` // off: xmrig would write its whole config, secrets included, back to the file
	Watch    bool        `json:"watch"`    // off: a changed file would be read again without the command line
}

type xmrigPool struct {
	URL   string `json:"url"`
	User  string `json:"user"`
	Pass  string `json:"pass"`
	Algo  string `json:"algo,omitempty"`
	RigID string `json:"rig-id,omitempty"`
}

type xmrigHTTP struct {
	Enabled    bool   `json:"enabled"`
	Host       string `json:"host"`
	Port       int    `json:"port"`
	Token      string `json:"access-token"`
	Restricted bool   `json:"restricted"`
}

// xmrigWithConfig is xmrigArgs with the pool and the API moved into the
// config file: a process's command line is there for every user of the
// machine to read (/proc/PID/cmdline, ps), the file only for the owner.
func xmrigWithConfig(p Preset, hostport string, tls bool, sel selection) ([]string, []byte) {
	a := []string{"--no-cpu", "--cuda"}
	if sel.idx != nil {
		a = append(a, "--cuda-devices="+joinInts(sel.idx, ","))
	}
	a = append(a, "--no-color", "--config="+ConfigFileArg)
	c := xmrigConfig{
		Pools: []xmrigPool{{URL: poolURL(p.Pool, hostport, tls, xmrigSchemes, ""), User: p.Wallet, Pass: password(p),
			Algo: p.Algorithm, RigID: p.Worker}},
		HTTP: xmrigHTTP{Enabled: true, Host: apiHost, Port: p.APIPort, Token: p.APIToken, Restricted: true},
	}
	return a, marshalConfig(c)
}

// marshalConfig writes a miner's config file. It holds plain strings,
// numbers and booleans: it cannot fail.
func marshalConfig(c any) []byte {
	b, _ := json.MarshalIndent(c, "", "  ")
	return b
}

// xmrigSetsPoolOrAPI reports whether extra arguments add a pool, change
// the API, the pool's algorithm or name a config file of their own: xmrig
// would take the pools or the API whole from one place, and drop one of
// the two (newer xmrig puts -a into the command line's pools only).
func xmrigSetsPoolOrAPI(extra []string) bool {
	for _, a := range extra {
		name, _, _ := strings.Cut(a, "=")
		switch {
		case strings.HasPrefix(name, "--http-"), strings.HasPrefix(name, "--api-"), strings.HasPrefix(name, "--daemon-"):
			return true
		}
		switch name {
		case "-o", "--url", "-u", "--user", "-p", "--pass", "-O", "--userpass", "-c", "--config", "-a", "--algo",
			"--rig-id", "--tls", "--tls-fingerprint", "--nicehash", "-k", "--keepalive", "--coin", "--daemon",
			"-x", "--proxy", "--self-select", "--spend-secret-key", "--submit-to-origin", "--stress":
			return true
		}
	}
	return false
}
