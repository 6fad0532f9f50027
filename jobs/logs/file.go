package logs

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// File is a log file capped in size: when a write would pass the cap, the
// file is renamed to path.1 (path.1 to path.2, and so on, up to the number
// of backups kept) and a new file is started. The disk used is therefore at
// most (backups+1) × maxBytes. Writes are buffered: call Flush after a
// batch of lines. It is safe for concurrent use.
type File struct {
	mu       sync.Mutex
	path     string
	maxBytes int64
	backups  int
	f        *os.File
	w        *bufio.Writer
	size     int64 // bytes in the file, buffered ones included
}

// OpenFile opens (appending) or creates the log file at path, creating its
// directory. maxBytes is raised to at least 4 KiB; backups below 0 mean 0.
func OpenFile(path string, maxBytes int64, backups int) (*File, error) {
	lf := &File{path: path, maxBytes: max(maxBytes, 4096), backups: max(backups, 0)}
	if err := lf.open(); err != nil {
		return nil, err
	}
	return lf, nil
}

func (lf *File) open() error {
	if err := os.MkdirAll(filepath.Dir(lf.path), 0o700); err != nil { // deleted with the file, maybe; the owner's alone
		return fmt.Errorf("creating log directory: %w", err)
	}
	f, err := os.OpenFile(lf.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("opening log file: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("reading log file size: %w", err)
	}
	lf.f, lf.size = f, st.Size()
	if lf.w == nil {
		lf.w = bufio.NewWriterSize(f, 32<<10)
	} else {
		lf.w.Reset(f)
	}
	return nil
}

// Path returns the path of the current file.
func (lf *File) Path() string { return lf.path }

// WriteLine buffers s and a newline, rotating first when needed. A line
// longer than the cap is cut to fit.
func (lf *File) WriteLine(s string) error {
	lf.mu.Lock()
	defer lf.mu.Unlock()
	if lf.f == nil {
		return os.ErrClosed
	}
	s = cut(s, int(lf.maxBytes)-1)
	if lf.size+int64(len(s))+1 > lf.maxBytes {
		if err := lf.rotate(); err != nil {
			return err
		}
	}
	lf.w.WriteString(s)
	lf.size += int64(len(s)) + 1
	if err := lf.w.WriteByte('\n'); err != nil { // bufio's error is sticky: this reports either write
		return fmt.Errorf("writing log file: %w", err)
	}
	return nil
}

// Flush writes buffered lines to the file.
func (lf *File) Flush() error {
	lf.mu.Lock()
	defer lf.mu.Unlock()
	if lf.f == nil {
		return os.ErrClosed
	}
	if err := lf.w.Flush(); err != nil {
		return fmt.Errorf("writing log file: %w", err)
	}
	return lf.reopenIfDeleted()
}

// reopenIfDeleted starts a new file when the file was deleted under us (a
// job can find its log beside its progress file): what was written to it
// is lost, but what comes next, RigShift's word on how the job ended
// among it, is kept. One stat a flush, and a flush per batch of lines.
func (lf *File) reopenIfDeleted() error {
	if _, err := os.Stat(lf.path); !os.IsNotExist(err) {
		return nil
	}
	if err := lf.f.Close(); err != nil {
		return fmt.Errorf("closing deleted log file: %w", err)
	}
	lf.f = nil
	return lf.open()
}

// rotate shifts path.N-1 → path.N … path → path.1 and reopens path.
func (lf *File) rotate() error {
	if err := lf.w.Flush(); err != nil {
		return fmt.Errorf("writing log file: %w", err)
	}
	if err := lf.f.Close(); err != nil {
		return fmt.Errorf("closing log file for rotation: %w", err)
	}
	lf.f = nil
	if lf.backups == 0 {
		if err := os.Remove(lf.path); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("truncating log file: %w", err)
		}
		return lf.open()
	}
	for i := lf.backups - 1; i >= 1; i-- {
		// A missing backup is normal (the file has not rotated that often yet).
		_ = os.Rename(backupName(lf.path, i), backupName(lf.path, i+1))
	}
	// A file deleted under us (a job can find its log beside its progress
	// file) has nothing to keep: the log goes on in a new one.
	if err := os.Rename(lf.path, backupName(lf.path, 1)); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("rotating log file: %w", err)
	}
	return lf.open()
}

func backupName(path string, i int) string { return fmt.Sprintf("%s.%d", path, i) }

// Close closes the file; later writes fail with os.ErrClosed.
func (lf *File) Close() error {
	lf.mu.Lock()
	defer lf.mu.Unlock()
	if lf.f == nil {
		return nil
	}
	ferr := lf.w.Flush()
	err := lf.f.Close()
	lf.f = nil
	if ferr != nil {
		return fmt.Errorf("writing log file: %w", ferr)
	}
	return err
}
