package applog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"

	"github.com/rigshift/rigshift/jobs/oswords"
)

// RotatingFile is an io.Writer over a log file that is rotated before a
// write would take it past MaxBytes: path becomes path.1, path.1 becomes
// path.2 and so on, and the oldest beyond Files in all is removed. The
// files together never hold much more than MaxBytes × Files.
//
// A log file or directory deleted while RigShift runs is made again at the
// next rotation; a file that cannot be opened then is tried again at each
// write. Only Close ends the writing.
type RotatingFile struct {
	mu       sync.Mutex
	path     string
	maxBytes int64
	files    int
	f        *os.File // nil between a failed reopen and the next write
	size     int64
	closed   bool
}

// OpenRotating opens (appending) or creates the log file at path, and its
// directory. files is how many files to keep in all, the current one
// included (at least 1).
func OpenRotating(path string, maxBytes int64, files int) (*RotatingFile, error) {
	if maxBytes <= 0 || files < 1 {
		return nil, fmt.Errorf("log file %s: size cap %d and file count %d must be positive", path, maxBytes, files)
	}
	r := &RotatingFile{path: path, maxBytes: maxBytes, files: files}
	if err := r.open(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *RotatingFile) open() error {
	if err := os.MkdirAll(filepath.Dir(r.path), 0o700); err != nil {
		return mkdirProblem(filepath.Dir(r.path), err)
	}
	f, err := os.OpenFile(r.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return oswords.Worded(fmt.Sprintf("cannot open %s (%v)", r.path, oswords.System(err)), err)
	}
	st, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return fmt.Errorf("cannot read the log file: %w", err)
	}
	r.f, r.size = f, st.Size()
	return nil
}

// Write appends p, rotating first when p would not fit. A single write
// larger than the cap goes whole into a fresh file.
func (r *RotatingFile) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return 0, os.ErrClosed
	}
	if r.f != nil && r.size > 0 && r.size+int64(len(p)) > r.maxBytes {
		// A rotation that failed (other than for a file already gone)
		// leaves the file over its cap; the line is still worth keeping,
		// and the next write tries again.
		_ = r.rotate()
	}
	if r.f == nil {
		if err := r.open(); err != nil {
			return 0, err
		}
	}
	n, err := r.f.Write(p)
	r.size += int64(n)
	return n, err
}

// rotate closes the current file, shifts the numbered files up by one,
// dropping the oldest, and leaves r.f nil for Write to open an empty
// current file. A file that is not there (deleted by the owner or a
// clean-up) needs no shifting.
func (r *RotatingFile) rotate() error {
	err := r.f.Close()
	r.f = nil
	if err != nil {
		return fmt.Errorf("cannot close the log file for rotation: %w", err)
	}
	if r.files == 1 {
		if err := os.Truncate(r.path, 0); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("cannot empty the log file: %w", err)
		}
		return nil
	}
	_ = os.Remove(r.numbered(r.files - 1))
	for i := r.files - 2; i >= 0; i-- {
		if err := os.Rename(r.numbered(i), r.numbered(i+1)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("cannot rotate the log files: %w", err)
		}
	}
	return nil
}

// numbered is the path of the i-th older file; 0 is the current one.
func (r *RotatingFile) numbered(i int) string {
	if i == 0 {
		return r.path
	}
	return fmt.Sprintf("%s.%d", r.path, i)
}

// Sync flushes the current file to disk.
func (r *RotatingFile) Sync() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.closed:
		return os.ErrClosed
	case r.f == nil:
		return nil // nothing written since a failed reopen
	}
	return r.f.Sync()
}

// Close closes the current file; later writes fail with os.ErrClosed.
func (r *RotatingFile) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	if r.f == nil {
		return nil
	}
	err := r.f.Close()
	r.f = nil
	return err
}

// mkdirProblem says why the log folder dir could not be made, and what
// to do: os.MkdirAll's error names, with Go's "mkdir", the first folder it
// could not make, which is not always dir. The system's error stays for
// errors.Is.
func mkdirProblem(dir string, err error) error {
	at := dir
	var pe *fs.PathError
	if errors.As(err, &pe) {
		at = pe.Path
	}
	head := "cannot make its folder " + dir
	elsewhere := ""
	if runtime.GOOS == "linux" {
		elsewhere = ", or set XDG_STATE_HOME to a folder of yours"
	}
	in := filepath.Dir(at)
	var msg string
	switch {
	case errors.Is(err, fs.ErrPermission):
		msg = fmt.Sprintf("%s: permission denied in %s; check its owner and permissions (ls -ld %s)%s", head, in, in, elsewhere)
	case errors.Is(err, syscall.ENOTDIR), errors.Is(err, fs.ErrExist):
		msg = fmt.Sprintf("%s: %s is a file, not a folder", head, at)
	default:
		msg = fmt.Sprintf("%s (%v)", head, oswords.System(err))
	}
	return oswords.Worded(msg, err)
}
