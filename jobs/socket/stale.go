package socket

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"time"
)

// ErrAlreadyServing means another RigShift already listens on the data
// directory's socket.
var ErrAlreadyServing = errors.New("another RigShift is already running for this data directory")

// clearStale removes a socket file nobody listens on any more (left by a
// RigShift that was killed) and refuses to replace a live one or a file
// that is not a socket.
func clearStale(path, dataDir string) error {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot check the control socket %s: %w", path, err)
	}
	if info.Mode()&fs.ModeSocket == 0 {
		return fmt.Errorf("%s is in the way of RigShift's control socket and is not a socket; remove it", path)
	}
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		c.Close()
		return fmt.Errorf("%w (data directory %s, socket %s)", ErrAlreadyServing, absDir(dataDir), path)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot remove the stale control socket %s: %w", path, err)
	}
	return nil
}
