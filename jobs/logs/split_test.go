package logs

import (
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
