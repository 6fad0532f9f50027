package progress

import (
	"bytes"
	"context"
	"io"
	"os"
	"time"
)

// maxReportLine is the longest progress-file line that is parsed.
const maxReportLine = 64 << 10

// Follow reads the progress file at path as it grows, calling fn with each
// complete line, until ctx ends. It polls every interval (at least 10 ms),
// waits for the file to appear, starts over if the file is truncated, and
// skips lines longer than 64 KiB. A final read happens after ctx ends so
// that lines written just before the job exited are not lost.
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
	if st, err := f.f.Stat(); err == nil && st.Size() < f.off {
		if _, err := f.f.Seek(0, io.SeekStart); err != nil {
			return
		}
		f.off, f.buf, f.skip = 0, f.buf[:0], false
	}
	for {
		n, err := f.f.Read(f.tmp[:])
		f.off += int64(n)
		f.consume(f.tmp[:n])
		if n == 0 || err != nil {
			return
		}
	}
}

func (f *follower) open() bool {
	// Until the job (or RigShift) creates the file there is nothing to
	// read; any other error is retried on the next poll too.
	file, err := os.Open(f.path)
	if err != nil {
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
