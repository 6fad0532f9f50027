package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Store is RigShift's history database. It is safe for concurrent use.
type Store struct {
	db    *bolt.DB
	path  string
	opts  Options
	clock atomic.Pointer[func() time.Time] // nil: the wall clock; tests set it
	// opened is when Open ran, on the monotonic clock too; realClock, set
	// by tests, replaces the real time since then (nil: the monotonic
	// clock's). Retention measures clock jumps with them.
	opened    time.Time
	realClock atomic.Pointer[func() time.Duration]
	jumps     clockSteps // the wall clock's jumps since Open

	flushHook func(stage string, t time.Time) // test hook handed to the telemetry writer
	health    writeHealth                     // the writes refused lately
	fault     atomic.Pointer[error]           // FailWrites's error: tests fill the disk

	mu     sync.Mutex // guards writer and closed
	writer *TelemetryWriter
	closed bool
}

// Open opens (or creates) the database at path, creating its directory. It
// fails with ErrLocked when another process has the file open, with
// ErrSchemaTooNew when a newer RigShift wrote it, and with ErrCorrupt when
// the file is damaged; in all three cases the file is left as it was.
//
// With opts.ReadOnly it only reads: see openReadOnly.
func Open(path string, opts Options) (*Store, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if opts.ReadOnly {
		return openReadOnly(path, opts)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		if werr := fileInTheWay(filepath.Dir(path), err); werr != nil {
			return nil, werr
		}
		if perr := permissionDenied(path, err); perr != nil {
			return nil, perr
		}
		return nil, fmt.Errorf("cannot create RigShift's data directory for %s: %w", path, err)
	}
	isNew, err := precheck(path, false)
	if err != nil {
		return nil, err
	}
	db, err := openBolt(path, opts.LockTimeout, false)
	if err != nil {
		if isNew && !errors.Is(err, ErrLocked) {
			os.Remove(path) // a half-initialised file would look damaged next time
		}
		return nil, err
	}
	s := &Store{db: db, path: path, opts: opts, opened: time.Now()}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// openReadOnly opens an existing database to read it as it is, for the
// commands that only look while RigShift is stopped (events, settings,
// exports): an older schema is not upgraded, for an upgraded file would
// refuse the older RigShift the owner may go back to, though they only
// looked. Readers share bbolt's lock, so a writer (RigShift, db compact)
// waits for them as it waited for an export before, and they for it.
// A missing or empty file is fs.ErrNotExist: there is no history yet.
func openReadOnly(path string, opts Options) (*Store, error) {
	if isNew, err := precheck(path, true); err != nil {
		if errors.Is(err, syscall.ENOTDIR) { // the folder, or one above it, is a file
			if werr := fileInTheWay(filepath.Dir(path), err); werr != nil {
				return nil, werr
			}
		}
		return nil, err
	} else if isNew {
		return nil, noHistory(path)
	}
	db, err := openBolt(path, opts.LockTimeout, true)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, opts: opts, opened: time.Now()}
	if err := s.readableSchema(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// noHistory is a read-only open's error for a database not there yet.
func noHistory(path string) error {
	return &wordedError{fmt.Sprintf("there is no RigShift history in %s yet", path), fs.ErrNotExist}
}

// fileInTheWay says so when the data folder dir is a file, or would be
// made below one: the system's words for it are "mkdir /srv/rig: not a
// directory". It is nil when nothing on the way is a file; cause, the
// system's error, stays for errors.Is.
func fileInTheWay(dir string, cause error) error {
	dir = filepath.Clean(dir)
	for p := dir; ; p = filepath.Dir(p) {
		info, err := os.Stat(p)
		switch {
		case err == nil && info.IsDir():
			return nil
		case err == nil && p == dir:
			return &wordedError{fmt.Sprintf("the data folder %s is a file, not a folder: move it away, or give RigShift another --data-dir", dir), cause}
		case err == nil:
			return &wordedError{fmt.Sprintf("cannot make the data folder %s: %s is a file, not a folder", dir, p), cause}
		case filepath.Dir(p) == p:
			return nil
		}
	}
}

// permissionDenied says in words which folder or file RigShift may not
// read or write, and what to do, where cause is the system's "permission
// denied": "open /srv/rig/rigshift.db: permission denied" did not say
// whether the folder or the file was the trouble (a folder made with
// sudo belongs to root). It is nil for any other error; cause stays for
// errors.Is.
func permissionDenied(path string, cause error) error {
	return permissionDeniedTo(path, cause, "read and write")
}

// permissionDeniedTo is permissionDenied for a file opened to do access
// ("read" for a read-only open, "read and write").
func permissionDeniedTo(path string, cause error, access string) error {
	if !errors.Is(cause, fs.ErrPermission) {
		return nil
	}
	dir := filepath.Clean(filepath.Dir(path))
	fix := func(what, ls string) string {
		return fmt.Sprintf("check %s owner and permissions (%s), or give RigShift another --data-dir", what, ls)
	}
	_, dirErr := os.Stat(dir)
	_, fileErr := os.Stat(path)
	var msg string
	switch blocked := existingAncestor(dir); {
	case errors.Is(dirErr, fs.ErrPermission):
		msg = fmt.Sprintf("cannot read the data folder %s: permission denied on %s; %s", dir, blocked, fix("its", "ls -ld "+blocked))
	case errors.Is(dirErr, fs.ErrNotExist):
		msg = fmt.Sprintf("cannot make the data folder %s: permission denied in %s; %s", dir, blocked, fix("its", "ls -ld "+blocked))
	case errors.Is(fileErr, fs.ErrPermission):
		msg = fmt.Sprintf("cannot read the data folder %s (permission denied): %s", dir, fix("its", "ls -ld "+dir))
	case errors.Is(fileErr, fs.ErrNotExist):
		msg = fmt.Sprintf("cannot write in the data folder %s (permission denied): %s", dir, fix("its", "ls -ld "+dir))
	default:
		msg = fmt.Sprintf("cannot %s the database %s (permission denied): %s", access, path, fix("its", "ls -l "+path))
	}
	return &wordedError{msg, cause}
}

// existingAncestor is the nearest folder above dir that can be looked
// at: the one RigShift may not look into, or make dir in.
func existingAncestor(dir string) string {
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		if _, err := os.Stat(p); err == nil || filepath.Dir(p) == p {
			return p
		}
	}
}

// wordedError is an error said in words, with the system's error behind it.
type wordedError struct {
	msg   string
	cause error
}

func (e *wordedError) Error() string { return e.msg }
func (e *wordedError) Unwrap() error { return e.cause }

// openBolt opens the file with a lock timeout, translating bbolt's errors
// into ones a rig owner can act on; readOnly opens it to read only, with
// a lock shared with other readers.
func openBolt(path string, timeout time.Duration, readOnly bool) (*bolt.DB, error) {
	var f *os.File
	var db *bolt.DB
	opts := &bolt.Options{
		Timeout:      timeout,
		ReadOnly:     readOnly,
		FreelistType: bolt.FreelistMapType,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			var err error
			f, err = os.OpenFile(name, flag, perm)
			return f, err
		},
	}
	err := guard(path, func() error {
		var err error
		db, err = bolt.Open(path, 0o600, opts)
		return err
	})
	if db == nil && f != nil {
		f.Close() // after a recovered panic bbolt still holds the file and its lock
	}
	return db, openError(path, err, readOnly)
}

// openError words an error from bolt.Open.
func openError(path string, err error, readOnly bool) error {
	var se *Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &se):
		return err
	case errors.Is(err, berrors.ErrTimeout):
		return &Error{Kind: ErrLocked, Path: path, Err: err}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch),
		errors.Is(err, berrors.ErrChecksum):
		return corrupt(path, err)
	case errors.Is(err, os.ErrPermission) && readOnly:
		return permissionDeniedTo(path, err, "read")
	case errors.Is(err, os.ErrPermission):
		return permissionDenied(path, err)
	case errors.Is(err, syscall.EROFS):
		return fmt.Errorf("cannot open database %s: the data directory is on a read-only file system: %w", path, err)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("cannot open database %s: the disk is full: %w", path, err)
	}
	return fmt.Errorf("cannot open database %s: %w", path, err)
}

// now is the time retention and default timestamps use.
func (s *Store) now() time.Time {
	if f := s.clock.Load(); f != nil {
		return (*f)()
	}
	return time.Now()
}

// Path is the database file's location, for Settings and `rigshift status`.
func (s *Store) Path() string { return s.path }

// Close flushes buffered telemetry and closes the file.
func (s *Store) Close() error {
	s.mu.Lock()
	w := s.writer
	s.closed = true
	s.mu.Unlock()
	var werr error
	if w != nil {
		werr = w.Close()
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("closing database %s: %w", s.path, err)
	}
	return werr
}
