package miners

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// trexFlags is what T-Rex is told, its config file's pool written back as
// the flags that said the same on its command line before, where the
// other flags stood.
func trexFlags(t *testing.T, l Launch) []string {
	t.Helper()
	if l.Config == nil {
		return l.Args
	}
	var c struct {
		Pools []struct{ URL, User, Pass string }
	}
	if err := json.Unmarshal(l.Config, &c); err != nil || len(c.Pools) != 1 {
		t.Fatalf("t-rex's config %s: %v", l.Config, err)
	}
	i := slices.Index(l.Args, "-c")
	if i < 0 || i+1 >= len(l.Args) || l.Args[i+1] != ConfigFileArg {
		t.Fatalf("t-rex's args %q do not name its config file", l.Args)
	}
	p := c.Pools[0]
	return slices.Concat(l.Args[:i], []string{"-o", p.URL, "-u", p.User, "-p", p.Pass}, l.Args[i+2:])
}

// Every user of the machine reads a process's command line in
// /proc/PID/cmdline: T-Rex, which reads a JSON config file (-c), gets its
// pool, wallet and password in one (written 0600 by the runner), as xmrig
// does, and its command line names the file instead.
func TestTRexSecretsStayOffItsCommandLine(t *testing.T) {
	p := base(TRex)
	l, err := p.Build(inventory, []string{"GPU-c", "GPU-a"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range l.Args {
		if strings.Contains(a, "poolpw") || strings.Contains(a, "RWallet") {
			t.Errorf("a secret on t-rex's command line: %q", l.Args)
		}
	}
	want := []string{"-a", "kawpow", "-o", "stratum+tcp://rvn.2miners.com:6060", "-u", "RWallet", "-p", "poolpw", "-w", "rig01",
		"--api-bind-http", "127.0.0.1:4444", "--api-bind-telnet", "0", "--api-read-only", "--no-watchdog", "--no-color", "--pci-indexing", "-d", "0,2"}
	if got := trexFlags(t, l); !slices.Equal(got, want) {
		t.Errorf("t-rex is told\n got %q\nwant %q", got, want)
	}
	if !slices.Contains(l.Secrets, "poolpw") {
		t.Errorf("secrets = %q: still masked where t-rex prints them", l.Secrets)
	}
}

// T-Rex takes a flag given on its command line over the file's, and reads
// "%NAME%" in the file as the environment variable NAME: extra arguments
// that add a pool or name a file of their own, and a login or password
// with a '%' in it, keep the command line as it was.
func TestTRexKeepsTheCommandLineWhereAFileWouldChangeIt(t *testing.T) {
	for _, mod := range []func(*Preset){
		func(p *Preset) {
			p.Extra = []string{"-o", "stratum+tcp://backup.example:3333", "-u", "RWallet", "-p", "x"}
		},
		func(p *Preset) { p.Extra = []string{"--url=stratum+tcp://backup.example:3333"} },
		func(p *Preset) { p.Extra = []string{"-c", "/etc/t-rex.json"} },
		func(p *Preset) { p.Extra = []string{"--config", "/etc/t-rex.json"} },
		func(p *Preset) { p.Password = "pool%pw%" },
		func(p *Preset) { p.Wallet = "%USER%" },
	} {
		p := base(TRex)
		mod(&p)
		l, err := p.Build(inventory, nil)
		if err != nil {
			t.Fatal(err)
		}
		if l.Config != nil || !slices.Contains(l.Args, "-p") || !slices.Contains(l.Args, password(p)) {
			t.Errorf("extra %q, password %q: args %q, config %s", p.Extra, p.Password, l.Args, l.Config)
		}
	}
}
