//go:build !linux

package cli

import "os"

// isTerminal says whether f is a terminal someone can type at: a
// character device other than the null device, a script's stdin often.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(fi, null)
}
