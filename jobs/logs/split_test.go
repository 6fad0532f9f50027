package logs

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func collect(max int, chunks ...string) []Line {
	var got []Line
	s := NewSplitter(max, func(l Line) { got = append(got, l) })
	for _, c := range chunks {
		s.Write([]byte(c))
	}
	s.Flush()
	return got
}

func TestSplitter(t *testing.T) {
	long := strings.Repeat("a", 200)
	tests := []struct {
		name   string
		chunks []string
		want   []Line
	}{
		{"newlines", []string{"a\nb\n"}, []Line{{Text: "a"}, {Text: "b"}}},
		{"partial line flushed at end", []string{"abc"}, []Line{{Text: "abc"}}},
		{"line split across writes", []string{"ab", "c\nd", "e\n"}, []Line{{Text: "abc"}, {Text: "de"}}},
		{"crlf is one newline", []string{"a\r\nb\r\n"}, []Line{{Text: "a"}, {Text: "b"}}},
		{"crlf split across writes", []string{"a\r", "\nb\n"}, []Line{{Text: "a"}, {Text: "b"}}},
		{"tqdm redraws", []string{"\r 10%|#| 1/10\r 20%|##| 2/10\r100%|###| 10/10\n"},
			[]Line{{Text: " 10%|#| 1/10", Redraw: true}, {Text: " 20%|##| 2/10", Redraw: true}, {Text: "100%|###| 10/10"}}},
		{"empty lines kept, empty redraws dropped", []string{"\n\r\r\n"}, []Line{{Text: ""}, {Text: ""}}},
		// tqdm.write (the HF Trainer's log dicts) clears the bar with
		// "\r", spaces, "\r" before it prints.
		{"blank redraws dropped", []string{"\r 10%|#| 1/10\r            \r{'loss': 2.31}\n"},
			[]Line{{Text: " 10%|#| 1/10", Redraw: true}, {Text: "{'loss': 2.31}"}}},
		// tqdm draws a nested bar (position n >= 1: an evaluation bar under
		// the training bar, a torchrun rank) as "\n"×n, "\r"+bar, ESC[A×n.
		{"nested bar refreshes are redraws", []string{"\rEpochs:   0%| 0/3\n\rBatches: 1/9\x1b[A\n\rBatches: 2/9\x1b[A" +
			"\rEpochs:  33%| 1/3\n\rBatches: 3/9\x1b[A"},
			// The outer bar's refresh rewrites its row in place, one above
			// the newest line.
			[]Line{{Text: "Epochs:   0%| 0/3"}, {Text: "Batches: 1/9", Redraw: true}, {Text: "Batches: 2/9", Redraw: true},
				{Text: "Epochs:  33%| 1/3", Up: 1}, {Text: "Batches: 3/9"}}},
		{"bar at position 2", []string{"\rrank 0\n\n\rrank 2: 1/9\x1b[A\x1b[A\n\n\rrank 2: 2/9\x1b[2A\rrank 0\n"},
			[]Line{{Text: "rank 0"}, {Text: ""}, {Text: "rank 2: 1/9", Redraw: true}, {Text: "rank 2: 2/9", Redraw: true},
				{Text: "rank 0", Up: 2}}},
		// The Trainer closes its evaluation bar (leave=False: "\n", "\r",
		// spaces, ESC[A) and tqdm.writes the metrics where it was.
		{"line after a nested bar kept", []string{"\r 40%| 200/500\n\rEval: 5/5\x1b[A\n\r          \x1b[A" +
			"\r          \r{'eval_loss': 0.5}\n\r 41%| 205/500"},
			[]Line{{Text: " 40%| 200/500"}, {Text: "Eval: 5/5", Redraw: true}, {Text: "{'eval_loss': 0.5}"}, {Text: " 41%| 205/500"}}},
		{"trailing cr at end of stream", []string{"x\r"}, []Line{{Text: "x"}}},
		{"long line truncated", []string{long + "\nok\n"},
			[]Line{{Text: long[:64] + TruncatedMark, Truncated: true}, {Text: "ok"}}},
		{"ansi colours stripped", []string{"\x1b[32mOK\x1b[0m speed \x1b]0;title\x07done\n"}, []Line{{Text: "OK speed done"}}},
		// tput sgr0, as shell scripts colour their output, ends with the
		// charset designation ESC ( B.
		{"charset designation stripped", []string{"\x1b[31mERROR\x1b(B\x1b[m disk full\n"}, []Line{{Text: "ERROR disk full"}}},
		{"invalid utf-8 replaced", []string{"a\xffb\xc3\n"}, []Line{{Text: "a\uFFFDb\uFFFD"}}},
		{"tabs and controls", []string{"a\tb\x00c\x7f\n"}, []Line{{Text: "a bc"}}},
		{"valid utf-8 kept", []string{"█▌ 45% loss=0.1 ✓\n"}, []Line{{Text: "█▌ 45% loss=0.1 ✓"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(64, tt.chunks...)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d lines %+v, want %d %+v", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("line %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// Every refresh of a nested bar (here a bar inside another bar's loop)
// replaces the last in the tail, instead of adding 200 copies of the bar.
func TestSplitterNestedBarTakesOneLine(t *testing.T) {
	tl := NewTail(400, 1<<20)
	sp := NewSplitter(4096, tl.Add)
	sp.Write([]byte("\rEpochs:   0%|          | 0/3 [00:00<?, ?it/s]"))
	for i := 1; i <= 200; i++ {
		fmt.Fprintf(sp, "\n\rBatches:  %2d%%|          | %d/1000 [00:%02d<01:00, 16.00it/s]\x1b[A", i/10, i, i/16)
	}
	sp.Write([]byte("\rEpochs:  33%|###       | 1/3 [00:13<00:26, 13.00s/it]"))
	sp.Flush()
	want := []string{"Epochs:   0%|          | 0/3 [00:00<?, ?it/s]", "Epochs:  33%|###       | 1/3 [00:13<00:26, 13.00s/it]"}
	if got := tl.Lines(); !slices.Equal(got, want) {
		t.Fatalf("%d lines, first %q; want %q", len(got), got[:min(3, len(got))], want)
	}
}

func TestSplitterMultibyteCutAtLimit(t *testing.T) {
	// 63 ASCII bytes, then a 3-byte rune straddling the 64-byte limit.
	got := collect(64, strings.Repeat("a", 63)+"€tail\n")
	if len(got) != 1 || !utf8.ValidString(got[0].Text) || !got[0].Truncated {
		t.Fatalf("got %+v, want one valid truncated line", got)
	}
}

func FuzzSplitter(f *testing.F) {
	f.Add([]byte("Epoch 1:  45%|████▌     | 450/1000 [00:30<00:37, 14.8it/s]\r"), 64)
	f.Add([]byte("{'loss': 2.31, 'epoch': 0.22}\r\n\x1b[31mred\x1b[0m\xff\xfe"), 80)
	f.Add([]byte(strings.Repeat("x", 300)+"\n"), 100)
	f.Fuzz(func(t *testing.T, data []byte, max int) {
		max = max%4096 + 64
		if max < 64 {
			max = 64
		}
		s := NewSplitter(max, func(l Line) {
			if !utf8.ValidString(l.Text) {
				t.Fatalf("invalid UTF-8 in %q", l.Text)
			}
			body := strings.TrimSuffix(l.Text, TruncatedMark)
			// Each kept byte yields at most 3 (invalid bytes become U+FFFD).
			if len(body) > 3*max {
				t.Fatalf("line of %d bytes passes limit %d", len(body), max)
			}
			if strings.ContainsAny(l.Text, "\r\n\x1b\x00") {
				t.Fatalf("control character left in %q", l.Text)
			}
		})
		s.Write(data)
		s.Flush()
	})
}

// The common nested loop, for f in tqdm(files): for c in tqdm(chunks,
// leave=False), in tqdm's own bytes: the inner bar at position 1 ("\n",
// "\r"+bar, ESC[A), its close ("\n", "\r"+spaces, ESC[A), then the outer
// bar's refresh at position 0 ("\r"+bar). On a terminal the outer bar is
// one line redrawn in place; in the tail each refresh was a line of its
// own, 50 of them, and pushed the error after them out.
func TestSplitterNestedLoopOuterBarTakesOneLine(t *testing.T) {
	tl := NewTail(400, 1<<20)
	sp := NewSplitter(4096, tl.Add)
	sp.Write([]byte("\rfiles:   0%|          | 0/50 [00:00<?, ?it/s]"))
	for i := 1; i <= 50; i++ {
		for j := 0; j <= 10; j++ {
			fmt.Fprintf(sp, "\n\rchunks: %3d%%|          | %d/10 [00:00<00:00, 99.00it/s]\x1b[A", j*10, j)
		}
		fmt.Fprintf(sp, "\n\r%60s\x1b[A", "")
		fmt.Fprintf(sp, "\rfiles: %3d%%|          | %d/50 [00:%02d<00:00, 1.00it/s]", 2*i, i, i)
	}
	sp.Write([]byte("\nTraceback (most recent call last):\n"))
	sp.Flush()
	lines := tl.Lines()
	n := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "files:") {
			n++
		}
	}
	if n > 2 || lines[len(lines)-1] != "Traceback (most recent call last):" {
		t.Errorf("the outer bar takes %d lines of the tail; tail %q", n, lines)
	}
	// What a terminal shows: the outer bar at its last refresh, not its
	// first (the tail kept "files: 0%" while the loop ran to 100 %).
	if want := []string{"files: 100%|          | 50/50 [00:50<00:00, 1.00it/s]", "Traceback (most recent call last):"}; !slices.Equal(lines, want) {
		t.Errorf("tail %q, want %q", lines, want)
	}
}

func TestSplitterPending(t *testing.T) {
	var got []Line
	sp := NewSplitter(64, func(l Line) { got = append(got, l) })
	sp.Write([]byte("\r 25%|##  | 1/4 [00:10<00:30, 10.00s/it]"))
	if p := sp.Pending(); p != " 25%|##  | 1/4 [00:10<00:30, 10.00s/it]" || len(got) != 0 {
		t.Fatalf("pending %q, emitted %v", p, got)
	}
	sp.Write([]byte("\n"))
	if p := sp.Pending(); p != "" || len(got) != 1 {
		t.Fatalf("after the end of line: pending %q, emitted %v", p, got)
	}
	sp.Write([]byte(strings.Repeat("x", 100)))
	if p := sp.Pending(); p != "" {
		t.Fatalf("an over-long line is pending as %q", p)
	}
}
