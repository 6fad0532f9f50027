package logs

import (
	"bytes"
	"strings"
)

// Line is one line of output, already made safe to show.
type Line struct {
	Text string
	// Redraw is true when the line ended with a lone '\r': the program means
	// to overwrite it (a progress bar), so a viewer should replace it with
	// the line that follows.
	Redraw bool
	// Truncated is true when the line was longer than the splitter's limit.
	Truncated bool
}

// TruncatedMark ends a line that was cut at the length limit.
const TruncatedMark = " …[truncated]"

// Splitter cuts a byte stream into Lines and hands each to emit. It is an
// io.Writer; it is not safe for concurrent use.
type Splitter struct {
	max  int
	emit func(Line)
	buf  []byte
	over bool // the current line passed max; the rest is dropped
	inCR bool // a '\r' was seen; the next byte decides redraw or CRLF
}

// NewSplitter returns a Splitter that keeps at most maxLine bytes of a line
// (at least 64) and calls emit for every complete line.
func NewSplitter(maxLine int, emit func(Line)) *Splitter {
	maxLine = max(maxLine, 64)
	return &Splitter{max: maxLine, emit: emit, buf: make([]byte, 0, 256)}
}

// Write consumes p. It never fails.
func (s *Splitter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if s.inCR {
			s.inCR = false
			if p[0] == '\n' {
				s.flushLine(false)
				p = p[1:]
				continue
			}
			s.flushLine(true)
		}
		i := indexEOL(p)
		if i < 0 {
			s.add(p)
			break
		}
		s.add(p[:i])
		if p[i] == '\r' {
			s.inCR = true
		} else {
			s.flushLine(false)
		}
		p = p[i+1:]
	}
	return n, nil
}

// indexEOL returns the index of the first '\r' or '\n' in p, or -1. Two
// IndexByte scans beat IndexAny, which builds a set on every call.
func indexEOL(p []byte) int {
	end := bytes.IndexByte(p, '\n')
	if end < 0 {
		end = len(p)
	}
	if i := bytes.IndexByte(p[:end], '\r'); i >= 0 {
		return i
	}
	if end == len(p) {
		return -1
	}
	return end
}

// Flush emits a pending partial line, as at the end of the stream.
func (s *Splitter) Flush() {
	if s.inCR {
		s.inCR = false
		s.flushLine(false)
		return
	}
	if len(s.buf) > 0 || s.over {
		s.flushLine(false)
	}
}

func (s *Splitter) add(p []byte) {
	if s.over {
		return
	}
	room := s.max - len(s.buf)
	if len(p) > room {
		p = p[:room]
		s.over = true
	}
	s.buf = append(s.buf, p...)
}

func (s *Splitter) flushLine(redraw bool) {
	text := Clean(s.buf)
	trunc := s.over
	s.buf, s.over = s.buf[:0], false
	if cap(s.buf) > 4*s.max {
		s.buf = make([]byte, 0, 256)
	}
	if redraw && strings.TrimSpace(text) == "" {
		return // a cleared bar: tqdm.write prints "\r", spaces, "\r"
	}
	if trunc {
		text += TruncatedMark
	}
	s.emit(Line{Text: text, Redraw: redraw, Truncated: trunc})
}
