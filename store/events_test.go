package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestEventsNewestFirstInRange(t *testing.T) {
	s := openTest(t, Options{})
	for i := range 10 {
		ev := Event{Time: t0.Add(time.Duration(i) * time.Minute), Kind: "notify", Message: string(rune('a' + i))}
		if err := s.AppendEvent(ev); err != nil {
			t.Fatal(err)
		}
	}
	// two events at the same instant keep their order
	s.AppendEvent(Event{Time: t0.Add(9 * time.Minute), Kind: "notify", Message: "k"})
	tests := []struct {
		name     string
		from, to time.Time
		limit    int
		want     string
	}{
		{"all", t0, t0.Add(time.Hour), 0, "kjihgfedcba"},
		{"inclusive bounds", t0.Add(2 * time.Minute), t0.Add(4 * time.Minute), 0, "edc"},
		{"limit", t0, t0.Add(time.Hour), 3, "kji"},
		{"empty", t0.Add(-time.Hour), t0.Add(-time.Minute), 0, ""},
		{"to before first key", t0.Add(-time.Hour), t0, 0, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := s.Events(tt.from, tt.to, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, e := range events {
				got += e.Message
			}
			if got != tt.want {
				t.Errorf("Events = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestModeIsRememberedAndLogged(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0)
	if m, err := s.Mode(); err != nil || m != "" {
		t.Fatalf("Mode on a new store = %q, %v", m, err)
	}
	s.SetMode("mine", "user")
	setClock(s, t0.Add(time.Minute))
	s.SetMode("auto", "tray")
	s = reopen(t, s)
	if m, _ := s.Mode(); m != "auto" {
		t.Errorf("Mode = %q, want auto", m)
	}
	events, _ := s.Events(t0, t0.Add(time.Hour), 0)
	if len(events) != 2 || events[0].Kind != EventKindMode || events[0].Message != "auto" ||
		events[0].Reason != "tray" || events[1].Message != "mine" {
		t.Errorf("mode changes in the event log = %+v", events)
	}
}

func TestSettingsRoundTrip(t *testing.T) {
	type settings struct {
		Tariff float64
		Miner  string
	}
	s := openTest(t, Options{})
	got := settings{Tariff: 0.3}
	if err := s.GetSettings(&got); err != nil || got.Tariff != 0.3 {
		t.Fatalf("GetSettings with nothing saved = %+v, %v; want defaults kept", got, err)
	}
	if err := s.PutSettings(settings{Tariff: 0.25, Miner: "t-rex"}); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	if err := s.GetSettings(&got); err != nil || got != (settings{0.25, "t-rex"}) {
		t.Errorf("GetSettings = %+v, %v", got, err)
	}
	if err := s.PutSettings(func() {}); err == nil {
		t.Error("an unencodable value was saved")
	}
}

// Saved settings that cannot be read are said in words, once: RigShift
// would not start, with "reading the settings: reading settings: json:
// cannot unmarshal string into Go struct field Settings.electricity_per_kwh
// of type float64".
func TestSettingsThatCannotBeReadAreSaidInWords(t *testing.T) {
	type settings struct {
		Tariff float64 `json:"electricity_per_kwh"`
	}
	s := openTest(t, Options{})
	for raw, why := range map[string]string{
		`{"electricity_per_kwh":"cheap"}`: "electricity_per_kwh holds a text where a number belongs",
		`{"electricity_per_kwh":0.2`:      "they are damaged",
		`{"electricity_per_kwh":0.2}}`:    "they are damaged",
	} {
		if err := s.putMetaRaw(keySettings, []byte(raw)); err != nil {
			t.Fatal(err)
		}
		var got settings
		err := s.GetSettings(&got)
		if want := "the saved settings in " + s.Path() + " cannot be read: " + why; err == nil || err.Error() != want {
			t.Errorf("%s: %v\nwant %s", raw, err, want)
		}
	}
}

// putMetaRaw saves data under key in the meta bucket as it is.
func (s *Store) putMetaRaw(key, data []byte) error {
	return s.update(func(tx *bolt.Tx) error {
		meta, err := s.bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put(key, data)
	})
}

// A record that cannot be read is damage, said in words: "database … is
// damaged (job J-0001 cannot be read: json: cannot unmarshal number into
// Go struct field JobRecord.client of type string)".
func TestARecordThatCannotBeReadIsSaidInWords(t *testing.T) {
	s := openTest(t, Options{})
	var v struct {
		Client string `json:"client"`
	}
	err := s.decode([]byte(`{"client":7}`), &v, "job J-0001")
	if want := "job J-0001 cannot be read: client holds a number where a text belongs"; err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "json") {
		t.Errorf("decode: %v\nwant it to say %s", err, want)
	}
}

// Settings read only in part come back as a *SettingsDamage with what
// could be read in v, and the value before (the default) where a value of
// the wrong kind was; damaged bytes leave v whole as it was.
func TestSettingsReadInPart(t *testing.T) {
	type settings struct {
		Tariff float64 `json:"electricity_per_kwh"`
		Limit  int     `json:"thermal_limit_c"`
	}
	s := openTest(t, Options{})
	for _, tc := range []struct {
		raw   string
		whole bool
		want  settings
	}{
		{`{"electricity_per_kwh":"cheap","thermal_limit_c":78}`, false, settings{0.15, 78}},
		{`{"electricity_per_kwh":0.3,"thermal_limit_c":`, true, settings{0.15, 83}},
	} {
		if err := s.putMetaRaw(keySettings, []byte(tc.raw)); err != nil {
			t.Fatal(err)
		}
		got := settings{0.15, 83}
		var damage *SettingsDamage
		if err := s.GetSettings(&got); !errors.As(err, &damage) || damage.Whole != tc.whole || got != tc.want {
			t.Errorf("%s: %+v, %v; want %+v read, damage whole=%v", tc.raw, got, err, tc.want, tc.whole)
		}
	}
}
