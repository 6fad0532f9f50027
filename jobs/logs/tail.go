package logs

import (
	"sync"
	"unicode/utf8"
)

// Tail keeps the last lines of output in memory, bounded both in lines and
// in bytes. A line replaces a redraw before it, so a progress bar takes
// one line, not thousands, and a finished bar leaves only its final state;
// a line rewritten above the newest (the outer bar of a nested loop)
// replaces the line it was written over. It is safe for concurrent use.
type Tail struct {
	mu         sync.Mutex
	ring       []string
	start, n   int
	bytes      int
	maxBytes   int
	lastRedraw bool
}

// NewTail returns a Tail that holds at most maxLines lines (at least 1) and
// maxBytes bytes of text (at least 1 KiB).
func NewTail(maxLines, maxBytes int) *Tail {
	return &Tail{ring: make([]string, max(maxLines, 1)), maxBytes: max(maxBytes, 1024)}
}

// Add appends l, or replaces the last line when that was a redraw: the
// program had begun to overwrite it already. A line with Up replaces the
// kept line Up above the newest instead, and leaves the newest alone; one
// Up above all the kept lines is appended as any other.
func (t *Tail) Add(l Line) {
	text := l.Text
	text = cut(text, t.maxBytes)
	t.mu.Lock()
	defer t.mu.Unlock()
	if l.Up > 0 && l.Up < t.n {
		t.replace(t.n-1-l.Up, text) // the newest line, a redraw or not, stays as it was
		return
	}
	if t.lastRedraw && t.n > 0 {
		t.dropLast()
	}
	t.lastRedraw = l.Redraw
	for t.n == len(t.ring) || (t.n > 0 && t.bytes+len(text) > t.maxBytes) {
		t.dropFirst()
	}
	t.ring[(t.start+t.n)%len(t.ring)] = text
	t.n++
	t.bytes += len(text)
}

// replace puts text in the place of the i-th kept line, oldest first.
func (t *Tail) replace(i int, text string) {
	j := (t.start + i) % len(t.ring)
	t.bytes += len(text) - len(t.ring[j])
	t.ring[j] = text
	for t.n > 1 && t.bytes > t.maxBytes {
		t.dropFirst()
	}
}

func (t *Tail) dropFirst() {
	t.bytes -= len(t.ring[t.start])
	t.ring[t.start] = ""
	t.start = (t.start + 1) % len(t.ring)
	t.n--
}

func (t *Tail) dropLast() {
	i := (t.start + t.n - 1) % len(t.ring)
	t.bytes -= len(t.ring[i])
	t.ring[i] = ""
	t.n--
}

// Lines returns a copy of the kept lines, oldest first.
func (t *Tail) Lines() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]string, t.n)
	for i := range out {
		out[i] = t.ring[(t.start+i)%len(t.ring)]
	}
	return out
}

// Bytes returns the bytes of text held.
func (t *Tail) Bytes() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.bytes
}

// cut shortens s to at most n bytes without splitting a UTF-8 sequence.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
