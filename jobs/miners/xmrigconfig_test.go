package miners

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// xmrigFlags is what xmrig is told, its config file written back as the
// flags that said the same on its command line before.
func xmrigFlags(t *testing.T, l Launch) []string {
	t.Helper()
	if l.Config == nil {
		return l.Args
	}
	var c struct {
		Pools []struct {
			URL, User, Pass, Algo string
			RigID                 string `json:"rig-id"`
		}
		HTTP struct {
			Enabled, Restricted bool
			Host                string
			Port                int
			Token               string `json:"access-token"`
		}
		Autosave, Watch *bool
	}
	if err := json.Unmarshal(l.Config, &c); err != nil || len(c.Pools) != 1 {
		t.Fatalf("xmrig's config %s: %v", l.Config, err)
	}
	if !c.HTTP.Enabled || !c.HTTP.Restricted || c.Autosave == nil || *c.Autosave || c.Watch == nil || *c.Watch {
		t.Errorf("xmrig's config %s: want its API on and read-only, and no autosave or watch, which would write the secrets back or reread the file", l.Config)
	}
	p := c.Pools[0]
	out := append(slices.Clone(l.Args), "-o", p.URL, "-u", p.User, "-p", p.Pass)
	if p.Algo != "" {
		out = append(out, "-a", p.Algo)
	}
	if p.RigID != "" {
		out = append(out, "--rig-id="+p.RigID)
	}
	return append(out, "--http-host="+c.HTTP.Host, "--http-port="+strconv.Itoa(c.HTTP.Port), "--http-access-token="+c.HTTP.Token)
}

// Every user of the machine reads a process's command line in
// /proc/PID/cmdline: xmrig, which reads a config file, gets its pool
// password and its API token in one (written 0600 by the runner), and its
// command line names the file instead.
func TestXMRigSecretsStayOffItsCommandLine(t *testing.T) {
	p := base(XMRig)
	p.APIToken = "tok123"
	l, err := p.Build(inventory, []string{"GPU-c", "GPU-a"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range l.Args {
		if strings.Contains(a, "poolpw") || strings.Contains(a, "tok123") {
			t.Errorf("a secret on xmrig's command line: %q", l.Args)
		}
	}
	want := []string{"--no-cpu", "--cuda", "--cuda-devices=0,2", "--no-color", "--config=" + ConfigFileArg,
		"-o", "stratum+tcp://rvn.2miners.com:6060", "-u", "RWallet", "-p", "poolpw", "-a", "kawpow", "--rig-id=rig01",
		"--http-host=127.0.0.1", "--http-port=4444", "--http-access-token=tok123"}
	if got := xmrigFlags(t, l); !slices.Equal(got, want) {
		t.Errorf("xmrig is told\n got %q\nwant %q", got, want)
	}
	if !slices.Contains(l.Secrets, "poolpw") || !slices.Contains(l.Secrets, "tok123") {
		t.Errorf("secrets = %q: still masked where xmrig prints them", l.Secrets)
	}
}

// xmrig takes the pools and the API whole from the last place that names
// them: extra arguments that add a pool or change the API would be
// dropped for the file's. With those the command line stays as it was.
func TestXMRigExtraPoolKeepsTheCommandLine(t *testing.T) {
	for _, extra := range [][]string{{"-o", "backup.example:3333"}, {"--url=backup.example:3333"}, {"--http-no-restricted"}, {"-c", "/etc/xmrig.json"}, {"--algo=rx/0"}} {
		p := base(XMRig)
		p.APIToken, p.Extra = "tok123", extra
		l, err := p.Build(inventory, nil)
		if err != nil {
			t.Fatal(err)
		}
		if l.Config != nil || !slices.Contains(l.Args, "poolpw") || !slices.Contains(l.Args, extra[0]) {
			t.Errorf("extra %q: args %q, config %s", extra, l.Args, l.Config)
		}
	}
}
