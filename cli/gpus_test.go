package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/rigshift/rigshift/hardware"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestGPUsJSONOnSimulatedRig(t *testing.T) {
	code, out, stderr := runCLI(t, "gpus", "--json", "--simulate", "4")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		System struct{ Backend, Driver, CUDA string }
		GPUs   []struct {
			Index      int
			UUID       string
			Name       string
			PCIBusID   string  `json:"pci_bus_id"`
			VRAM       uint64  `json:"vram_total_bytes"`
			PowerLimit float64 `json:"power_limit_w"`
			Sample     struct {
				UUID    string
				State   string
				TempC   int     `json:"temp_c"`
				PowerW  float64 `json:"power_w"`
				FanPct  int     `json:"fan_pct"`
				Util    int     `json:"gpu_util_pct"`
				Throttl string  `json:"throttle"`
			}
		}
		Host struct {
			CPUCores int `json:"cpu_cores"`
		}
		HostSample struct {
			MemTotal uint64 `json:"mem_total_bytes"`
		} `json:"host_sample"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if rep.System.Backend != "simulated" || len(rep.GPUs) != 4 || rep.Host.CPUCores < 1 || rep.HostSample.MemTotal == 0 {
		t.Fatalf("report = %+v", rep)
	}
	uuid := regexp.MustCompile(`^GPU-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$`)
	for i, g := range rep.GPUs {
		s := g.Sample
		if g.Index != i || !uuid.MatchString(g.UUID) || s.UUID != g.UUID || !strings.HasPrefix(g.Name, "NVIDIA GeForce") ||
			g.PCIBusID == "" || g.VRAM < 8<<30 || g.PowerLimit < 150 {
			t.Errorf("GPU %d inventory = %+v", i, g)
		}
		if s.State != "ok" || s.TempC < 20 || s.TempC > 95 || s.PowerW <= 0 || s.PowerW > g.PowerLimit || s.FanPct < 30 || s.Throttl == "" {
			t.Errorf("GPU %d sample = %+v", i, s)
		}
	}
}

func TestGPUsTableWithoutDriver(t *testing.T) {
	code, out, _ := runCLI(t, "gpus")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "No NVIDIA driver found — showing the host only.") || !strings.Contains(out, "Host ") {
		t.Errorf("output without a driver:\n%s", out)
	}
}

func TestGPUsTable(t *testing.T) {
	_, out, _ := runCLI(t, "gpus", "--simulate", "2")
	for _, want := range []string{"2 simulated GPUs, driver", "NVIDIA GeForce RTX 3080", "00000000:02:00.0", "SM CLOCK", "°C"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"gpus", "--simulate", "99"}, exitUsage, "1 to 64 GPUs"},
		{[]string{"gpus", "--nope"}, exitUsage, "flag provided but not defined"},
		{[]string{"gpus", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"monitor", "--interval", "1ms"}, exitUsage, "at least 100ms"},
	}
	for _, c := range cases {
		code, _, stderr := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, stderr, c.code, c.want)
		}
	}
	// Help asked for is no error: it goes to stdout.
	if code, out, _ := runCLI(t, "gpus", "--help"); code != exitOK || !strings.Contains(out, "Example:") {
		t.Errorf("gpus --help: exit %d, stdout %q; want exit 0 mentioning %q", code, out, "Example:")
	}
}

func TestHelpAndVersion(t *testing.T) {
	if code, out, _ := runCLI(t, "help"); code != 0 || !strings.Contains(out, "gpus") || !strings.Contains(out, "monitor") {
		t.Errorf("help: %d %q", code, out)
	}
	if code, out, _ := runCLI(t, "--version"); code != 0 || !strings.HasPrefix(out, "rigshift ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestMonitorRunsForAWhile(t *testing.T) {
	code, out, stderr := runCLI(t, "monitor", "--simulate", "2", "--interval", "100ms", "--for", "350ms", "--stats")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := strings.Count(out, " GPU1 "); n < 2 {
		t.Errorf("%d readings of GPU1 in 350 ms at 100 ms:\n%s", n, out)
	}
	if !strings.Contains(out, "footprint: wall") || !strings.Contains(out, "peak RSS") {
		t.Errorf("no footprint line:\n%s", out)
	}
}

// "Install the NVIDIA driver" is the advice for a machine without one, not
// for an installed driver that needs a reboot or does not answer; it says
// how, as the window does: `rigshift gpus` is a newcomer's first command.
func TestGPUsInstallHintOnlyWithoutDriver(t *testing.T) {
	for _, c := range []struct {
		err  error
		hint bool
	}{
		{hardware.ErrNoDriver, true},
		{fmt.Errorf("%w: the NVIDIA kernel module is not loaded", hardware.ErrNoDriver), true},
		{errors.New("NVIDIA driver and library versions differ, which happens after a driver update: reboot the machine"), false},
		{errors.New("the NVIDIA driver did not answer within 15s: GPUs are not shown"), false},
	} {
		var out bytes.Buffer
		printReport(&out, takeReport(&rig{gpuErr: c.err, host: hardware.NewHost()}))
		if got := strings.Contains(out.String(), "Install the NVIDIA driver"); got != c.hint {
			t.Errorf("%v: install hint shown %v, want %v:\n%s", c.err, got, c.hint, out.String())
		}
		if c.hint && !strings.Contains(out.String(), hardware.DriverInstall) {
			t.Errorf("%v: the install hint does not say how (%s):\n%s", c.err, hardware.DriverInstall, out.String())
		}
	}
}

// An inventory value the driver did not give (a power limit many GeForce
// cards do not report, memory of a card that failed the question) reads
// "n/a", not 0 W or 0.0 GiB.
func TestGPUsInventoryUnknownValues(t *testing.T) {
	var out bytes.Buffer
	printInventory(&out, []gpuReport{{GPUInfo: hardware.GPUInfo{Index: 0, Name: "NVIDIA GeForce GTX 1070",
		UUID: "GPU-1", PCIBusID: "00000000:01:00.0"}}})
	if strings.Contains(out.String(), " 0 W") || strings.Contains(out.String(), "0.0 GiB") || strings.Count(out.String(), "n/a") != 2 {
		t.Errorf("unknown power limit and VRAM shown as:\n%s", out.String())
	}
}

// `rigshift help job` printed the list of commands again, as `help` alone
// does, so the owner never learnt job's commands that way: `help X` is
// `X --help`, on stdout like `help` (for a pager), and `help job add`
// reaches the sub-command.
func TestHelpForACommand(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"help", "gpus"}, "Usage: rigshift gpus [flags]"},
		{[]string{"help", "job"}, "Usage: rigshift job <command> [flags]"},
		{[]string{"help", "job", "add"}, "Usage: rigshift job add [flags]"},
		{[]string{"--help", "monitor"}, "Usage: rigshift monitor [flags]"},
	}
	for _, c := range cases {
		code, out, stderr := runCLI(t, c.args...)
		if code != exitOK || !strings.Contains(out, c.want) || strings.Contains(out, "Commands:\n  window") || stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %q", c.args, code, out, stderr, c.want)
		}
	}
	if code, _, stderr := runCLI(t, "help", "frobnicate"); code != exitUsage || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("help frobnicate: exit %d, %q", code, stderr)
	}
}

// Each command's help began "Usage: rigshift mode [flags]", whatever the
// command takes besides flags: the mode, the job's ID, the KEY=VALUE
// changes, the program to run. `settings --help` never said that settings
// can be changed.
func TestHelpNamesWhatACommandTakes(t *testing.T) {
	cases := map[string]string{
		"mode":         "Usage: rigshift mode [idle|mine|rent|auto] [flags]\n",
		"gpu":          "Usage: rigshift gpu aside|use GPU [flags]\n",
		"settings":     "Usage: rigshift settings [flags], or rigshift settings set KEY=VALUE … to change them\n",
		"settings set": "Usage: rigshift settings set KEY=VALUE … [flags]\n",
		"job add":      "Usage: rigshift job add [flags] -- PROGRAM [ARGUMENTS …]\n",
		"job cancel":   "Usage: rigshift job cancel ID [flags]\n",
		"job move":     "Usage: rigshift job move ID PLACE [flags]\n",
		"job logs":     "Usage: rigshift job logs ID [flags]\n",
	}
	for cmd, want := range cases {
		code, out, _ := runCLI(t, append([]string{"help"}, strings.Fields(cmd)...)...)
		if code != exitOK || !strings.HasPrefix(out, want) {
			t.Errorf("help %s: exit %d, begins %q; want %q", cmd, code, strings.SplitAfter(out, "\n")[0], want)
		}
	}
}

// A flag whose usage names no `placeholder` shows Go's generic "value":
// `job add --help` read "-gpu value", where the owner needs to know it
// takes a GPU.
func TestHelpNamesEachFlagsValue(t *testing.T) {
	for _, cmd := range []string{"window", "daemon", "status", "mode", "gpu", "job add", "job list", "job cancel",
		"job move", "job logs", "events", "settings", "settings set", "export jobs", "export earnings",
		"export telemetry", "db compact", "gpus", "monitor"} {
		_, out, _ := runCLI(t, append([]string{"help"}, strings.Fields(cmd)...)...)
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "  -") && strings.HasSuffix(line, " value") {
				t.Errorf("help %s: %q names no value", cmd, line)
			}
		}
	}
}
