package logs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestLastLines(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		cut  bool
		want []string
	}{
		{"", 5, false, nil},
		{"a\nb\nc\n", 2, false, []string{"b", "c"}},
		{"a\nb\nc", 9, false, []string{"a", "b", "c"}},
		{"rtial\nb\nc\n", 9, true, []string{"b", "c"}},
		{"x\r\n\n\n", 3, false, []string{"x"}},
	}
	for _, tt := range tests {
		if got := lastLines([]byte(tt.in), tt.n, tt.cut); !slices.Equal(got, tt.want) {
			t.Errorf("lastLines(%q, %d, %v) = %q, want %q", tt.in, tt.n, tt.cut, got, tt.want)
		}
	}
}

func TestLastLinesOfAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.log")
	if err := os.WriteFile(path, []byte("one\ntwo\nthree\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := LastLines(path, 2); err != nil || !slices.Equal(got, []string{"two", "three"}) {
		t.Errorf("LastLines = %q, %v", got, err)
	}
	if _, err := LastLines(filepath.Join(t.TempDir(), "gone.log"), 2); err == nil {
		t.Error("no error for a log file that is not there")
	}
}

// A log file that is gone (RigShift removes old runs' logs) is said in
// words: a job months old read "Log unavailable: reading the job's log:
// open /…/logs/J-0001/20260101-120000.000.log: no such file or directory"
// in its details, and 'rigshift job logs' the same.
func TestLastLinesOfAFileThatIsGone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "J-0001", "20260101-120000.000.log")
	_, err := LastLines(path, 10)
	want := "the job's log file is no longer there: RigShift removes old runs' logs, and it may have been deleted (" + path + ")"
	if err == nil || err.Error() != want {
		t.Errorf("LastLines: %v\nwant %s", err, want)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("the system's error is lost")
	}
}
