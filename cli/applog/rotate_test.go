package applog

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRotatingFileKeepsFilesUnderTheCap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.log")
	r, err := OpenRotating(path, 100, 3)
	if err != nil {
		t.Fatal(err)
	}
	line := []byte(strings.Repeat("a", 29) + "\n") // 30 bytes: three fit in 100
	for i := range 20 {
		line[0] = byte('A' + i)
		if _, err := r.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	// 20 lines of 30 bytes, 3 per file: the current file holds the last 2,
	// .1 and .2 the 3 before each; older ones are gone.
	want := map[string]string{"x.log": "ST", "x.log.1": "PQR", "x.log.2": "MNO"}
	for name, firsts := range want {
		got := firstBytes(t, filepath.Join(filepath.Dir(path), name))
		if got != firsts {
			t.Errorf("%s holds lines %q, want %q", name, got, firsts)
		}
	}
	if _, err := os.Stat(path + ".3"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a fourth file exists: %v", err)
	}
}

func firstBytes(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 100 {
		t.Errorf("%s has %d bytes, over the cap of 100", path, len(b))
	}
	var firsts []byte
	for l := range bytes.Lines(b) {
		firsts = append(firsts, l[0])
	}
	return string(firsts)
}

func TestRotatingFileAppendsAcrossOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.log")
	for _, s := range []string{"one\n", "two\n"} {
		r, err := OpenRotating(path, 1000, 2)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = r.Write([]byte(s))
		_ = r.Close()
	}
	if b, _ := os.ReadFile(path); string(b) != "one\ntwo\n" {
		t.Errorf("file holds %q", b)
	}
	// The size already on disk counts: this write rotates.
	r, _ := OpenRotating(path, 10, 2)
	_, _ = r.Write([]byte("three\n"))
	_ = r.Close()
	if b, _ := os.ReadFile(path + ".1"); string(b) != "one\ntwo\n" {
		t.Errorf(".1 holds %q", b)
	}
}

func TestRotatingFileSingleFileIsTruncated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.log")
	r, _ := OpenRotating(path, 8, 1)
	_, _ = r.Write([]byte("12345\n"))
	_, _ = r.Write([]byte("abcdef\n"))
	_ = r.Close()
	if b, _ := os.ReadFile(path); string(b) != "abcdef\n" {
		t.Errorf("file holds %q", b)
	}
}

// The owner, a clean-up script or logrotate deletes rigshift.log, or the
// whole log directory, while RigShift runs. The next rotation finds no file
// to rename or empty; the log must go on in a new file, not fail every
// write until RigShift restarts (slog drops the records silently).
func TestRotatingFileSurvivesADeletedLogFile(t *testing.T) {
	for _, files := range []int{3, 1} {
		for _, what := range []string{"file", "directory"} {
			path := filepath.Join(t.TempDir(), "logs", "x.log")
			r, err := OpenRotating(path, 100, files)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = r.Write([]byte(strings.Repeat("a", 29) + "\n"))
			if what == "file" {
				os.Remove(path)
			} else {
				os.RemoveAll(filepath.Dir(path))
			}
			for i := range 10 { // 30 bytes each: rotates three times
				if _, err := r.Write([]byte(strings.Repeat("b", 29) + "\n")); err != nil {
					t.Errorf("files=%d, %s deleted: write %d: %v", files, what, i, err)
				}
			}
			_ = r.Close()
			if b, err := os.ReadFile(path); err != nil || !strings.HasPrefix(string(b), "bbb") {
				t.Errorf("files=%d, %s deleted: the log file afterwards: %q, %v", files, what, b, err)
			}
		}
	}
}

// A log file that cannot be opened again after a rotation (its directory
// briefly a file in the way, a full disk) fails those writes only: the next
// write tries again.
func TestRotatingFileReopensOnALaterWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	path := filepath.Join(dir, "x.log")
	r, err := OpenRotating(path, 10, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, _ = r.Write([]byte("12345678\n"))
	os.RemoveAll(dir)
	if err := os.WriteFile(dir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Write([]byte("lost\n")); err == nil {
		t.Error("a write with no log file to go to succeeded")
	}
	os.Remove(dir)
	if _, err := r.Write([]byte("kept\n")); err != nil {
		t.Errorf("a write after the way was clear again: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "kept\n" {
		t.Errorf("file holds %q", b)
	}
}

func TestRotatingFileAfterClose(t *testing.T) {
	r, _ := OpenRotating(filepath.Join(t.TempDir(), "x.log"), 8, 1)
	_ = r.Close()
	if _, err := r.Write([]byte("x")); !errors.Is(err, os.ErrClosed) {
		t.Errorf("write after close: %v", err)
	}
}

func TestOpenRotatingRejectsBadLimits(t *testing.T) {
	if _, err := OpenRotating(filepath.Join(t.TempDir(), "x.log"), 0, 3); err == nil {
		t.Error("a zero size cap was accepted")
	}
}
