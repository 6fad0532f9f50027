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
//     pass them literally, rather than silently passed as arguments.
func Split(s string) ([]string, error) {
	sp := splitter{}
	for i := 0; i < len(s); i++ {
		var err error
		i, err = sp.step(s, i)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
		}
	}
	sp.endWord()
	if len(sp.words) == 0 {
		return nil, fmt.Errorf("%w: empty", ErrInvalid)
	}
	return sp.words, nil
}

type splitter struct {
	words  []string
	cur    strings.Builder
	inWord bool
}

func (sp *splitter) endWord() {
	if sp.inWord {
		sp.words = append(sp.words, sp.cur.String())
		sp.cur.Reset()
		sp.inWord = false
	}
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
		sp.endWord()
		return i, nil
	case c == '\'':
		j := strings.IndexByte(s[i+1:], '\'')
		if j < 0 {
			return 0, fmt.Errorf("unterminated single quote at position %d", i+1)
		}
		sp.add(s[i+1 : i+1+j])
		return i + 1 + j, nil
	case c == '"':
		return sp.doubleQuoted(s, i)
	case c == '\\':
		if i+1 >= len(s) {
			return 0, errors.New("trailing backslash")
		}
		if s[i+1] != '\n' {
			sp.add(s[i+1 : i+2])
		}
		return i + 1, nil
	case strings.IndexByte("|&;<>()`$", c) >= 0:
		return 0, fmt.Errorf("%q at position %d: RigShift runs no shell (no pipes, redirections or variables); quote it to pass it literally", c, i+1)
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
// argv again: words with blanks, quotes or shell characters (or none at
// all) in single quotes.
func Quote(argv []string) string {
	out := make([]string, len(argv))
	for i, a := range argv {
		out[i] = a
		if a == "" || strings.ContainsAny(a, " \t\n\r\"'\\$`|&;<>()") {
			out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(out, " ")
}
