package store

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sampleDB writes a small but varied database and returns its bytes.
func sampleDB(t *testing.T) []byte {
	t.Helper()
	s := openTest(t, Options{})
	setClock(s, t0.Add(time.Hour))
	s.PutJob(JobRecord{ID: "J-0001", Client: "acme-corp", State: "done"}, JobEvent{State: "done"})
	s.AppendEvent(Event{Time: t0, Kind: "notify", Message: "hello"})
	s.PutEarning(EarningRecord{Kind: KindMining, GPU: "g0", Start: t0, End: t0.Add(time.Hour)})
	s.SetMode("mine", "")
	w := s.Telemetry()
	for i := range 3600 {
		w.Add(point(t0.Add(time.Duration(i)*time.Second), "g0", float32(i%40)))
	}
	w.Flush()
	s.Close()
	data, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestDamagedFileIsRefusedAndKept(t *testing.T) {
	good := sampleDB(t)
	m, err := newestMeta(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	page := int(m.pageSize)
	garbage := make([]byte, 64<<10)
	rand.NewChaCha8([32]byte{1}).Read(garbage)
	bothMetas := bytes.Clone(good)
	bothMetas[pageHeaderSize+20]++      // inside meta 0's checksummed fields
	bothMetas[page+pageHeaderSize+20]++ // and meta 1's
	tests := map[string][]byte{
		"not a database":            garbage,
		"truncated to 100 bytes":    good[:100],
		"truncated to one page":     good[:page],
		"truncated below its pages": good[:int(m.pgid-1)*page],
		"both headers damaged":      bothMetas,
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			os.WriteFile(path, data, 0o600)
			_, err := Open(path, Options{})
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Open = %v, want ErrCorrupt", err)
			}
			var se *Error
			if !errors.As(err, &se) || se.Path != path || !strings.Contains(err.Error(), "Move it aside") {
				t.Errorf("message %q should name the file and say what to do", err)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
				t.Error("the damaged file was changed")
			}
		})
	}
}

func TestOneDamagedHeaderStillOpens(t *testing.T) {
	data := sampleDB(t)
	m, _ := newestMeta(bytes.NewReader(data))
	data[int(m.txid%2)*int(m.pageSize)+pageHeaderSize+20]++ // the newest header
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, data, 0o600)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open with one good header = %v", err)
	}
	s.Close()
}

func TestEmptyFileStartsFresh(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, nil, 0o600)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open of an empty file = %v", err)
	}
	s.Close()
}

func TestDamagedRecordIsAnError(t *testing.T) {
	data := sampleDB(t)
	record := []byte(`"client":"acme-corp"`)
	if !bytes.Contains(data, record) {
		t.Fatal("job record not found in the file")
	}
	// every copy: stale ones sit in free pages
	data = bytes.ReplaceAll(data, record, bytes.Repeat([]byte{0x01}, len(record)))
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, data, 0o600)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.GetJob("J-0001"); !errors.Is(err, ErrCorrupt) {
		t.Errorf("GetJob of a damaged record = %v, want ErrCorrupt", err)
	}
	if _, err := s.ListJobs(); !errors.Is(err, ErrCorrupt) {
		t.Errorf("ListJobs with a damaged record = %v, want ErrCorrupt", err)
	}
}
