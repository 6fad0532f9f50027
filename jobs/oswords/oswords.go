// Package oswords says what the operating system answered about a file or
// a folder in the rig owner's words: which folder, what is wrong with it
// and how to look, without Go's "open <path>:" or "mkdir <path>:" before
// the system's own words, and without the name of a temporary file the
// owner never chose. Each error keeps the system's error behind it for
// errors.Is.
package oswords

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"
)

// Worded is an error that reads msg and matches err.
func Worded(msg string, err error) error { return &worded{msg, err} }

type worded struct {
	msg string
	err error
}

func (w *worded) Error() string { return w.msg }
func (w *worded) Unwrap() error { return w.err }

// System is the system's own words in err ("permission denied", "no
// space left on device"), without Go's operation and path before them.
func System(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// InFolder says what is wrong with the folder a file was written or read
// in, dir ("": the folder of the path the system names): a file in the
// way, a missing folder, a permission, a full or read-only disk. Given,
// dir is named rather than the path the system names, which may be a
// temporary file the owner never chose.
func InFolder(dir string, err error) string {
	var pe *fs.PathError
	errors.As(err, &pe)
	named := dir
	if dir == "" && pe != nil {
		dir, named = filepath.Dir(pe.Path), pe.Path
	}
	switch {
	case errors.Is(err, syscall.ENOTDIR) && pe != nil && pe.Op == "mkdir": // os.MkdirAll names the file in the way
		return pe.Path + " is a file, not a folder"
	case errors.Is(err, syscall.ENOTDIR):
		return "a part of " + dir + " is a file, not a folder"
	case errors.Is(err, fs.ErrNotExist):
		return "there is no folder " + dir
	case errors.Is(err, fs.ErrPermission):
		return "permission denied in " + dir + " (ls -ld " + dir + ")"
	case errors.Is(err, syscall.ENOSPC):
		return "the disk that holds " + dir + " is full"
	case errors.Is(err, syscall.EROFS):
		return dir + " is on a read-only disk"
	case pe != nil:
		return named + " (" + pe.Err.Error() + ")"
	}
	return err.Error()
}
