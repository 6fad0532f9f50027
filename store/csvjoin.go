package store

import (
	"bytes"
	"io"
)

// WithoutHeader is w with the first line written to it left out: each
// GPU's telemetry CSV after the first, joined into one file under one
// header (the rows name their GPU), as the window and `rigshift export
// telemetry` write every GPU.
func WithoutHeader(w io.Writer) io.Writer { return &headerSkipper{w: w} }

type headerSkipper struct {
	w    io.Writer
	done bool
}

func (h *headerSkipper) Write(p []byte) (int, error) {
	n := len(p)
	if !h.done {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			return n, nil
		}
		h.done, p = true, p[i+1:]
	}
	_, err := h.w.Write(p)
	return n, err
}
