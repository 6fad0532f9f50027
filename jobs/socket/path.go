package socket

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/rigshift/rigshift/jobs/oswords"
)

// maxPathLen is the longest socket path the kernel takes (sun_path holds
// 108 bytes on Linux, 104 on the BSDs, including the final NUL).
const maxPathLen = 103

// SocketPath is where the RigShift that owns dataDir listens:
// $XDG_RUNTIME_DIR/rigshift/<12 hex digits of sha256(real dataDir)>.sock.
// Without XDG_RUNTIME_DIR (cron, sudo -u) it is the user's runtime
// directory all the same, /run/user/<uid>, where systemd made one; else
// <temp dir>/rigshift-<uid>/….
func SocketPath(dataDir string) string {
	sum := sha256.Sum256([]byte(realDir(dataDir)))
	return filepath.Join(runtimeDir(), hex.EncodeToString(sum[:])[:12]+".sock")
}

// absDir makes dataDir absolute and clean, so that "data" and "./data/"
// typed in the same directory reach the same socket.
func absDir(dataDir string) string {
	if abs, err := filepath.Abs(dataDir); err == nil {
		return abs
	}
	return filepath.Clean(dataDir)
}

// realDir is absDir with its symbolic links followed: a data directory
// reached through a link (one to a bigger disk, or /home on systems where
// it is a link to /var/home) is the same directory, with the same
// database, and must have the same socket. A directory not made yet has
// no RigShift to reach, and keeps its spelling.
func realDir(dataDir string) string {
	abs := absDir(dataDir)
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		return resolved
	}
	return abs
}

// runtimeDir is the directory that holds the sockets. A relative
// XDG_RUNTIME_DIR is ignored, as the XDG spec says.
func runtimeDir() string {
	if d := os.Getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(d) {
		return filepath.Join(d, "rigshift")
	}
	if d := filepath.Join(userRuntimeBase, strconv.Itoa(os.Getuid())); isPrivateDir(d) {
		return filepath.Join(d, "rigshift")
	}
	return filepath.Join(os.TempDir(), "rigshift-"+strconv.Itoa(os.Getuid()))
}

// userRuntimeBase holds systemd's per-user runtime directories.
var userRuntimeBase = "/run/user"

// isPrivateDir reports whether dir is a directory of ours that only we
// can enter, as a user's runtime directory is.
func isPrivateDir(dir string) bool {
	info, err := os.Lstat(dir)
	return err == nil && info.IsDir() && ownedByMe(info) && info.Mode().Perm() == 0o700
}

// prepareDir creates the socket directory 0700, or tightens an existing
// one, and refuses one that belongs to someone else (in a shared temp
// directory another user could have made it first).
func prepareDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return mkdirProblem(dir, err)
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("cannot check the control socket's directory %s: %w", dir, err)
	}
	if !info.IsDir() || !ownedByMe(info) {
		return fmt.Errorf("the control socket's directory %s is not a directory of yours; remove it or set XDG_RUNTIME_DIR", dir)
	}
	if info.Mode().Perm() != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("cannot make the control socket's directory %s private: %w", dir, err)
		}
	}
	return nil
}

// checkLength rejects a path the kernel would refuse with a bare EINVAL.
func checkLength(path string) error {
	if len(path) > maxPathLen {
		return fmt.Errorf("the control socket path %s is too long for the system (%d bytes, at most %d); set XDG_RUNTIME_DIR to a shorter directory", path, len(path), maxPathLen)
	}
	return nil
}

// mkdirProblem says why the socket folder dir could not be made, and what
// to do: os.MkdirAll's error names the path twice with Go's "mkdir"
// between, and the folder it names is the first one it could not make.
// The system's error stays for errors.Is.
func mkdirProblem(dir string, err error) error {
	at, cause := dir, err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		at, cause = pe.Path, pe.Err
	}
	head := "cannot make the control socket's folder " + dir
	const elsewhere = "set XDG_RUNTIME_DIR to a folder of yours"
	in := filepath.Dir(at)
	var msg string
	switch {
	case errors.Is(err, fs.ErrPermission):
		msg = fmt.Sprintf("%s: permission denied in %s; check its owner and permissions (ls -ld %s), or %s", head, in, in, elsewhere)
	case errors.Is(err, syscall.ENOTDIR), errors.Is(err, fs.ErrExist):
		msg = fmt.Sprintf("%s: %s is a file, not a folder; remove it or %s", head, at, elsewhere)
	case errors.Is(err, syscall.EROFS):
		msg = fmt.Sprintf("%s: %s is on a read-only disk; %s", head, in, elsewhere)
	default:
		msg = fmt.Sprintf("%s (%v)", head, cause)
	}
	return oswords.Worded(msg, err)
}
