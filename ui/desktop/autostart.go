package desktop

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/rigshift/rigshift/jobs/oswords"
)

// AppID names the entry file, as the .desktop file `fyne package` installs.
const AppID = "io.rigshift.app"

// Autostart is the autostart entry at Path.
type Autostart struct {
	Path string
	// Args are the flags that pick the RigShift to start (its data
	// directory, a simulated rig), passed on before --hidden: without
	// them login starts the default data directory's, another rig.
	Args []string
	// Instance is the data directory of the RigShift the entry starts, ""
	// for the default one. All of a user's RigShifts share the one entry:
	// one of another data directory (a simulated rig tried out) must leave
	// an entry that is not its own alone (Ours).
	Instance string
}

// DefaultAutostart is the entry in the user's autostart directory,
// $XDG_CONFIG_HOME/autostart (default ~/.config/autostart).
func DefaultAutostart() (Autostart, error) {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil || home == "" {
			return Autostart{}, errors.New("cannot find your home directory")
		}
		dir = filepath.Join(home, ".config")
	}
	return Autostart{Path: filepath.Join(dir, "autostart", AppID+".desktop")}, nil
}

// Enabled reports whether the entry exists.
func (a Autostart) Enabled() bool {
	_, err := os.Stat(a.Path)
	return err == nil
}

// Enable writes the entry so the desktop session starts exe at login,
// in the tray without the window when hidden. exe "" means this program.
func (a Autostart) Enable(exe string, hidden bool) error {
	if exe == "" {
		var err error
		if exe, err = thisProgram(); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(a.Path), 0o755); err != nil {
		return fileProblem(filepath.Dir(a.Path), err)
	}
	return writeAtomic(a.Path, []byte(entry(exe, a.Args, a.Instance, hidden)))
}

// Ours reports whether the entry is there and starts a.Instance's
// RigShift. An entry without the mark, written before it was, starts the
// default data directory's.
func (a Autostart) Ours() bool {
	b, err := os.ReadFile(a.Path)
	if err != nil {
		return false
	}
	mark := ""
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(strings.TrimRight(line, "\r\n"), instanceKey+"="); ok {
			mark = v
		}
	}
	return mark == escapeValue(a.Instance)
}

// Disable removes the entry; it is not an error when there is none.
func (a Autostart) Disable() error {
	if err := os.Remove(a.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fileProblem(filepath.Dir(a.Path), err)
	}
	return nil
}

// thisProgram is the path this program was started by, links left as
// they are: an update that swaps ~/.local/bin/rigshift (a link) to a new
// version keeps the entry working, where the link's target would be gone.
// Where that path is not known, the running binary.
func thisProgram() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("cannot find the RigShift program to start (%w)", err)
	}
	if launched := launchedAs(os.Args[0]); launched != "" && sameFile(launched, exe) {
		return launched, nil
	}
	return exe, nil
}

// launchedAs makes argv[0] an absolute path: as given when it names a
// path, else found on PATH as the shell did.
func launchedAs(arg0 string) string {
	if !strings.Contains(arg0, "/") {
		found, err := exec.LookPath(arg0)
		if err != nil {
			return ""
		}
		arg0 = found
	}
	abs, err := filepath.Abs(arg0)
	if err != nil {
		return ""
	}
	return abs
}

func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// writeAtomic replaces path in one step, so a session starting meanwhile
// never reads half an entry.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".rigshift-*.desktop")
	if err != nil {
		return fileProblem(filepath.Dir(path), err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fileProblem(filepath.Dir(path), err)
	}
	return nil
}

// fileProblem says in words why the entry in dir could not be written or
// removed: the system's error named the temporary file it is first
// written to, which the owner never chose, after Go's "open". The caller
// says what could not be done ("start at login could not be set up");
// the system's error stays for errors.Is.
func fileProblem(dir string, err error) error {
	return oswords.Worded(oswords.InFolder(dir, err), err)
}
