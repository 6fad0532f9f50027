package desktop

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestEnableWritesAndDisableRemoves(t *testing.T) {
	a := Autostart{Path: filepath.Join(t.TempDir(), "autostart", AppID+".desktop")}
	if a.Enabled() {
		t.Fatal("enabled before Enable")
	}
	if err := a.Enable("/home/owner/My Apps/rigshift", true); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(a.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"[Desktop Entry]\n", "Type=Application\n",
		"Exec=\"/home/owner/My Apps/rigshift\" --hidden\n", "Icon=io.rigshift.app\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("entry lacks %q:\n%s", want, b)
		}
	}
	validate(t, a.Path)
	if !a.Enabled() {
		t.Error("not enabled after Enable")
	}
	if err := a.Disable(); err != nil || a.Enabled() {
		t.Errorf("Disable: %v, still enabled: %v", err, a.Enabled())
	}
	if err := a.Disable(); err != nil {
		t.Errorf("a second Disable: %v", err)
	}
}

// validate runs desktop-file-validate (desktop-file-utils) where installed.
func validate(t *testing.T, path string) {
	t.Helper()
	tool, err := exec.LookPath("desktop-file-validate")
	if err != nil {
		t.Log("desktop-file-validate is not installed: entry not validated")
		return
	}
	if out, err := exec.Command(tool, path).CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("desktop-file-validate: %v\n%s", err, out)
	}
}

func TestEnableRewritesTheEntry(t *testing.T) {
	a := Autostart{Path: filepath.Join(t.TempDir(), AppID+".desktop")}
	_ = a.Enable("/usr/bin/rigshift", true)
	if err := a.Enable("/usr/bin/rigshift", false); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(a.Path)
	if !strings.Contains(string(b), "Exec=/usr/bin/rigshift\n") {
		t.Errorf("entry not rewritten without --hidden:\n%s", b)
	}
	if st, _ := os.Stat(a.Path); st.Mode().Perm() != 0o644 {
		t.Errorf("entry mode %v", st.Mode().Perm())
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(a.Path), ".rigshift-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestEnableDefaultsToThisProgram(t *testing.T) {
	a := Autostart{Path: filepath.Join(t.TempDir(), AppID+".desktop")}
	if err := a.Enable("", false); err != nil {
		t.Fatal(err)
	}
	exe, _ := thisProgram()
	b, _ := os.ReadFile(a.Path)
	if !strings.Contains(string(b), "Exec="+escapeValue(quoteArg(exe))+"\n") {
		t.Errorf("entry does not start %s:\n%s", exe, b)
	}
}

// Started through a link (~/.local/bin/rigshift → a versioned folder),
// the entry starts the link: an update that swaps it keeps the entry
// working, where the old version's file would be gone. TryExec names it
// too, so a removed program is skipped quietly.
func TestEnableKeepsTheLinkItWasStartedBy(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "bin", "rigshift")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(exe, link); err != nil {
		t.Fatal(err)
	}
	defer func(arg0 string) { os.Args[0] = arg0 }(os.Args[0])
	os.Args[0] = link
	a := Autostart{Path: filepath.Join(t.TempDir(), AppID+".desktop")}
	if err := a.Enable("", true); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(a.Path)
	for _, want := range []string{"Exec=" + escapeValue(quoteArg(link)) + " --hidden\n", "TryExec=" + escapeValue(link) + "\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("entry lacks %q:\n%s", want, b)
		}
	}
	validate(t, a.Path)
	os.Args[0] = filepath.Join(t.TempDir(), "not-this-program")
	if got, _ := thisProgram(); got != exe {
		t.Errorf("started by a path that is not this program: entry for %s, want %s", got, exe)
	}
}

func TestQuoteArg(t *testing.T) {
	cases := []struct{ in, want string }{
		{"/usr/bin/rigshift", "/usr/bin/rigshift"},
		{"/opt/Rig Shift/rigshift", `"/opt/Rig Shift/rigshift"`},
		{"/opt/100%/rigshift", "/opt/100%%/rigshift"},
		{`/opt/$HOME"x/rig`, `"/opt/\$HOME\"x/rig"`},
		{`/opt/a\b`, `"/opt/a\\b"`},
	}
	for _, c := range cases {
		if got := quoteArg(c.in); got != c.want {
			t.Errorf("quoteArg(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	// The string escape doubles the quoting's backslash again.
	if got := escapeValue(quoteArg(`/a\b`)); got != `"/a\\\\b"` {
		t.Errorf("escaped Exec value %s", got)
	}
}

func TestDefaultAutostart(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/cfg")
	if a, _ := DefaultAutostart(); a.Path != "/cfg/autostart/io.rigshift.app.desktop" {
		t.Errorf("Path = %s", a.Path)
	}
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", "/home/owner")
	if a, _ := DefaultAutostart(); a.Path != "/home/owner/.config/autostart/io.rigshift.app.desktop" {
		t.Errorf("Path = %s", a.Path)
	}
}

// RigShift started with --data-dir, or on a simulated rig, starts the same
// one at login: the entry said only the program, so login started the
// default data directory's RigShift, another rig's history and settings,
// and the one the owner had set up did not start.
func TestEnablePassesTheFlagsOn(t *testing.T) {
	a := Autostart{Path: filepath.Join(t.TempDir(), AppID+".desktop"),
		Args: []string{"--data-dir=/srv/my rig", "--simulate=4"}}
	if err := a.Enable("/usr/bin/rigshift", true); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(a.Path)
	if want := `Exec=/usr/bin/rigshift "--data-dir=/srv/my rig" "--simulate=4" --hidden` + "\n"; !strings.Contains(string(b), want) {
		t.Errorf("entry lacks %q:\n%s", want, b)
	}
	validate(t, a.Path)
}

// There is one autostart entry for every RigShift of the user: the entry
// says whose it is, so that the RigShift of another data directory (a
// simulated rig tried out) can tell it from its own. An entry from before
// (no mark) is the default data directory's, which it starts.
func TestTheEntrySaysWhoseItIs(t *testing.T) {
	path := filepath.Join(t.TempDir(), AppID+".desktop")
	real, sim := Autostart{Path: path}, Autostart{Path: path, Instance: `/home/owner/.local/share/rigshift-simulated`}
	if real.Ours() || sim.Ours() {
		t.Fatal("no entry, yet one is ours")
	}
	if err := real.Enable("/usr/bin/rigshift", true); err != nil {
		t.Fatal(err)
	}
	if !real.Ours() || sim.Ours() {
		t.Errorf("the default data directory's entry: its own %v, the simulated rig's %v", real.Ours(), sim.Ours())
	}
	if err := sim.Enable("/usr/bin/rigshift", false); err != nil {
		t.Fatal(err)
	}
	validate(t, path)
	if real.Ours() || !sim.Ours() {
		t.Errorf("the simulated rig's entry: its own %v, the default's %v", sim.Ours(), real.Ours())
	}
	if err := os.WriteFile(path, []byte("[Desktop Entry]\nExec=/usr/bin/rigshift --hidden\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !real.Ours() || sim.Ours() {
		t.Error("an entry from before is not the default data directory's")
	}
}

// An entry that cannot be written says why in words, without Go's
// operation or the name of the temporary file it is first written to: the
// Settings note read "Saved, but start at login could not be set up:
// cannot set up start at login: open /home/rig/.config/autostart/
// .rigshift-123.desktop: permission denied" (a folder made with sudo).
func TestAnEntryThatCannotBeWrittenSaysWhyInWords(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	a := Autostart{Path: filepath.Join(file, "autostart", AppID+".desktop")}
	if err := a.Enable("/usr/bin/rigshift", false); err == nil || err.Error() != file+" is a file, not a folder" {
		t.Errorf("Enable: %v", err)
	}
	for _, c := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: "/home/rig/.config/autostart/.rigshift-123.desktop", Err: syscall.EACCES},
			"permission denied in /home/rig/.config/autostart (ls -ld /home/rig/.config/autostart)"},
		{&fs.PathError{Op: "write", Path: "/home/rig/.config/autostart/.rigshift-123.desktop", Err: syscall.ENOSPC},
			"the disk that holds /home/rig/.config/autostart is full"},
		{&fs.PathError{Op: "remove", Path: "/home/rig/.config/autostart/io.rigshift.app.desktop", Err: syscall.EROFS},
			"/home/rig/.config/autostart is on a read-only disk"},
	} {
		if got := fileProblem("/home/rig/.config/autostart", c.err).Error(); got != c.want {
			t.Errorf("%v: %q, want %q", c.err, got, c.want)
		}
	}
}
