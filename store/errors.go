package store

import (
	"errors"
	"fmt"
	"path/filepath"
)

// Sentinel errors for errors.Is. The error returned is an *Error that names
// the database file.
var (
	// ErrLocked means another process (usually another RigShift) holds the
	// database open.
	ErrLocked = errors.New("database is locked by another process")
	// ErrSchemaTooNew means the file was written by a newer RigShift.
	ErrSchemaTooNew = errors.New("database was written by a newer RigShift")
	// ErrCorrupt means the file is damaged or is not a RigShift database.
	ErrCorrupt = errors.New("database file is damaged")
)

// errForeignFile is the cause of an ErrCorrupt for a bbolt file another
// program wrote: not damaged, but not RigShift's to change.
var errForeignFile = errors.New("another program's file")

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// Error is a problem with the database file itself. Kind is ErrLocked,
// ErrSchemaTooNew or ErrCorrupt; Err, when set, is the underlying cause.
type Error struct {
	Kind error
	Path string
	Err  error
}

// Error words the problem for a rig owner: what happened and what to do.
func (e *Error) Error() string {
	switch e.Kind {
	case ErrLocked:
		return fmt.Sprintf("RigShift is already running (database %s is locked)", e.Path)
	case ErrSchemaTooNew:
		return fmt.Sprintf("database %s was written by a newer version of RigShift (%v); "+
			"update RigShift to open it — the file was not changed", e.Path, e.Err)
	case ErrCorrupt:
		if errors.Is(e.Err, errForeignFile) {
			return fmt.Sprintf("%s is not a RigShift database (%v); RigShift has not changed it. "+
				"Move it aside, or give RigShift another --data-dir", e.Path, e.Err)
		}
	}
	return fmt.Sprintf("database %s is damaged (%v); RigShift has not changed it. "+
		"Move it aside (for example rename it to %s.broken) and RigShift will start a fresh history",
		e.Path, e.Err, filepath.Base(e.Path))
}

// Unwrap lets errors.Is match both the kind and the underlying cause.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// corrupt builds an ErrCorrupt error for the file at path.
func corrupt(path string, cause error) error {
	return &Error{Kind: ErrCorrupt, Path: path, Err: cause}
}

// corruptf builds an ErrCorrupt error with a formatted cause.
func corruptf(path, format string, args ...any) error {
	return corrupt(path, fmt.Errorf(format, args...))
}
