package store

import (
	"errors"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// The store names every GPU it has seen, after a restart too, and a GPU it
// has telemetry of from before it remembered GPUs by its UUID alone.
func TestKnownGPUsOutliveTheRig(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0)
	a := GPURecord{UUID: "GPU-a", Index: 0, Name: "RTX 3090", BusID: "00000000:01:00.0"}
	b := GPURecord{UUID: "GPU-b", Index: 1, Name: "RTX 3070", BusID: "00000000:02:00.0"}
	if err := s.RememberGPUs([]GPURecord{b, a}); err != nil {
		t.Fatal(err)
	}
	// b left the rig; a new card took its slot, and a was renamed by a driver update.
	a.Name = "NVIDIA GeForce RTX 3090"
	c := GPURecord{UUID: "GPU-c", Index: 1, Name: "RTX 4070", BusID: "00000000:02:00.0"}
	if err := s.RememberGPUs([]GPURecord{a, c}); err != nil {
		t.Fatal(err)
	}
	w := s.Telemetry()
	w.Add(point(t0, "GPU-old", 1), point(t0, "GPU-a", 1))
	w.Flush()
	s = reopen(t, s)
	got, err := s.KnownGPUs()
	want := []GPURecord{a, b, c, {UUID: "GPU-old", Index: -1}}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("KnownGPUs = %+v, %v\nwant %+v", got, err, want)
	}
}

// Remembering the same rig again does not write: it happens at every start.
func TestRememberingTheSameGPUsDoesNotWrite(t *testing.T) {
	s := openTest(t, Options{})
	gpus := []GPURecord{{UUID: "GPU-a", Name: "RTX 3090"}}
	if err := s.RememberGPUs(gpus); err != nil {
		t.Fatal(err)
	}
	writes := func() int64 { st := s.db.Stats(); return st.TxStats.GetWrite() }
	before := writes()
	if err := s.RememberGPUs(gpus); err != nil {
		t.Fatal(err)
	}
	if after := writes(); after != before {
		t.Errorf("remembering an unchanged rig wrote %d times", after-before)
	}
}

// A damaged list of GPUs is reported as damage, not read as empty.
func TestDamagedGPUListIsCorrupt(t *testing.T) {
	s := openTest(t, Options{})
	err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyGPUs, []byte("{not json")) })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.KnownGPUs(); !errors.Is(err, ErrCorrupt) {
		t.Errorf("KnownGPUs on damage: %v", err)
	}
	if err := s.RememberGPUs([]GPURecord{{UUID: "GPU-a"}}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("RememberGPUs on damage: %v", err)
	}
}

// A card that could not say its name or bus at a start (a flaky read)
// keeps the ones remembered, instead of blanking them.
func TestRememberGPUsKeepsANameTheDriverDidNotSay(t *testing.T) {
	s := openTest(t, Options{})
	if err := s.RememberGPUs([]GPURecord{{UUID: "GPU-a", Index: 0, Name: "NVIDIA GeForce RTX 3090", BusID: "00000000:01:00.0"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.RememberGPUs([]GPURecord{{UUID: "GPU-a", Index: 2}}); err != nil {
		t.Fatal(err)
	}
	known, err := s.KnownGPUs()
	if err != nil || len(known) != 1 || known[0].Name != "NVIDIA GeForce RTX 3090" || known[0].BusID != "00000000:01:00.0" || known[0].Index != 2 {
		t.Errorf("KnownGPUs = %+v, %v; want the name and bus kept, the index new", known, err)
	}
}
