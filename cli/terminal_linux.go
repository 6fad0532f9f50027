package cli

import (
	"os"

	"golang.org/x/sys/unix"
)

// isTerminal says whether f is a terminal someone can type at: one that
// answers the terminal's own ioctl. Being a character device is not
// enough: /dev/null is one, and a script's stdin often.
func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}
