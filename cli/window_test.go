package cli

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/jobs/socket/sockettest"
	"github.com/rigshift/rigshift/store"
)

// No test opens a real window to say a start failed: they record it.
var startFailures []string

func init() { startFailed = func(why string) { startFailures = append(startFailures, why) } }

// Started from the desktop with a damaged database, the window says why
// it could not start, instead of vanishing without a word.
func TestAFailedStartSaysWhy(t *testing.T) {
	t.Setenv("DISPLAY", ":0") // a desktop start, though none is opened
	dir := privateRuntime(t)
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	if err := os.WriteFile(filepath.Join(dir, store.FileName), []byte(strings.Repeat("not a database ", 400)), 0o600); err != nil {
		t.Fatal(err)
	}
	startFailures = nil
	code, _, stderr := runCLI(t, "window", "--simulate", "1", "--data-dir", dir)
	if code != exitError || len(startFailures) != 1 || !strings.Contains(startFailures[0], "is damaged") ||
		!strings.Contains(stderr, startFailures[0]) {
		t.Errorf("exit %d, shown %q, stderr %q", code, startFailures, stderr)
	}
	startFailures = nil
	if code, _, _ := runCLI(t, "window", "--no-such-flag"); code != exitUsage || len(startFailures) != 0 {
		t.Errorf("a mistyped flag: exit %d, shown %q", code, startFailures)
	}
}

// Launched a second time, the app shows the running one's window and
// exits; where the running one is a daemon, the owner reads why neither
// could open a window, in a window too. No window is opened by the test: the database is
// held, so this launch never gets as far as its own.
func TestSecondLaunchShowsTheRunningWindow(t *testing.T) {
	t.Setenv("DISPLAY", ":0") // a desktop start, though none is opened
	dir := privateRuntime(t)
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	holdStore(t, dir)
	srv, err := socket.Listen(socket.Config{DataDir: dir, API: sockettest.NewAPI(1), Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx) }()
	defer func() { cancel(); <-served }()

	startFailures = nil
	code, _, stderr := runCLI(t, "window", "--simulate", "1", "--data-dir", dir)
	if code != exitError || !strings.Contains(stderr, "RigShift is already running") || !strings.Contains(stderr, "has no window") {
		t.Errorf("with a daemon running: exit %d, %q", code, stderr)
	}
	// The commands it names reach this data folder's RigShift, not the
	// default one's, which `rigshift status` alone would ask.
	if want := "use `rigshift status --data-dir " + dir + "` and `rigshift mode --data-dir " + dir + "`"; !strings.Contains(stderr, want) {
		t.Errorf("with a daemon running for %s: %q, want it to say %q", dir, stderr, want)
	}
	if len(startFailures) != 1 { // launched from the menu, stderr goes nowhere
		t.Errorf("the failure was shown on the desktop %d times (want 1): %q", len(startFailures), startFailures)
	}
	shown := make(chan struct{}, 1)
	srv.SetWindow(func() error { shown <- struct{}{}; return nil })
	code, out, stderr := runCLI(t, "window", "--simulate", "1", "--data-dir", dir)
	if code != exitOK || !strings.Contains(out, "its window is shown") {
		t.Fatalf("with a window running: exit %d, out %q, stderr %q", code, out, stderr)
	}
	select {
	case <-shown:
	default:
		t.Error("the running window was not asked to show itself")
	}
}

// Typed over ssh, or on a rig without a desktop, `rigshift` says there is
// no display to open the window on, and points at the daemon, before
// anything starts: it used to start the rig's work, then crash with a Go
// stack trace in the window library, leaving a crash report that the next
// start told of as if RigShift had failed.
func TestNoDisplaySaysSoBeforeAnythingStarts(t *testing.T) {
	if !needsDisplay {
		t.Skip("this system's windows need no DISPLAY")
	}
	dir := privateRuntime(t)
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	startFailures = nil
	code, _, stderr := runCLI(t, "window", "--simulate", "1", "--data-dir", dir)
	if code != exitError || !strings.Contains(stderr, "no display") || !strings.Contains(stderr, "rigshift daemon") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, store.FileName)); !os.IsNotExist(err) {
		t.Errorf("the history was opened: %v", err)
	}
}

// Launched while the database is held but no RigShift answers on the
// socket (one is still stopping its jobs, whose socket closes first, or
// 'rigshift db compact' runs), the app says so, instead of "RigShift is
// already running …: RigShift is not running", which contradicts itself.
func TestALaunchWhileRigShiftStopsSaysSo(t *testing.T) {
	t.Setenv("DISPLAY", ":0") // a desktop start, though none is opened
	defer func(wait time.Duration) { startingWait = wait }(startingWait)
	startingWait = 300 * time.Millisecond // nobody will answer
	dir := privateRuntime(t)
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	holdStore(t, dir)
	startFailures = nil
	code, _, stderr := runCLI(t, "window", "--simulate", "1", "--data-dir", dir)
	if code != exitError || strings.Contains(stderr, "not running") || !strings.Contains(stderr, "stopping") ||
		!strings.Contains(stderr, filepath.Join(dir, store.FileName)) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if len(startFailures) != 1 {
		t.Errorf("shown on the desktop %d times (want 1): %q", len(startFailures), startFailures)
	}
}

// Started at login into the tray (--hidden) while RigShift already runs,
// the app leaves it be: the rig is looked after, and nobody is shown
// "RigShift could not start" at every login.
func TestAHiddenLaunchLeavesTheRunningOneBe(t *testing.T) {
	t.Setenv("DISPLAY", ":0") // a desktop start, though none is opened
	dir := privateRuntime(t)
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	holdStore(t, dir)
	srv, err := socket.Listen(socket.Config{DataDir: dir, API: sockettest.NewAPI(1), Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx) }()
	defer func() { cancel(); <-served }()
	shown := make(chan struct{}, 1)
	srv.SetWindow(func() error { shown <- struct{}{}; return nil })

	startFailures = nil
	code, out, stderr := runCLI(t, "window", "--hidden", "--simulate", "1", "--data-dir", dir)
	if code != exitOK || !strings.Contains(out, "already running") || len(startFailures) != 0 {
		t.Errorf("exit %d, out %q, stderr %q, shown on the desktop %q", code, out, stderr, startFailures)
	}
	select {
	case <-shown:
		t.Error("a launch into the tray brought the running window up")
	default:
	}
}

// Launched twice at once (a double click in the menu), the second launch
// finds the database held by the first before the first listens on its
// socket (it restores the jobs and opens the GPUs first): it waits for it
// to answer and shows its window, instead of failing.
func TestADoubleLaunchWaitsForTheFirstToAnswer(t *testing.T) {
	t.Setenv("DISPLAY", ":0") // a desktop start, though none is opened
	dir := privateRuntime(t)
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	holdStore(t, dir)
	srv, err := socket.Listen(socket.Config{DataDir: dir, API: sockettest.NewAPI(1), Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	shown := make(chan struct{}, 1)
	srv.SetWindow(func() error { shown <- struct{}{}; return nil })
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		time.Sleep(1500 * time.Millisecond) // past the 1 s the second launch waits for the database
		served <- srv.Serve(ctx)
	}()
	defer func() { cancel(); <-served }()
	// The socket file exists once Listen returns; a starting RigShift has not made it yet.
	if err := os.Rename(socket.SocketPath(dir), socket.SocketPath(dir)+".later"); err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(1200 * time.Millisecond)
		_ = os.Rename(socket.SocketPath(dir)+".later", socket.SocketPath(dir))
	}()

	startFailures = nil
	code, out, stderr := runCLI(t, "window", "--simulate", "1", "--data-dir", dir)
	if code != exitOK || !strings.Contains(out, "its window is shown") || len(startFailures) != 0 {
		t.Errorf("exit %d, out %q, stderr %q, shown on the desktop %q", code, out, stderr, startFailures)
	}
}

// The window's RigShift serves its socket a moment before its window is
// up (a third of a second under Xvfb, while Fyne builds the screens): a
// second launch then was told that the RigShift running "has no window
// (it runs as `rigshift daemon`)", in a window saying RigShift could not
// start. It waits for the window and shows it.
func TestASecondLaunchWaitsForTheWindowOnItsWay(t *testing.T) {
	t.Setenv("DISPLAY", ":0") // a desktop start, though none is opened
	dir := privateRuntime(t)
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	in, err := startInstance(instanceFlags{rigFlags: rigFlags{simulate: 1}, dataDir: dir, window: true}, nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer in.stop()
	shown := make(chan struct{}, 1)
	go func() {
		// Past the 1 s the second launch waits for the database: it asks
		// while the window is being built, as one launched half a second
		// after the first, on a rig whose GPUs take a second to open, does.
		time.Sleep(1500 * time.Millisecond)
		in.offerWindow(func() { shown <- struct{}{} })
	}()

	startFailures = nil
	code, out, stderr := runCLI(t, "window", "--simulate", "1", "--data-dir", dir)
	if code != exitOK || !strings.Contains(out, "its window is shown") || len(startFailures) != 0 {
		t.Fatalf("exit %d, out %q, stderr %q, shown on the desktop %q", code, out, stderr, startFailures)
	}
	select {
	case <-shown:
	case <-time.After(5 * time.Second):
		t.Error("the running window was not shown")
	}
}

// Start at login starts the RigShift that set it up: its data directory
// (absolute: the desktop starts it elsewhere), its simulated rig, its
// metrics and log level; not --hidden, which the setting decides.
func TestLoginArgsAreTheFlagsGiven(t *testing.T) {
	t.Chdir(t.TempDir())
	var f instanceFlags
	hidden := false
	fs := newFlagSet("window", io.Discard, "")
	f.register(fs)
	fs.BoolVar(&hidden, "hidden", false, "")
	if err := parse(fs, []string{"--data-dir", "rig data", "--simulate", "2", "--hidden", "--log-level", "debug"}); err != nil {
		t.Fatal(err)
	}
	got, err := loginArgs(fs)
	wd, _ := os.Getwd()
	want := []string{"--data-dir=" + filepath.Join(wd, "rig data"), "--log-level=DEBUG", "--simulate=2"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("loginArgs = %q, %v; want %q", got, err, want)
	}
}

// The autostart entry names the RigShift it starts by its data directory,
// the default one's by none (as entries written before did).
func TestLoginInstance(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	def, err := store.DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	sim := def + simulatedSuffix
	if got := loginInstance(filepath.Join(def, store.FileName)); got != "" {
		t.Errorf("the default data directory's RigShift is %q", got)
	}
	if got := loginInstance(filepath.Join(sim, store.FileName)); got != sim {
		t.Errorf("the simulated rig's RigShift is %q, want %q", got, sim)
	}
	// The default directory given by a link to it is still the default
	// one's: a second entry would start the same RigShift twice.
	if err := os.MkdirAll(def, 0o700); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "rig")
	if err := os.Symlink(def, link); err != nil {
		t.Fatal(err)
	}
	if got := loginInstance(filepath.Join(link, store.FileName)); got != "" {
		t.Errorf("the default data directory through a link is %q, want the default one's", got)
	}
}
