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
// means the export is incomplete, and says so.
func (c *Client) Export(w io.Writer, req ExportRequest) error {
	if err := c.send(Request{Op: OpExport, ExportRequest: req}); err != nil {
		return err
	}
	buf := make([]byte, maxChunk)
	for {
		c.conn.SetDeadline(time.Now().Add(c.Timeout))
		line, err := readLine(c.r, MaxLine)
		if errors.Is(err, errTooLong) {
			return c.incomplete(req, fmt.Errorf("%w (a line over %d bytes)", errStream, MaxLine))
		} else if err != nil {
			return c.incomplete(req, c.connError(err))
		}
		if bytes.HasPrefix(line, []byte("{")) {
			_, err := parseReply(line)
			return err
		}
		chunk, err := c.readChunk(line, buf)
		if errors.Is(err, errStream) {
			return c.incomplete(req, err)
		} else if err != nil {
			return c.incomplete(req, c.connError(err))
		}
		if _, err := w.Write(chunk); err != nil {
			return fmt.Errorf("writing the %s export: %w", req.What, err)
		}
	}
}

// incomplete adds to err that the export stopped short.
func (c *Client) incomplete(req ExportRequest, err error) error {
	return fmt.Errorf("%w; the %s export is incomplete", err, req.What)
}

// readChunk reads one chunk whose length line is header into buf. The
// chunk is read whole before it is written, so that a failure of the
// connection is told apart from one of the file being written.
func (c *Client) readChunk(header, buf []byte) ([]byte, error) {
	n, err := strconv.Atoi(string(header))
	if err != nil || n <= 0 || n > maxChunk {
		return nil, fmt.Errorf("%w (chunk header %.20q)", errStream, header)
	}
	_, err = io.ReadFull(c.r, buf[:n])
	return buf[:n], err
}
