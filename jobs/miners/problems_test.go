package miners

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProgramProblem(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "t-rex")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(plain, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{prog, ""},
		{"sh", ""}, // on the PATH
		{"", "write where the miner's program is"},
		{filepath.Join(dir, "gone"), "there is no program at"},
		{dir, "is a folder"},
		{plain, "is not executable: run chmod +x " + plain},
		{"no-such-miner-here", "no program called no-such-miner-here is on the PATH"},
	} {
		got := ProgramProblem(c.path)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("ProgramProblem(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

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
	custom := Preset{Miner: Custom, Executable: prog, StatsURL: "ftp://x"}
	if got := custom.Problems(); got["stats"] == "" || got["pool"] != "" {
		t.Errorf("custom with a bad stats address: %v", got)
	}
	custom.StatsURL = "http://127.0.0.1:{port}/summary"
	if got := custom.Problems(); len(got) != 0 {
		t.Errorf("custom with {port}: %v", got)
	}
}
