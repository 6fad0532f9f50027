package logs

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestTailKeepsLastLines(t *testing.T) {
	tl := NewTail(3, 1<<20)
	for i := range 5 {
		tl.Add(Line{Text: fmt.Sprint(i)})
	}
	if got, want := tl.Lines(), []string{"2", "3", "4"}; !slices.Equal(got, want) {
		t.Fatalf("Lines = %q, want %q", got, want)
	}
}

func TestTailRedrawReplaces(t *testing.T) {
	tl := NewTail(10, 1<<20)
	tl.Add(Line{Text: "start"})
	for i := range 100 {
		tl.Add(Line{Text: fmt.Sprintf("%d%%", i), Redraw: true})
	}
	tl.Add(Line{Text: "100%"})
	tl.Add(Line{Text: "0%", Redraw: true})
	if got, want := tl.Lines(), []string{"start", "100%", "0%"}; !slices.Equal(got, want) {
		t.Fatalf("Lines = %q, want %q", got, want)
	}
}

// A tqdm bar with leave=True ends with its full redraw and "\n"; the line
// before, ended by '\r', was overwritten by it on the terminal.
func TestTailFinishedBar(t *testing.T) {
	tl := NewTail(10, 1<<20)
	sp := NewSplitter(4096, tl.Add)
	sp.Write([]byte("start\n\r 10%|#         | 1/10 [00:01<00:09, 1.00it/s]\r 20%|##        | 2/10 [00:02<00:08, 1.00it/s]" +
		"\r100%|##########| 10/10 [00:10<00:00, 1.00it/s]\ndone\n"))
	sp.Flush()
	want := []string{"start", "100%|##########| 10/10 [00:10<00:00, 1.00it/s]", "done"}
	if got := tl.Lines(); !slices.Equal(got, want) {
		t.Fatalf("Lines = %q, want %q", got, want)
	}
}

func TestTailBoundedBytes(t *testing.T) {
	tl := NewTail(1000, 4096)
	line := strings.Repeat("y", 100)
	for range 10000 {
		tl.Add(Line{Text: line})
	}
	if tl.Bytes() > 4096 {
		t.Fatalf("Bytes = %d, want ≤ 4096", tl.Bytes())
	}
	if n := len(tl.Lines()); n != 40 {
		t.Fatalf("kept %d lines, want 40", n)
	}
	tl.Add(Line{Text: strings.Repeat("€", 3000)}) // 9000 bytes, alone over budget
	lines := tl.Lines()
	if len(lines) != 1 || len(lines[0]) > 4096 || !strings.HasPrefix(lines[0], "€") {
		t.Fatalf("oversized line kept as %d lines, first %d bytes", len(lines), len(lines[0]))
	}
	if tl.Bytes() > 4096 {
		t.Fatalf("Bytes = %d after oversized line", tl.Bytes())
	}
}

// A line rewritten above the newest replaces it in place and leaves the
// newest (a bar still being redrawn) alone; one that would be above all
// the kept lines is kept as a new line.
func TestTailRewriteAbove(t *testing.T) {
	tl := NewTail(10, 1<<20)
	tl.Add(Line{Text: "outer 0%"})
	tl.Add(Line{Text: "inner 10%", Redraw: true})
	tl.Add(Line{Text: "outer 50%", Up: 1})
	tl.Add(Line{Text: "inner 20%", Redraw: true})
	if got, want := tl.Lines(), []string{"outer 50%", "inner 20%"}; !slices.Equal(got, want) {
		t.Errorf("tail %q, want %q", got, want)
	}
	tl.Add(Line{Text: "rank 0", Up: 5})
	if got := tl.Lines(); len(got) != 2 || got[1] != "rank 0" {
		t.Errorf("a rewrite above everything kept: %q", got)
	}
}
