package logs

import (
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
