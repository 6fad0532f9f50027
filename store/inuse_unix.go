//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"
)

// InUse reports whether a process holds the database at path open for
// writing: a RigShift (one still stopping its miners and jobs after its
// socket has closed) or a `rigshift db compact`. It takes and drops the
// lock bbolt takes, without waiting; a missing file is not in use.
func InUse(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
	if err == nil {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	}
	return errors.Is(err, syscall.EWOULDBLOCK)
}
