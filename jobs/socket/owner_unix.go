//go:build unix

package socket

import (
	"io/fs"
	"os"
	"syscall"
)

// ownedByMe reports whether the file belongs to this process's user.
func ownedByMe(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
