package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// olderSchemaFile makes a database as RigShift of schema 1 wrote it: an
// event, a remembered GPU and settings, the version 1. Schema 2 changed
// nothing stored (countedRowsV2), so the layout is schema 1's.
func olderSchemaFile(t *testing.T) string {
	t.Helper()
	return writeOlderSchema(t, filepath.Join(t.TempDir(), FileName))
}

// writeOlderSchema is olderSchemaFile at path.
func writeOlderSchema(t *testing.T, path string) string {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AppendEvent(Event{Time: time.Now().Add(-time.Hour), Kind: "mode", Message: "mine", Reason: "user"}); err != nil {
		t.Fatal(err)
	}
	if err := s.RememberGPUs([]GPURecord{{UUID: "GPU-0", Index: 0, Name: "RTX 3080"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutSettings(map[string]float64{"electricity_per_kwh": 0.25}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	setSchema(t, s.Path(), 1)
	return s.Path()
}

// `rigshift events` (or settings, an export) with RigShift stopped opened
// a database an older RigShift wrote and upgraded it to schema 2: the
// owner who only looked could no longer go back to that version ("written
// by a newer version"). A read-only open reads it as it is and leaves the
// file byte for byte as it was; opening it to write still upgrades it.
func TestReadOnlyOpenLeavesAnOlderSchemaAsItIs(t *testing.T) {
	path := olderSchemaFile(t)
	before := fileHash(t, path)

	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only Open: %v", err)
	}
	if v, err := s.schemaVersion(); err != nil || v != 1 {
		t.Errorf("schema version = %d, %v; want 1, as written", v, err)
	}
	evs, err := s.Events(time.Now().Add(-2*time.Hour), time.Now(), 10)
	if err != nil || len(evs) != 1 || evs[0].Message != "mine" {
		t.Errorf("Events = %+v, %v", evs, err)
	}
	gpus, err := s.KnownGPUs()
	if err != nil || len(gpus) != 1 || gpus[0].Name != "RTX 3080" {
		t.Errorf("KnownGPUs = %+v, %v", gpus, err)
	}
	var settings map[string]float64
	if err := s.GetSettings(&settings); err != nil || settings["electricity_per_kwh"] != 0.25 {
		t.Errorf("GetSettings = %v, %v", settings, err)
	}
	if err := s.AppendEvent(Event{Kind: "mode", Message: "idle"}); err == nil {
		t.Error("a read-only store took a write")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fileHash(t, path) != before {
		t.Fatal("a read-only open changed the file")
	}

	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.schemaVersion(); err != nil || v != len(migrations) {
		t.Errorf("opened to write: schema version = %d, %v; want %d", v, err, len(migrations))
	}
}

func TestReadOnlyOpenRefusesANewerSchema(t *testing.T) {
	path := olderSchemaFile(t)
	setSchema(t, path, uint32(len(migrations)+1))
	before := fileHash(t, path)
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrSchemaTooNew) {
		t.Errorf("read-only Open = %v, want ErrSchemaTooNew", err)
	}
	if fileHash(t, path) != before {
		t.Error("the file was changed")
	}
}

// A read-only open makes nothing: no folder, no file, and an empty file
// (a first start cut short) stays empty; it says there is no history.
func TestReadOnlyOpenOfNoDatabaseMakesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rig")
	path := filepath.Join(dir, FileName)
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "no RigShift history") {
		t.Errorf("read-only Open of nothing = %v, want fs.ErrNotExist in words", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a read-only open made the data folder: %v", err)
	}
	os.Mkdir(dir, 0o700)
	os.WriteFile(path, nil, 0o600)
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("read-only Open of an empty file = %v, want fs.ErrNotExist", err)
	}
	if info, err := os.Stat(path); err != nil || info.Size() != 0 {
		t.Errorf("the empty file: %v, %v", info, err)
	}
}

// Readers share the file; a writer (RigShift, a db compact) has it alone.
// A reader is not taken for a RigShift still stopping (InUse).
func TestReadOnlyOpenSharesTheLockWithReadersOnly(t *testing.T) {
	path := olderSchemaFile(t)
	quick := Options{ReadOnly: true, LockTimeout: 50 * time.Millisecond}
	r1, err := Open(path, quick)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Open(path, quick)
	if err != nil {
		t.Fatalf("a second reader: %v", err)
	}
	if InUse(path) {
		t.Error("readers are taken for a RigShift that holds the file")
	}
	if _, err := Open(path, Options{LockTimeout: 50 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("a writer beside readers: %v, want ErrLocked", err)
	}
	r1.Close()
	r2.Close()

	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := Open(path, quick); !errors.Is(err, ErrLocked) {
		t.Errorf("a reader beside a writer: %v, want ErrLocked", err)
	}
}
