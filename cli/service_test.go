package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The unit runs this binary's daemon with the flags given, the data
// directory absolute, and lets RigShift stop its workloads itself.
func TestDaemonService(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, stderr := runCLI(t, "daemon", "--data-dir", "rig data", "--log-level", "debug", "--service")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	exec := ""
	for line := range strings.Lines(out) {
		if v, ok := strings.CutPrefix(line, "ExecStart="); ok {
			exec = strings.TrimSpace(v)
		}
	}
	if !strings.HasPrefix(exec, "/") || !strings.Contains(exec, ` daemon "--data-dir=/`) ||
		!strings.Contains(exec, `/rig data" --log-level=DEBUG`) || strings.Contains(exec, "--service") {
		t.Errorf("ExecStart=%s", exec)
	}
	for _, want := range []string{"[Service]\n", "KillMode=mixed\n", "Restart=on-failure\n", "WantedBy=default.target\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the unit lacks %q:\n%s", want, out)
		}
	}
}

func TestSystemdQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/usr/bin/rigshift": "/usr/bin/rigshift",
		"--data-dir=/a b":   `"--data-dir=/a b"`,
		`50%"off"$x`:        `"50%%\"off\"$$x"`,
	} {
		if got := systemdQuote(in); got != want {
			t.Errorf("systemdQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// systemd itself accepts the unit, where systemd-analyze is installed: no
// unknown key, an ExecStart it can split and run (the data directory has a
// space, and a percent sign that systemd would read as a specifier).
func TestDaemonServiceVerifies(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed: the unit is checked by text only")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	code, unit, stderr := runCLI(t, "daemon", "--data-dir", "rig data %zone", "--service")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	path := filepath.Join(dir, "rigshift.service")
	if err := os.WriteFile(path, []byte(unit), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(analyze, "verify", path).CombinedOutput()
	if err != nil && strings.Contains(string(out), "initialize manager") {
		t.Skipf("systemd-analyze cannot run here: %s", out)
	}
	if err != nil || len(out) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s\n%s", err, out, unit)
	}
}
