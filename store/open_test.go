package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestOpenCreatesLatestSchemaAndKeepsData(t *testing.T) {
	s := openTest(t, Options{})
	if v, err := s.schemaVersion(); err != nil || v != len(migrations) {
		t.Fatalf("schema version = %d, %v; want %d", v, err, len(migrations))
	}
	if err := s.SetMode("mine", "user"); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	if m, err := s.Mode(); err != nil || m != "mine" {
		t.Fatalf("Mode after reopen = %q, %v; want mine", m, err)
	}
	if filepath.Base(s.Path()) != FileName {
		t.Errorf("Path() = %s, want a file named %s", s.Path(), FileName)
	}
}

// setSchema writes a schema version straight into the file.
func setSchema(t *testing.T, path string, v uint32) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, binary.BigEndian.AppendUint32(nil, v))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSchemaTooNewIsRefusedAndFileUntouched(t *testing.T) {
	s := openTest(t, Options{})
	path := s.Path()
	s.Close()
	setSchema(t, path, uint32(len(migrations)+1))
	before := fileHash(t, path)

	_, err := Open(path, Options{})
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("Open = %v, want ErrSchemaTooNew", err)
	}
	var se *Error
	if !errors.As(err, &se) || se.Path != path || !strings.Contains(err.Error(), "newer version of RigShift") {
		t.Errorf("error %q should be an *Error naming %s", err, path)
	}
	if fileHash(t, path) != before {
		t.Error("the file was changed")
	}
}

func TestMigrationsRunInOneTransaction(t *testing.T) {
	s := openTest(t, Options{})
	path := s.Path()
	s.Close()
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	addBucket := func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("v2")); return err }

	migrations = append(saved[:len(saved):len(saved)], addBucket, func(*bolt.Tx) error { return errors.New("boom") })
	if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("Open with a failing migration = %v, want the failure", err)
	}
	assertSchema(t, path, len(saved), false)

	migrations = append(saved[:len(saved):len(saved)], addBucket)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open with a good migration: %v", err)
	}
	s.Close()
	assertSchema(t, path, len(saved)+1, true)
}

// assertSchema checks the stored version and whether bucket "v2" exists.
func assertSchema(t *testing.T, path string, want int, wantV2 bool) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		if v := binary.BigEndian.Uint32(tx.Bucket(bucketMeta).Get(keySchema)); int(v) != want {
			t.Errorf("schema version = %d, want %d", v, want)
		}
		if got := tx.Bucket([]byte("v2")) != nil; got != wantV2 {
			t.Errorf("bucket v2 exists = %v, want %v", got, wantV2)
		}
		return nil
	})
}

func TestDefaultDir(t *testing.T) {
	tests := []struct {
		name, xdg, home, want string
	}{
		{"xdg set", "/data", "/home/u", "/data/rigshift"},
		{"xdg relative is ignored", "rel/data", "/home/u", "/home/u/.local/share/rigshift"},
		{"xdg unset", "", "/home/u", "/home/u/.local/share/rigshift"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XDG_DATA_HOME", tt.xdg)
			t.Setenv("HOME", tt.home)
			got, err := DefaultDir()
			if err != nil || got != tt.want {
				t.Errorf("DefaultDir() = %q, %v; want %q", got, err, tt.want)
			}
			if p, _ := DefaultPath(); p != filepath.Join(tt.want, FileName) {
				t.Errorf("DefaultPath() = %q", p)
			}
		})
	}
}

func TestOptionsDefaultsAndValidation(t *testing.T) {
	o, err := Options{}.withDefaults()
	if err != nil || o.LockTimeout != time.Second || o.FlushInterval != 5*time.Second ||
		o.RawRetention != 48*time.Hour || o.MinuteRetention != 90*24*time.Hour || o.HourRetention != Forever {
		t.Errorf("defaults = %+v, %v", o, err)
	}
	for _, bad := range []Options{{RawRetention: time.Second}, {LockTimeout: -time.Second}, {HourRetention: -2}} {
		if _, err := bad.withDefaults(); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

// A bbolt file of another program is refused and left as it was, in
// words that say so, instead of being taken over.
func TestForeignBoltFileIsRefusedAndKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("someone-elses-data"))
		if err != nil {
			return err
		}
		return b.Put([]byte("k"), []byte("v"))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	s, err := Open(path, Options{})
	if err == nil {
		s.Close()
	}
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(fmt.Sprint(err), "is not a RigShift database") {
		t.Errorf("Open of another program's file = %v, want it refused as not RigShift's", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the other program's file was changed")
	}
}

// A data folder that is a file, or that would be made below one, is said
// in words rather than as "mkdir /srv/rig: not a directory".
func TestOpenSaysTheDataFolderIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "rig")
	if err := os.WriteFile(file, []byte("notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ dir, want string }{
		{file, "the data folder " + file + " is a file, not a folder"},
		{filepath.Join(file, "sub"), "cannot make the data folder " + filepath.Join(file, "sub") + ": " + file + " is a file, not a folder"},
	} {
		_, err := Open(filepath.Join(tt.dir, FileName), Options{})
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "not a directory") {
			t.Errorf("Open in %s = %v, want %q", tt.dir, err, tt.want)
		}
		_, err = Open(filepath.Join(tt.dir, FileName), Options{ReadOnly: true})
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "not a directory") {
			t.Errorf("read-only Open in %s = %v, want %q", tt.dir, err, tt.want)
		}
		_, err = Compact(filepath.Join(tt.dir, FileName))
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "not a directory") {
			t.Errorf("Compact in %s = %v, want %q", tt.dir, err, tt.want)
		}
	}
}
