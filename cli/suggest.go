package cli

import (
	"flag"
	"fmt"
	"strings"
)

// closest is the one name in names that typed looks like a typo of: a
// letter or two wrong, missing, extra or swapped ("staus", "jbo"), or the
// start of it ("sett"). It is "" when none is close, or two are equally.
func closest(typed string, names []string) string {
	typed = strings.ToLower(typed)
	best, bestDist, tie := "", 0, false
	for _, n := range names {
		d := editDistance(typed, n)
		if strings.HasPrefix(n, typed) {
			d = min(d, 2) // a name cut short ("sett") is as good as two letters off
		}
		switch {
		case d > maxTypo(typed):
		case best == "" || d < bestDist:
			best, bestDist, tie = n, d, false
		case d == bestDist:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// maxTypo is how far from a name typed may be: "db" is not a typo of "gpu".
func maxTypo(typed string) int {
	if len(typed) <= 3 {
		return 1
	}
	return 2
}

// editDistance counts the letters to change, add, drop or swap with their
// neighbour to make a into b (optimal string alignment).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2, prev, cur := make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// flagTypo is the one-line answer to a flag the command does not have but
// has one close to (--jsn for --json), or nil. Without it the owner got the
// flag package's "flag provided but not defined" and the whole usage.
func flagTypo(fs *flag.FlagSet, err error) error {
	typed, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -")
	if !ok {
		return nil
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	meant := closest(strings.TrimLeft(typed, "-"), names)
	if meant == "" {
		return nil
	}
	return usageError{msg: fmt.Sprintf("there is no flag --%s for rigshift %s: did you mean --%s?",
		strings.TrimLeft(typed, "-"), commandWords(fs.Name()), meant)}
}

// commandWords is the command part of a flag set's name: "job logs" of
// "job logs ID", "gpu" of "gpu aside|use GPU".
func commandWords(name string) string {
	var words []string
	for _, w := range strings.Fields(name) {
		if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" {
			break
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}
