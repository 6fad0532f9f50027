package socket

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"time"
)

// errTooLong is a line over readLine's limit; each side words it, as it is
// a bad request to the server and an answer too long to the client.
var errTooLong = errors.New("the line is too long")

// errRequestTooLong is the server's answer to a request line over MaxLine.
var errRequestTooLong = fmt.Errorf("bad request: the line is longer than %d bytes", MaxLine)

// serveConn answers one client's requests until it hangs up, stays silent
// past the idle timeout, or the server closes.
func (s *Server) serveConn(c *net.UnixConn) {
	defer s.done(c)
	if err := s.admit(c); err != nil {
		return
	}
	r := bufio.NewReaderSize(c, 64<<10)
	for {
		c.SetReadDeadline(time.Now().Add(s.cfg.IdleTimeout))
		line, err := readLine(r, MaxLine)
		if err != nil && !errors.Is(err, errTooLong) {
			return // hung up, idle too long, or closed
		}
		if err == nil && len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		c.SetWriteDeadline(time.Now().Add(s.cfg.WriteTimeout))
		if err != nil {
			err = writeReply(c, errorReply(errRequestTooLong))
		} else {
			err = s.answer(c, line)
		}
		if err != nil {
			return
		}
	}
}

// admit refuses a peer of another user with an error reply.
func (s *Server) admit(c *net.UnixConn) error {
	uid, err := peerUID(c)
	if err == nil {
		err = checkPeer(uid, os.Getuid())
	}
	if err != nil {
		s.cfg.Logf("control socket: %v", err)
		c.SetWriteDeadline(time.Now().Add(time.Second))
		writeReply(c, errorReply(err))
	}
	return err
}

// readLine reads one line of at most limit bytes, without its newline. A
// longer line is read to its end and dropped, so that the next request
// still starts on a line of its own, and errTooLong is returned. A last
// line without a newline still counts.
func readLine(r *bufio.Reader, limit int) ([]byte, error) {
	var line []byte
	for {
		frag, err := r.ReadSlice('\n')
		if len(line)+len(frag) > limit+1 {
			return nil, skipLine(r, err)
		}
		line = append(line, frag...)
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(line) > 0:
			return line, nil
		case err != nil:
			return nil, err
		}
		return bytes.TrimSuffix(line, []byte("\n")), nil
	}
}

// skipLine reads on to the end of an overlong line.
func skipLine(r *bufio.Reader, err error) error {
	for errors.Is(err, bufio.ErrBufferFull) {
		_, err = r.ReadSlice('\n')
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return errTooLong
}

// writeReply writes rep as one line.
func writeReply(w io.Writer, rep Reply) error {
	b, err := json.Marshal(rep)
	if err != nil {
		b, _ = json.Marshal(Reply{Error: fmt.Sprintf("RigShift could not encode its answer: %v", err)})
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
