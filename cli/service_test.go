package cli

import (
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
