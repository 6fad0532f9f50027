package applog

import (
	"errors"
	"fmt"
	"os"
	"sync"
)

// RotatingFile is an io.Writer over a log file that is rotated before a
// write would take it past MaxBytes: path becomes path.1, path.1 becomes
// path.2 and so on, and the oldest beyond Files in all is removed. The
// files together never hold much more than MaxBytes × Files.
type RotatingFile struct {
	mu       sync.Mutex
	path     string
	maxBytes int64
	files    int
	f        *os.File
	size     int64
}

// OpenRotating opens (appending) or creates the log file at path. files is
// how many files to keep in all, the current one included (at least 1).
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
	f, err := os.OpenFile(r.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("cannot open the log file: %w", err)
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
	if r.f == nil {
		return 0, os.ErrClosed
	}
	if r.size > 0 && r.size+int64(len(p)) > r.maxBytes {
		if err := r.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := r.f.Write(p)
	r.size += int64(n)
	return n, err
}

// rotate shifts the numbered files up by one, dropping the oldest, and
// starts an empty current file.
func (r *RotatingFile) rotate() error {
	if err := r.f.Close(); err != nil {
		return fmt.Errorf("cannot close the log file for rotation: %w", err)
	}
	r.f = nil
	if r.files == 1 {
		if err := os.Truncate(r.path, 0); err != nil {
			return fmt.Errorf("cannot empty the log file: %w", err)
		}
		return r.open()
	}
	_ = os.Remove(r.numbered(r.files - 1))
	for i := r.files - 2; i >= 1; i-- {
		if err := os.Rename(r.numbered(i), r.numbered(i+1)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("cannot rotate the log files: %w", err)
		}
	}
	if err := os.Rename(r.path, r.numbered(1)); err != nil {
		return fmt.Errorf("cannot rotate the log file: %w", err)
	}
	return r.open()
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
	if r.f == nil {
		return os.ErrClosed
	}
	return r.f.Sync()
}

// Close closes the current file; later writes fail with os.ErrClosed.
func (r *RotatingFile) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return nil
	}
	err := r.f.Close()
	r.f = nil
	return err
}
