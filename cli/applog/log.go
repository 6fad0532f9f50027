package applog

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
)

// FileName is the name of RigShift's log file in its directory.
const FileName = "rigshift.log"

// Defaults for Options: three files of 5 MiB, so at most about 15 MiB.
const (
	DefaultMaxBytes = 5 << 20
	DefaultFiles    = 3
)

// Options say where and what to log. Zero values take the defaults.
type Options struct {
	Dir      string     // default DefaultDir()
	Level    slog.Level // the lowest level written; the zero value is Info
	MaxBytes int64      // rotate the file beyond this size
	Files    int        // files kept in all, the current one included
	// Stderr, when set, also receives the records (a terminal start) and
	// the note about the last crash.
	Stderr io.Writer
}

// Log is an open application log.
type Log struct {
	// Logger writes to the file (and to Options.Stderr when set).
	Logger *slog.Logger
	file   *RotatingFile
	path   string
	crash  string
}

// Open opens the log in opt.Dir, arranges for a crash of this process to
// be written to the crash file there, and reports a crash of the previous
// run: it is logged as a warning, printed on Stderr and kept for
// LastCrash.
func Open(opt Options) (*Log, error) {
	opt = opt.withDefaults()
	if opt.Dir == "" {
		dir, err := DefaultDir()
		if err != nil {
			return nil, err
		}
		opt.Dir = dir
	}
	if err := os.MkdirAll(opt.Dir, 0o700); err != nil {
		return nil, mkdirProblem(opt.Dir, err)
	}
	l := &Log{path: filepath.Join(opt.Dir, FileName)}
	var err error
	if l.file, err = OpenRotating(l.path, opt.MaxBytes, opt.Files); err != nil {
		return nil, err
	}
	l.Logger = slog.New(handler(l.file, opt))
	if l.crash, err = armCrashFile(opt.Dir); err != nil {
		l.Logger.Warn("crash file unavailable", "err", err)
	}
	l.reportCrash(opt.Stderr)
	return l, nil
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Files <= 0 {
		o.Files = DefaultFiles
	}
	return o
}

func handler(file io.Writer, opt Options) slog.Handler {
	ho := &slog.HandlerOptions{Level: opt.Level}
	h := slog.Handler(slog.NewTextHandler(file, ho))
	if opt.Stderr != nil {
		h = slog.NewMultiHandler(h, slog.NewTextHandler(opt.Stderr, ho))
	}
	return h
}

// Path is the current log file; "" when logging to the terminal only.
func (l *Log) Path() string { return l.path }

// Close flushes and closes the log file.
func (l *Log) Close() error {
	if l.file == nil {
		return nil
	}
	_ = l.file.Sync()
	return l.file.Close()
}
