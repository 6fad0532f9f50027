// Package cmdline reads a command line the owner typed into argv, with
// shell word rules but no shell, and writes argv back the same way.
package cmdline

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is wrapped by every Split error.
var ErrInvalid = errors.New("command line")

// Split splits a command line the owner typed into argv, with
// POSIX shell word rules, without ever running a shell:
//
//   - blanks separate words; 'single quotes' keep everything literally;
//     "double quotes" keep everything but \" \\ \$ \` and \<newline>;
//     a backslash outside quotes keeps the next character.
//   - a shell would treat | & ; < > ( ) ` and $ specially; RigShift does not
//     run one, so these are refused unquoted, with an error that says how to
//     pass them literally, rather than silently passed as arguments. So are
//     what a shell would expand or drop: a * wildcard, a ~ home folder or a
//     # comment at the start of a word, and a leading VAR=value (the job's
//     environment is the place for it).
func Split(s string) ([]string, error) {
	sp := splitter{}
	for i := 0; i < len(s); i++ {
		var err error
		if i, err = sp.step(s, i); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
		}
	}
	if err := sp.endWord(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if len(sp.words) == 0 {
		return nil, fmt.Errorf("%w: empty", ErrInvalid)
	}
	return sp.words, nil
}

type splitter struct {
	words  []string
	cur    strings.Builder
	inWord bool
	quoted bool // the current word has quotes or backslashes
}

func (sp *splitter) endWord() error {
	if !sp.inWord {
		return nil
	}
	w := sp.cur.String()
	if len(sp.words) == 0 && !sp.quoted && isAssignment(w) {
		return fmt.Errorf("%s would set a variable for a shell, and RigShift runs none: "+
			"put it in the job's environment, or quote it to pass it literally", w)
	}
	sp.words = append(sp.words, w)
	sp.cur.Reset()
	sp.inWord, sp.quoted = false, false
	return nil
}

// isAssignment reports whether w reads as a shell's NAME=value.
func isAssignment(w string) bool {
	name, _, ok := strings.Cut(w, "=")
	if !ok || name == "" || name[0] >= '0' && name[0] <= '9' {
		return false
	}
	return strings.IndexFunc(name, func(r rune) bool {
		return r != '_' && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9')
	}) < 0
}

func (sp *splitter) add(s string) {
	sp.cur.WriteString(s)
	sp.inWord = true
}

// step consumes the character at s[i] (and whatever belongs to it) and
// returns the index of the last byte consumed.
func (sp *splitter) step(s string, i int) (int, error) {
	switch c := s[i]; {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		return i, sp.endWord()
	case c == '\'':
		j := strings.IndexByte(s[i+1:], '\'')
		if j < 0 {
			return 0, fmt.Errorf("unterminated single quote at position %d", i+1)
		}
		sp.add(s[i+1 : i+1+j])
		sp.quoted = true
		return i + 1 + j, nil
	case c == '"':
		sp.quoted = true
		return sp.doubleQuoted(s, i)
	case c == '\\':
		if i+1 >= len(s) {
			return 0, errors.New("trailing backslash")
		}
		if s[i+1] != '\n' {
			sp.add(s[i+1 : i+2])
			sp.quoted = true
		}
		return i + 1, nil
	case strings.IndexByte("|&;<>()`$", c) >= 0:
		return 0, fmt.Errorf("%q at position %d: RigShift runs no shell (no pipes, redirections or variables); quote it to pass it literally", c, i+1)
	case c == '*':
		return 0, fmt.Errorf("'*' at position %d: RigShift runs no shell to expand wildcards; name the files, or quote it to pass it literally", i+1)
	case c == '~' && !sp.inWord:
		return 0, fmt.Errorf("'~' at position %d: RigShift runs no shell to find your home folder; write the whole path, e.g. /home/you/…", i+1)
	case c == '#' && !sp.inWord:
		return 0, fmt.Errorf("'#' at position %d: RigShift runs no shell, so this is no comment; leave it out, or quote it to pass it literally", i+1)
	default:
		sp.add(s[i : i+1])
		return i, nil
	}
}

// doubleQuoted consumes "…" starting at s[i].
func (sp *splitter) doubleQuoted(s string, i int) (int, error) {
	sp.inWord = true
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '"':
			return j, nil
		case '\\':
			if j+1 < len(s) && strings.IndexByte("\"\\$`\n", s[j+1]) >= 0 {
				if s[j+1] != '\n' {
					sp.cur.WriteByte(s[j+1])
				}
				j++
				continue
			}
		}
		sp.cur.WriteByte(s[j])
	}
	return 0, fmt.Errorf("unterminated double quote at position %d", i+1)
}

// Quote writes argv back as the owner would type it, so that Split gives
// argv again (and a shell would too): words with blanks, quotes or shell
// characters (or none at all), and a first word that reads as VAR=value,
// in single quotes.
func Quote(argv []string) string {
	out := make([]string, len(argv))
	for i, a := range argv {
		out[i] = a
		if a == "" || strings.ContainsAny(a, " \t\n\r\"'\\$`|&;<>()*~#") || i == 0 && isAssignment(a) {
			out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(out, " ")
}
