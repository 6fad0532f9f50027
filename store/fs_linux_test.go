package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// mountTmpfs mounts a tmpfs with the given options on a new directory, or
// skips the test where mounting is not allowed (not root, no
// CAP_SYS_ADMIN). Root ignores file permissions, so a read-only or full
// file system is the honest way to make writes fail.
func mountTmpfs(t *testing.T, opts string, flags uintptr) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", flags, opts); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

func TestUnusableDataDirectory(t *testing.T) {
	t.Run("a file where the directory should be", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "data")
		os.WriteFile(file, nil, 0o600)
		_, err := Open(filepath.Join(file, FileName), Options{})
		if err == nil || !strings.Contains(err.Error(), "data folder") || !errors.Is(err, syscall.ENOTDIR) {
			t.Errorf("Open = %v, want a data directory error", err)
		}
		t.Log(err)
	})
	t.Run("read-only file system", func(t *testing.T) {
		dir := mountTmpfs(t, "size=1m", syscall.MS_RDONLY)
		_, err := Open(filepath.Join(dir, FileName), Options{})
		if err == nil || !strings.Contains(err.Error(), "read-only") {
			t.Errorf("Open = %v, want a read-only error", err)
		}
		t.Log(err)
	})
	t.Run("existing database, file system made read-only", func(t *testing.T) {
		dir := mountTmpfs(t, "size=4m", 0)
		s, err := Open(filepath.Join(dir, FileName), Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, "size=4m"); err != nil {
			t.Fatalf("remount read-only: %v", err)
		}
		if _, err := Open(s.Path(), Options{}); err == nil || !strings.Contains(err.Error(), "read-only") {
			t.Errorf("Open = %v, want a read-only error", err)
		}
	})
}

func TestDiskFullIsAnErrorNotACrash(t *testing.T) {
	t.Run("tmpfs", func(t *testing.T) {
		dir := mountTmpfs(t, "size=2m", 0)
		s, err := Open(filepath.Join(dir, FileName), Options{})
		if err != nil {
			t.Fatal(err)
		}
		setClock(s, t0)
		s.PutJob(JobRecord{ID: "J-0001", State: "running"})
		err = fillUntilError(s)
		if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "the disk holding "+s.Path()+" is full") {
			t.Fatalf("writing to a full disk = %v, want a no-space error in words", err)
		}
		t.Logf("full disk: %v", err)
		if _, werr := s.WriteProblem(); !errors.Is(werr, syscall.ENOSPC) {
			t.Errorf("WriteProblem on a full disk = %v", werr)
		}
		s.Close()
		checkAfterFull(t, s.Path())
		if _, err := Open(filepath.Join(dir, "new.db"), Options{}); err == nil || !strings.Contains(err.Error(), "disk is full") {
			t.Errorf("creating a database on a full disk = %v", err)
		}
		if _, err := os.Stat(filepath.Join(dir, "new.db")); !os.IsNotExist(err) {
			t.Errorf("a half-made database was left behind: %v", err)
		}
	})
	t.Run("file size limit", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), FileName)
		cmd, _, out := child(t, "fsize", path)
		var lines []string
		for out.Scan() {
			lines = append(lines, out.Text())
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child: %v (said %q)", err, lines)
		}
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "ERR ") || !strings.Contains(lines[0], "too large") {
			t.Fatalf("child said %q, want one write error", lines)
		}
		t.Logf("file size limit: %s", lines[0])
		checkAfterFull(t, path)
	})
}

// checkAfterFull opens a database that hit a full disk: it must be whole.
func checkAfterFull(t *testing.T, path string) {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open after the disk filled: %v", err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Errorf("Check after the disk filled: %v", err)
	}
	if _, err := s.GetJob("J-0001"); err != nil {
		t.Errorf("a job saved before the disk filled: %v", err)
	}
}
