package cli

import (
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/store"
	bolt "go.etcd.io/bbolt"
)

// olderRigShiftHistory is a history as a RigShift of schema 1 left it (the
// version before the rollup rows' own counts): a job, its earnings, an
// event, settings and an hour of telemetry of GPU 0. Schema 2 changed
// nothing stored, so the file is schema 1's once its version says 1.
func olderRigShiftHistory(t *testing.T, dir string, from time.Time) (db string) {
	t.Helper()
	makeStore(t, dir, from)
	inStore(t, dir, func(s *store.Store) {
		if err := s.RememberGPUs([]store.GPURecord{{UUID: gpu0, Index: 0}}); err != nil {
			t.Fatal(err)
		}
		if err := s.AppendEvent(store.Event{Time: from, Kind: "mode", Message: "rent", Reason: "user"}); err != nil {
			t.Fatal(err)
		}
		if err := s.PutJob(store.JobRecord{ID: "J-0001", Client: "Acme AI", Command: []string{"python", "train.py"}, GPUCount: 1,
			PricePerGPUHour: 0.4, Currency: "EUR", State: "succeeded", CreatedAt: from, StartedAt: from, EndedAt: from.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PutEarning(store.EarningRecord{Kind: store.KindRental, JobID: "J-0001", GPU: gpu0, Start: from, End: from.Add(time.Hour),
			Revenue: 0.4, ElectricityCost: 0.05, Currency: "EUR"}); err != nil {
			t.Fatal(err)
		}
		settings := control.DefaultSettings()
		settings.ElectricityPerKWh, settings.Currency = 0.25, "EUR"
		if err := s.PutSettings(settings); err != nil {
			t.Fatal(err)
		}
	})
	db = filepath.Join(dir, store.FileName)
	setSchemaVersion(t, db, 1)
	return db
}

// setSchemaVersion writes the schema version into the file, as the
// RigShift of that version wrote it.
func setSchemaVersion(t *testing.T, db string, v uint32) {
	t.Helper()
	b, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), binary.BigEndian.AppendUint32(nil, v))
	}); err != nil {
		t.Fatal(err)
	}
}

// schemaVersionOf reads the file's schema version.
func schemaVersionOf(t *testing.T, db string) uint32 {
	t.Helper()
	b, err := bolt.Open(db, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var v uint32
	b.View(func(tx *bolt.Tx) error {
		v = binary.BigEndian.Uint32(tx.Bucket([]byte("meta")).Get([]byte("schema")))
		return nil
	})
	return v
}

func sumOf(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// Every command that only reads the history while RigShift is stopped
// upgraded a file an older RigShift wrote (schema 1 to 2), and the owner
// who only looked could not go back to that version: "database … was
// written by a newer version of RigShift". They read it as it is now, and
// it stays byte for byte as it was; a change (settings set) still
// upgrades it.
func TestCommandsThatOnlyReadLeaveAnOlderHistoryAsItIs(t *testing.T) {
	dir := privateRuntime(t)
	from := time.Now().Add(-2 * time.Hour).Truncate(time.Hour)
	db := olderRigShiftHistory(t, dir, from)
	before := sumOf(t, db)
	for _, c := range []struct {
		args []string
		want *regexp.Regexp
	}{
		{[]string{"events", "--since", "7d"}, regexp.MustCompile(`Mode\s+Switched to Rent, by you`)},
		{[]string{"events", "--since", "7d", "--json"}, regexp.MustCompile(`"message": "rent"`)},
		{[]string{"settings"}, regexp.MustCompile(`(?m)^electricity-per-kwh\s+0\.25$`)},
		{[]string{"settings", "--json"}, regexp.MustCompile(`"currency": "EUR"`)},
		{[]string{"export", "jobs"}, regexp.MustCompile(`(?m)^J-0001,Acme AI,`)},
		{[]string{"export", "earnings"}, regexp.MustCompile(`(?m)^\d+,rental,J-0001,` + gpu0)},
		{[]string{"export", "telemetry", "--gpu", gpu0, "--from", from.Format(time.RFC3339)}, regexp.MustCompile(`,` + gpu0 + `,raw,1,60,60,60,200,`)},
	} {
		code, out, stderr := runCLI(t, append(c.args, "--data-dir", dir)...)
		if code != exitOK || !c.want.MatchString(out) {
			t.Errorf("rigshift %s: exit %d, %s\n%s", strings.Join(c.args, " "), code, stderr, out[:min(len(out), 400)])
		}
		if sumOf(t, db) != before {
			t.Fatalf("rigshift %s changed the database (schema %d now)", strings.Join(c.args, " "), schemaVersionOf(t, db))
		}
	}
	if code, out, stderr := runCLI(t, "settings", "set", "electricity-per-kwh=0.3", "--data-dir", dir); code != exitOK {
		t.Fatalf("settings set: exit %d, %s%s", code, out, stderr)
	}
	if v := schemaVersionOf(t, db); v != 2 {
		t.Errorf("after settings set: schema %d, want 2", v)
	}
}

// A reader holds the file with other readers: an export running while
// `rigshift events` is asked no longer makes it say RigShift runs.
func TestCommandsThatOnlyReadRunSideBySide(t *testing.T) {
	dir := privateRuntime(t)
	db := olderRigShiftHistory(t, dir, time.Now().Add(-2*time.Hour).Truncate(time.Hour))
	s, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	code, out, stderr := runCLI(t, "events", "--since", "7d", "--data-dir", dir)
	if code != exitOK || !strings.Contains(out, "Switched to Rent") {
		t.Errorf("events beside a reader: exit %d, %s%s", code, out, stderr)
	}
}
