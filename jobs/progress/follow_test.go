package progress

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A job that writes its progress file faster than it can be parsed (a
// loop with no pause writes a gigabyte in a second) must not keep the
// follower reading for minutes: the job's stop waits for it, and the
// progress shown is that of the line being parsed, minutes old. Only the
// newest lines are read.
func TestFollowSkipsToTheNewestLinesOfAFlood(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	const lines = 1_000_000 // 28 MB
	for i := range lines {
		fmt.Fprintf(w, `{"step": %7d, "total": 1}`+"\n", i)
	}
	w.WriteString(`{"done": true}` + "\n")
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // one read, then the last one
	calls, last := 0, ""
	Follow(ctx, path, time.Second, func(b []byte) { calls, last = calls+1, string(b) })
	if last != `{"done": true}` {
		t.Fatalf("last line read %q", last)
	}
	if limit := 2 * maxPollBytes / 27; calls > limit {
		t.Fatalf("%d lines parsed of a %d-line flood, want at most %d", calls, lines+1, limit)
	}
}
