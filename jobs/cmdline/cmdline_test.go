package cmdline

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
	// What a shell would expand or drop: passed on, the job failed later
	// with "no such file", or ran a program named "HF_HOME=/data".
	{"python train.py --epochs 3 # second try", nil, "'#' at position 28: RigShift runs no shell, so this is no comment"},
	{"python ~/jobs/train.py", nil, "'~' at position 8: RigShift runs no shell to find your home folder"},
	{"python train.py --data ./shards/*.json", nil, "'*' at position 33: RigShift runs no shell to expand wildcards"},
	{"HF_HOME=/data python train.py", nil, "HF_HOME=/data would set a variable for a shell"},
	{"python train.py --tag a#b --home x~y --lr=3e-4 k=v", []string{"python", "train.py", "--tag", "a#b", "--home", "x~y", "--lr=3e-4", "k=v"}, ""},
	{`'HF_HOME=/data' '*.json' "~" \#`, []string{"HF_HOME=/data", "*.json", "~", "#"}, ""},
	{"=x 1A=b", []string{"=x", "1A=b"}, ""},
}

func TestSplit(t *testing.T) {
	for _, tt := range cmdlineCases {
		got, err := Split(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, ErrInvalid) {
				t.Errorf("Split(%q) error = %v, want one containing %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("Split(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, tt := range cmdlineCases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words, err := Split(s)
		if err != nil {
			return
		}
		if len(words) == 0 {
			t.Fatalf("no words and no error for %q", s)
		}
		// Quoting the words and splitting again must give the same words.
		again, err := Split(Quote(words))
		if err != nil || !slices.Equal(again, words) {
			t.Fatalf("round trip of %q: %q → %q, %v", s, words, again, err)
		}
	})
}

// Quote writes argv so that Split reads it back, quoting only where needed.
func TestQuote(t *testing.T) {
	for _, tt := range []struct {
		argv []string
		want string
	}{
		{[]string{"python", "train.py", "--epochs", "3"}, "python train.py --epochs 3"},
		{[]string{"python", "train.py", "--name", "big run"}, "python train.py --name 'big run'"},
		{[]string{"echo", "it's", "", "a\nb", "$HOME"}, `echo 'it'\''s' '' 'a` + "\n" + `b' '$HOME'`},
		{[]string{"A=b", "ls", "*.json", "~/x", "#c", "k=v"}, `'A=b' ls '*.json' '~/x' '#c' k=v`},
	} {
		if got := Quote(tt.argv); got != tt.want {
			t.Errorf("Quote(%q) = %s, want %s", tt.argv, got, tt.want)
		}
		if back, err := Split(Quote(tt.argv)); err != nil || !slices.Equal(back, tt.argv) {
			t.Errorf("Split(Quote(%q)) = %q, %v", tt.argv, back, err)
		}
	}
}
