package applog

import (
	"fmt"
	"io"
	"log/slog"
)

// OpenOrStderr is Open for a start that must not fail over its log: when
// the log file cannot be opened it says so on opt.Stderr and returns a Log
// that writes to opt.Stderr (or nowhere) only.
func OpenOrStderr(opt Options) *Log {
	l, err := Open(opt)
	if err == nil {
		return l
	}
	w := opt.Stderr
	if w == nil {
		w = io.Discard
	}
	fmt.Fprintf(w, "RigShift cannot write its log file: %v; logging to the terminal only.\n", err)
	return &Log{Logger: slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: opt.Level}))}
}
