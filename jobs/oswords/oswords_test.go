package oswords

import (
	"fmt"
	"io/fs"
	"syscall"
	"testing"
)

func TestInFolder(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "mkdir", Path: "/srv/rig/logs", Err: syscall.ENOTDIR}, "/srv/rig/logs is a file, not a folder"},
		{fmt.Errorf("creating log directory: %w", &fs.PathError{Op: "mkdir", Path: "/srv/rig/logs", Err: syscall.EACCES}), "permission denied in /srv/rig (ls -ld /srv/rig)"},
		{&fs.PathError{Op: "open", Path: "/srv/rig/logs/J-1/x.log", Err: syscall.ENOSPC}, "the disk that holds /srv/rig/logs/J-1 is full"},
		{&fs.PathError{Op: "open", Path: "/srv/rig/logs/J-1/x.log", Err: syscall.EROFS}, "/srv/rig/logs/J-1 is on a read-only disk"},
		{&fs.PathError{Op: "open", Path: "/srv/rig/logs/J-1/x.log", Err: syscall.EIO}, "/srv/rig/logs/J-1/x.log (input/output error)"},
	} {
		if got := InFolder("", c.err); got != c.want {
			t.Errorf("%v: %q, want %q", c.err, got, c.want)
		}
	}
}
