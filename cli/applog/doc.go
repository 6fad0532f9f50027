// Package applog is RigShift's own log: log/slog records in a size-capped,
// rotated file in the user's state directory, and the crash file that lets
// the next start tell the owner where the stack of a crash is.
//
// It is for the long-running faces of RigShift (the window and the daemon);
// the one-shot commands keep printing to the terminal.
package applog
