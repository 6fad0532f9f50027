package progress

import (
	"bytes"
	"context"
	"io"
	"os"
	"syscall"
	"time"
)

// maxReportLine is the longest progress-file line that is parsed.
const maxReportLine = 64 << 10

// maxPollBytes bounds what one poll reads. A job that writes its file
// faster than it is parsed (about 10 MB/s; a loop with no pause writes a
// gigabyte a second) would keep the follower reading for minutes, its
// progress shown minutes old and its stop waiting for the last read; past
// this much unread, only the newest lines are read, the newest value of
// each field being what counts.
const maxPollBytes = 1 << 20

// Follow reads the progress file at path as it grows, calling fn with each
// complete line, until ctx ends. It polls every interval (at least 10 ms),
// waits for the file to appear, starts over if the file is truncated,
// skips lines longer than 64 KiB, and reads only the newest MiB of what was
// written since the last poll. A final read happens after ctx ends so that
// lines written just before the job exited are not lost.
func Follow(ctx context.Context, path string, every time.Duration, fn func([]byte)) {
	every = max(every, 10*time.Millisecond)
	f := &follower{path: path, fn: fn}
	defer f.close()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		f.poll()
		select {
		case <-ctx.Done():
			f.poll()
			return
		case <-t.C:
		}
	}
}

type follower struct {
	path string
	fn   func([]byte)
	f    *os.File
	off  int64
	buf  []byte
	skip bool // dropping the rest of an over-long line
	tmp  [32 << 10]byte
}

func (f *follower) poll() {
	if f.f == nil && !f.open() {
		return
	}
	if st, err := f.f.Stat(); err == nil {
		switch size := st.Size(); {
		case size < f.off:
			f.seek(0, false)
		case size-f.off > maxPollBytes:
			f.seek(size-maxPollBytes, true) // the line cut there is dropped
		}
	}
	// A file still growing is read up to about maxPollBytes; the rest waits
	// for the next poll.
	for read := 0; read < maxPollBytes; {
		n, err := f.f.Read(f.tmp[:])
		f.off += int64(n)
		read += n
		f.consume(f.tmp[:n])
		if n == 0 || err != nil {
			return
		}
	}
}

// seek moves the read to off, dropping what was kept of a partial line;
// skip drops the rest of the line off falls in.
func (f *follower) seek(off int64, skip bool) {
	if _, err := f.f.Seek(off, io.SeekStart); err != nil {
		return
	}
	f.off, f.buf, f.skip = off, f.buf[:0], skip
}

func (f *follower) open() bool {
	// Until the job (or RigShift) creates the file there is nothing to
	// read; any other error is retried on the next poll too. The job may
	// have put something else there: opening a named pipe would wait for
	// a writer (O_NONBLOCK does not), and a device such as /dev/zero never
	// ends; only a file is read.
	file, err := os.OpenFile(f.path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false
	}
	if st, err := file.Stat(); err != nil || !st.Mode().IsRegular() {
		file.Close()
		return false
	}
	f.f = file
	return true
}

// consume splits p into lines, keeping a partial last line for later.
func (f *follower) consume(p []byte) {
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			f.keep(p)
			return
		}
		f.keep(p[:i])
		if !f.skip {
			f.fn(f.buf)
		}
		f.buf, f.skip = f.buf[:0], false
		p = p[i+1:]
	}
}

func (f *follower) keep(p []byte) {
	if f.skip {
		return
	}
	if len(f.buf)+len(p) > maxReportLine {
		f.buf, f.skip = f.buf[:0], true
		return
	}
	f.buf = append(f.buf, p...)
}

func (f *follower) close() {
	if f.f != nil {
		f.f.Close()
	}
}
