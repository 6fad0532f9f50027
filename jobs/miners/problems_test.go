package miners

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPresetProblems(t *testing.T) {
	prog := filepath.Join(t.TempDir(), "miner")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := (Preset{}).Problems(); len(got) != 0 {
		t.Errorf("no miner set up: %v", got)
	}
	good := Preset{Miner: TRex, Executable: prog, Pool: "stratum+tcp://pool.example:4444", Wallet: "RXa", Algorithm: "kawpow"}
	if got := good.Problems(); len(got) != 0 {
		t.Errorf("a complete T-Rex setup: %v", got)
	}
	got := Preset{Miner: TRex, Executable: prog, Pool: "pool.example"}.Problems()
	for _, k := range []string{"pool", "wallet", "algorithm"} {
		if got[k] == "" {
			t.Errorf("T-Rex without %s: no problem said (%v)", k, got)
		}
	}
	if got := (Preset{Miner: XMRig, Executable: prog, Pool: "pool:3333", Wallet: "4A"}).Problems(); len(got) != 0 {
		t.Errorf("XMRig picks its algorithm from the pool: %v", got)
	}
	if got := (Preset{Miner: XMRig, Pool: "pool:3333", Wallet: "4A"}).Problems()["executable"]; !strings.Contains(got, "write where") {
		t.Errorf("a miner without its program: %q", got)
	}
	if got := (Preset{Miner: XMRig, Executable: prog + ".gone", Pool: "pool:3333", Wallet: "4A"}).Problems()["executable"]; !strings.Contains(got, "there is no program") {
		t.Errorf("a miner whose program is not there: %q", got)
	}
	custom := Preset{Miner: Custom, Executable: prog, StatsURL: "ftp://x"}
	if got := custom.Problems(); got["stats"] == "" || got["pool"] != "" {
		t.Errorf("custom with a bad stats address: %v", got)
	}
	// Without the format of its answers, a custom miner with a stats
	// address passed here and then failed at every start (the command line
	// saves settings through this check only).
	custom.StatsURL = "http://127.0.0.1:{port}/summary"
	if got := custom.Problems(); !strings.Contains(got["stats"], "pick the format of its answers: xmrig, trex") {
		t.Errorf("custom with a stats address and no format: %v", got)
	}
	custom.StatsFormat = FormatLolMiner
	if got := custom.Problems(); len(got) != 0 {
		t.Errorf("custom with {port}: %v", got)
	}
}

// An empty program or algorithm is explained with the chosen miner's own
// example, not T-Rex's.
func TestPresetProblemsGiveTheMinersExample(t *testing.T) {
	got := Preset{Miner: LolMiner}.Problems()
	if want := "e.g. /opt/lolminer/lolMiner"; !strings.Contains(got["executable"], want) {
		t.Errorf("lolMiner's empty program: %q, want it to say %q", got["executable"], want)
	}
	if want := "e.g. ETCHASH"; !strings.Contains(got["algorithm"], want) {
		t.Errorf("lolMiner's empty algorithm: %q, want it to say %q", got["algorithm"], want)
	}
	// The note stands under a field beside the miner's name as the window
	// writes it ("SRBMiner-MULTI"), not RigShift's key for it.
	if note := (Preset{Miner: SRBMiner}).Problems()["algorithm"]; strings.Contains(note, string(SRBMiner)) {
		t.Errorf("SRBMiner-MULTI's empty algorithm: %q names the miner by its key", note)
	}
}

// SRBMiner splits its wallet and worker at ';' and '!' (other algorithms'
// and failover pools' values): such a worker name is refused, not sent.
func TestSRBMinerWalletAndWorkerWithoutSeparators(t *testing.T) {
	prog := filepath.Join(t.TempDir(), "miner")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := Preset{Miner: SRBMiner, Executable: prog, Pool: "pool.example:4444", Wallet: "RXa;RXb", Worker: "rig!1", Algorithm: "kawpow", Password: "x;y!"}
	got := p.Problems()
	if !strings.Contains(got["wallet"], "SRBMiner reads ; and !") || !strings.Contains(got["worker"], "SRBMiner reads ; and !") || got["password"] != "" {
		t.Errorf("SRBMiner with separators in wallet and worker: %v", got)
	}
	p.Miner = TRex
	if got := p.Problems(); len(got) != 0 {
		t.Errorf("T-Rex takes them as they are: %v", got)
	}
}
