package jobs

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

var cmdlineCases = []struct {
	in   string
	want []string
	err  string
}{
	{"python train.py --epochs 3", []string{"python", "train.py", "--epochs", "3"}, ""},
	{"  python\ttrain.py  \n--lr 1e-4 ", []string{"python", "train.py", "--lr", "1e-4"}, ""},
	{`python train.py --name 'my run' --note "it's \"good\""`, []string{"python", "train.py", "--name", "my run", "--note", `it's "good"`}, ""},
	{`echo a\ b c\\d`, []string{"echo", "a b", `c\d`}, ""},
	{`python -c 'print("$HOME | x > y")'`, []string{"python", "-c", `print("$HOME | x > y")`}, ""},
	{`run "\$5 and \` + "`" + `tick\` + "`" + `"`, []string{"run", "$5 and `tick`"}, ""},
	{`a "b\nc" 'd\e'`, []string{"a", `b\nc`, `d\e`}, ""},
	{`x "" ''`, []string{"x", "", ""}, ""},
	{"a\\\nb", []string{"ab"}, ""},
	{`pre"mid"'post'`, []string{"premidpost"}, ""},
	{"torchrun --nproc_per_node=2 train.py", []string{"torchrun", "--nproc_per_node=2", "train.py"}, ""},
	{`python train.py --name 'unterminated`, nil, "unterminated single quote at position 24"},
	{`python "train.py`, nil, "unterminated double quote at position 8"},
	{`python train.py \`, nil, "trailing backslash"},
	{"python train.py > out.log", nil, `'>' at position 17`},
	{"python a.py | tee log", nil, `'|'`},
	{"python a.py; rm -rf /", nil, `';'`},
	{"python $SCRIPT", nil, `'$'`},
	{"python `which x`", nil, "'`'"},
	{"sleep 5 &", nil, `'&'`},
	{"", nil, "empty"},
	{"   \t\n", nil, "empty"},
}

func TestSplitCommandLine(t *testing.T) {
	for _, tt := range cmdlineCases {
		got, err := SplitCommandLine(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, ErrCommandLine) {
				t.Errorf("SplitCommandLine(%q) error = %v, want one containing %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("SplitCommandLine(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNewTrainingWorkload(t *testing.T) {
	w, err := NewTrainingWorkload("job-7", "python train.py --epochs 3", []string{"GPU-a"})
	if err != nil || w.Path != "python" || !slices.Equal(w.Args, []string{"train.py", "--epochs", "3"}) || w.Kind != Training || w.GPUs[0] != "GPU-a" {
		t.Fatalf("%+v, %v", w, err)
	}
	if _, err := NewTrainingWorkload("job-8", "python 'oops", nil); !errors.Is(err, ErrCommandLine) {
		t.Fatalf("bad command line: %v", err)
	}
}

func FuzzSplitCommandLine(f *testing.F) {
	for _, tt := range cmdlineCases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words, err := SplitCommandLine(s)
		if err != nil {
			return
		}
		if len(words) == 0 {
			t.Fatalf("no words and no error for %q", s)
		}
		// Quoting every word and splitting again must give the same words.
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
		}
		again, err := SplitCommandLine(strings.Join(quoted, " "))
		if err != nil || !slices.Equal(again, words) {
			t.Fatalf("round trip of %q: %q → %q, %v", s, words, again, err)
		}
	})
}
