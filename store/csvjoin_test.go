package store

import (
	"bytes"
	"io"
	"testing"
)

// The header is left out however the writes cut it: a CSV streamed over
// the socket arrives in pieces, one ending mid-header.
func TestWithoutHeader(t *testing.T) {
	for _, pieces := range [][]string{
		{"time,gpu\nA,1\nB,2\n"},
		{"time,", "gpu", "\nA,1\n", "B,2\n"},
		{"time,gpu\n", "A,1\nB,2\n"},
	} {
		var buf bytes.Buffer
		w := WithoutHeader(&buf)
		for _, p := range pieces {
			if n, err := io.WriteString(w, p); n != len(p) || err != nil {
				t.Fatalf("%q: wrote %d of %q, %v", pieces, n, p, err)
			}
		}
		if buf.String() != "A,1\nB,2\n" {
			t.Errorf("%q: %q", pieces, buf.String())
		}
	}
}
