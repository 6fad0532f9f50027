//go:build unix

package ui

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// An export holds the rig's clients and earnings: an owner whose umask
// keeps new files private (077) gets a private export, not one every user
// of the machine can read.
func TestWriteFileKeepsTheOwnersUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	t.Cleanup(func() { syscall.Umask(old) })
	path := filepath.Join(t.TempDir(), "jobs.csv")
	if err := writeFile(path, (&fakeHistory{}).ExportJobsCSV); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm != 0o600 {
		t.Errorf("export saved with mode %#o under umask 077, want 0600", perm)
	}
	syscall.Umask(0o022) // the usual umask: readable, as any file saved there
	if err := writeFile(path, (&fakeHistory{}).ExportJobsCSV); err != nil {
		t.Fatal(err)
	}
	if st, err = os.Stat(path); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("export saved over under umask 022: %v, %v; want 0644", st.Mode().Perm(), err)
	}
}
