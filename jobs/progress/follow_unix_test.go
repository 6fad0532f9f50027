//go:build unix

package progress

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// The job can put something else where the file was before it is first
// read: a named pipe (whose opening waits for a writer) or a link to
// /dev/zero (which never ends). Either held the follower for good, and so
// the job's stop, which waits for it.
func TestFollowReadsOnlyAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.jsonl")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.jsonl")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, zero} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		done := make(chan struct{})
		go func() {
			defer close(done)
			Follow(ctx, path, time.Second, func([]byte) {})
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("following %s did not end", filepath.Base(path))
		}
	}
}
