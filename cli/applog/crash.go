package applog

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"sync/atomic"
)

// crashFile receives the Go runtime's report of a fatal panic or error in
// any goroutine (debug.SetCrashOutput). It stays empty while all is well.
const crashFile = "crash.log"

// keepCrashes is how many earlier crash reports are kept.
const keepCrashes = 3

var lastCrash atomic.Pointer[string]

// LastCrash returns the file holding the report of the crash that ended
// the previous run, when the last Open in this process found one. The UI
// can offer to open it.
func LastCrash() (path string, ok bool) {
	if p := lastCrash.Load(); p != nil {
		return *p, true
	}
	return "", false
}

// armCrashFile moves a non-empty crash file of the previous run aside
// (returning its new path) and points the runtime's crash output at an
// empty one.
func armCrashFile(dir string) (previous string, err error) {
	path := filepath.Join(dir, crashFile)
	if st, err := os.Stat(path); err == nil && st.Size() > 0 {
		previous = filepath.Join(dir, "crash-"+st.ModTime().Format("20060102-150405")+".log")
		if err := os.Rename(path, previous); err != nil {
			return "", fmt.Errorf("cannot keep the last crash report: %w", err)
		}
		pruneCrashes(dir)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return previous, fmt.Errorf("cannot open the crash file: %w", err)
	}
	defer f.Close()
	return previous, debug.SetCrashOutput(f, debug.CrashOptions{})
}

// pruneCrashes removes all but the newest keepCrashes reports.
func pruneCrashes(dir string) {
	old, _ := filepath.Glob(filepath.Join(dir, "crash-*.log"))
	sort.Strings(old) // the names sort by time
	for len(old) > keepCrashes {
		_ = os.Remove(old[0])
		old = old[1:]
	}
}

// reportCrash tells the owner, once, where the last crash's report is.
func (l *Log) reportCrash(stderr io.Writer) {
	if l.crash == "" {
		lastCrash.Store(nil)
		return
	}
	crash := l.crash
	lastCrash.Store(&crash)
	// The file only: stderr gets the sentence below.
	slog.New(slog.NewTextHandler(l.file, nil)).Warn("RigShift stopped unexpectedly last time", "report", crash)
	if stderr != nil {
		fmt.Fprintf(stderr, "RigShift stopped unexpectedly last time; the report is in %s\n", crash)
	}
}

// Recover, deferred at the top of the main goroutine, writes a panic and
// its stack to the log before letting the panic continue (the runtime then
// also writes it to the crash file and stops the process).
func (l *Log) Recover() {
	r := recover()
	if r == nil {
		return
	}
	l.Logger.Error("crash", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
	if l.file != nil {
		_ = l.file.Sync()
	}
	panic(r)
}
