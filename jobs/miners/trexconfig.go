package miners

import "strings"

// trexConfig is the part of T-Rex's JSON config file that holds the
// secrets: its pools, each with the wallet (user) and the password.
// T-Rex's README (github.com/trexminer/T-Rex, README.md, "JSON config
// file" and "-c, --config") documents the file and that a flag given on
// the command line wins over the file's; the "pools" list of {"user",
// "url", "pass"} is that of the config_example its releases ship, the
// file HiveOS writes for it (minershive/hiveos-linux,
// hive/miners/t-rex/h-config.sh), and the one its issue tracker shows
// (trexminer/T-Rex#325).
type trexConfig struct {
	Pools []trexPool `json:"pools"`
}

type trexPool struct {
	User string `json:"user"`
	URL  string `json:"url"`
	Pass string `json:"pass"`
}

// trexWithConfig is trexArgs with the pool moved into the config file: a
// process's command line is there for every user of the machine to read
// (/proc/PID/cmdline, ps), the file only for the owner. The worker name,
// no secret, stays on the command line, as the README's own example has
// it (`t-rex -c config.txt -w <worker_name>`).
func trexWithConfig(p Preset, hostport string, tls bool, sel selection) ([]string, []byte) {
	c := trexConfig{Pools: []trexPool{{User: p.Wallet, URL: trexURL(p, hostport, tls), Pass: password(p)}}}
	return append([]string{"-a", p.Algorithm, "-c", ConfigFileArg}, trexRest(p, sel)...), marshalConfig(c)
}

// trexFileFits reports whether T-Rex would read the preset's pool from the
// file as it reads it from the command line. Extra arguments that add a
// pool, a login or a file of their own would win over the file's pool or
// leave it without its login; and T-Rex reads "%NAME%" anywhere in the
// file as the environment variable NAME (README, "JSON config file"), so a
// pool, wallet or password with a '%' in it keeps the command line.
func trexFileFits(p Preset) bool {
	if strings.Contains(p.Pool+p.Wallet+p.Password, "%") {
		return false
	}
	for _, a := range p.Extra {
		name, _, _ := strings.Cut(a, "=")
		switch name {
		case "-o", "--url", "-u", "--user", "-p", "--pass", "-c", "--config":
			return false
		}
	}
	return true
}
