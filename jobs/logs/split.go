package logs

import (
	"bytes"
	"strings"
)

// Line is one line of output, already made safe to show.
type Line struct {
	Text string
	// Redraw is true when the program means to overwrite the line (a
	// progress bar): it ended with a lone '\r', or the program moved the
	// cursor up from it (a nested bar). A viewer should replace it with the
	// line that follows.
	Redraw bool
	// Up, when above 0, says the program wrote the line over one already
	// shown, Up lines above the newest: the outer bar of a nested loop,
	// refreshed in its own row while the inner bar runs below it. A viewer
	// should replace that line with it.
	Up int
	// Truncated is true when the line was longer than the splitter's limit.
	Truncated bool
}

// Rewrite reports whether the line replaces another, the newest or one
// above it: a log file keeps only some of these.
func (l Line) Rewrite() bool { return l.Redraw || l.Up > 0 }

// TruncatedMark ends a line that was cut at the length limit.
const TruncatedMark = " …[truncated]"

// Splitter cuts a byte stream into Lines and hands each to emit. It is an
// io.Writer; it is not safe for concurrent use.
type Splitter struct {
	max   int
	emit  func(Line)
	buf   []byte
	over  bool // the current line passed max; the rest is dropped
	inCR  bool // a '\r' was seen; the next byte decides redraw or CRLF
	above int  // lines the cursor is above the last line written
	// cleared is set when the line was just blanked in place ("\r",
	// spaces, "\r": tqdm.write clearing its bars): what is written next
	// is meant to stay, even above a bar.
	cleared bool
}

// maxAbove bounds above: a cursor-up stops at the top of the terminal.
const maxAbove = 100

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
				s.flushLine('\n')
				p = p[1:]
				continue
			}
			s.flushLine('\r')
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
			s.flushLine('\n')
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
		s.flushLine(0)
		return
	}
	if len(s.buf) > 0 || s.over {
		s.flushLine(0)
	}
}

// Pending returns the line written so far but not ended, made safe to
// show; "" when there is none or it passed the length limit. tqdm draws
// its bar as "\r" then the bar, with no end: the bar drawn last is such a
// line until the next redraw, which may come hours later.
func (s *Splitter) Pending() string {
	if s.over || len(s.buf) == 0 {
		return ""
	}
	return Clean(s.buf)
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

// flushLine emits the buffered line, which end ended: '\r', '\n', or 0 at
// the end of the stream.
func (s *Splitter) flushLine(end byte) {
	text := Clean(s.buf)
	ups, after := cursorUps(s.buf)
	redraw, up := s.redraw(end, text, ups, after)
	trunc, raw := s.over, len(s.buf)
	s.buf, s.over = s.buf[:0], false
	if cap(s.buf) > 4*s.max {
		s.buf = make([]byte, 0, 256)
	}
	if redraw && blank(text) {
		// A cleared bar: tqdm.write prints "\r", spaces, "\r"; a nested
		// bar closed with leave=False, spaces and a cursor-up.
		s.cleared = raw > 0 && ups == 0
		return
	}
	s.cleared = false
	if trunc {
		text += TruncatedMark
	}
	s.emit(Line{Text: text, Redraw: redraw, Up: up, Truncated: trunc})
}

// redraw tells whether the buffered line, which end ended, is to be
// overwritten: it ended with a lone '\r'; or the cursor moved up from it
// (ups, with after written after the last move), as tqdm draws a nested
// bar (position n >= 1: an evaluation bar under the training bar, a
// torchrun rank) with "\n"×n, "\r"+bar, ESC[A×n. Or else up says that its
// '\n' only moves the cursor down over a line already shown, up lines
// above the newest: the line was rewritten in place (the outer bar of a
// nested loop), unless it was cleared first to write a message there
// (tqdm.write).
func (s *Splitter) redraw(end byte, text string, ups int, after []byte) (redraw bool, up int) {
	s.above = min(s.above+ups, maxAbove)
	if end != '\n' {
		return end == '\r', 0
	}
	above := s.above
	s.above = max(s.above-1, 0)
	switch {
	case ups > 0 && blank(Clean(after)), above > 0 && blank(text):
		return true, 0
	case above > 0 && !s.cleared:
		return false, above
	}
	return false, 0
}

// cursorUps counts the lines that the cursor-up sequences (ESC [ n A) in b
// move, and returns what follows the last one.
func cursorUps(b []byte) (ups int, after []byte) {
	for {
		i := bytes.Index(b, []byte("\x1b["))
		if i < 0 {
			return ups, after
		}
		b = b[i+2:]
		n := 0
		for len(b) > 0 && b[0] >= '0' && b[0] <= '9' {
			n, b = min(10*n+int(b[0]-'0'), maxAbove), b[1:]
		}
		if len(b) > 0 && b[0] == 'A' {
			ups, after = ups+max(n, 1), b[1:]
		}
	}
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }
