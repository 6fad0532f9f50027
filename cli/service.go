package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// printService writes a systemd user unit that starts `rigshift daemon`
// with the flags set on fs (but --service), by this binary's absolute
// path: a rig without a display runs RigShift from boot with
//
//	rigshift daemon --service > ~/.config/systemd/user/rigshift.service
//	systemctl --user enable --now rigshift
//	loginctl enable-linger "$USER"
func printService(w io.Writer, fs *flag.FlagSet) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("finding the rigshift binary for the unit: %w", err)
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		return fmt.Errorf("finding the rigshift binary for the unit: %w", err)
	}
	cmd := []string{systemdQuote(exe), "daemon"}
	var bad error
	fs.Visit(func(f *flag.Flag) {
		v := f.Value.String()
		switch f.Name {
		case "service":
			return
		case "data-dir": // the unit does not start in this folder
			if v, err = filepath.Abs(v); err != nil {
				bad = err
			}
		}
		cmd = append(cmd, systemdQuote("--"+f.Name+"="+v))
	})
	if bad != nil {
		return fmt.Errorf("the data directory: %w", bad)
	}
	fmt.Fprintf(w, serviceUnit, strings.Join(cmd, " "))
	return nil
}

// serviceUnit stops RigShift with SIGTERM to it alone (KillMode=mixed):
// it stops the miners and jobs itself, billing and requeueing them, before
// systemd kills what is left.
const serviceUnit = `[Unit]
Description=RigShift: mining and rental jobs on this rig's GPUs

[Service]
ExecStart=%s
Restart=on-failure
RestartSec=10
KillMode=mixed
TimeoutStopSec=90

[Install]
WantedBy=default.target
`

// systemdQuote quotes a word of ExecStart for systemd, where needed.
func systemdQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\"'\\%$") {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "%", "%%", "$", "$$")
	return `"` + r.Replace(s) + `"`
}
