package socket

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
)

// errStream is a chunk header that makes no sense.
var errStream = errors.New("RigShift's export stream was garbled")

// Export streams a CSV export into w. An error after some CSV was written
// means the export is incomplete.
func (c *Client) Export(w io.Writer, req ExportRequest) error {
	if err := c.send(Request{Op: OpExport, ExportRequest: req}); err != nil {
		return err
	}
	for {
		c.conn.SetDeadline(time.Now().Add(c.Timeout))
		line, err := readLine(c.r, MaxLine)
		if err != nil {
			return fmt.Errorf("reading the %s export from RigShift: %w", req.What, err)
		}
		if bytes.HasPrefix(line, []byte("{")) {
			_, err := parseReply(line)
			return err
		}
		if err := c.copyChunk(w, line); err != nil {
			return fmt.Errorf("reading the %s export from RigShift: %w", req.What, err)
		}
	}
}

// copyChunk copies one chunk whose length line is header.
func (c *Client) copyChunk(w io.Writer, header []byte) error {
	n, err := strconv.Atoi(string(header))
	if err != nil || n <= 0 || n > maxChunk {
		return fmt.Errorf("%w (chunk header %.20q)", errStream, header)
	}
	if _, err := io.CopyN(w, c.r, int64(n)); err != nil {
		return err
	}
	return nil
}
