package logs

import (
	"strings"
	"unicode/utf8"
)

// Clean makes raw output safe to show: it removes ANSI escape sequences and
// other control characters (tabs become spaces) and replaces invalid UTF-8
// with U+FFFD.
func Clean(b []byte) string {
	if isPlain(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == 0x1b:
			i = skipEscape(b, i)
			continue
		case c == '\t':
			sb.WriteByte(' ')
		case c < 0x20 || c == 0x7f:
		case c < utf8.RuneSelf:
			sb.WriteByte(c)
		default:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				sb.WriteRune(utf8.RuneError)
			} else {
				sb.Write(b[i : i+size])
			}
			i += max(size, 1)
			continue
		}
		i++
	}
	return sb.String()
}

// isPlain reports whether b is printable ASCII only, the common case.
func isPlain(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// skipEscape returns the index just past the escape sequence at b[i].
// It understands CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST) and
// charset designations (ESC ( B, which tput sgr0 prints); any other escape
// drops ESC and the byte after it.
func skipEscape(b []byte, i int) int {
	if i+1 >= len(b) {
		return len(b)
	}
	switch b[i+1] {
	case '[':
		for j := i + 2; j < len(b); j++ {
			if b[j] >= 0x40 && b[j] <= 0x7e {
				return j + 1
			}
		}
		return len(b)
	case ']':
		for j := i + 2; j < len(b); j++ {
			if b[j] == 0x07 {
				return j + 1
			}
			if b[j] == 0x1b && j+1 < len(b) && b[j+1] == '\\' {
				return j + 2
			}
		}
		return len(b)
	case '(', ')', '*', '+':
		return min(i+3, len(b))
	}
	return i + 2
}
