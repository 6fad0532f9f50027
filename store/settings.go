package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// PutSettings saves v (any JSON-encodable value) as RigShift's settings.
func (s *Store) PutSettings(v any) error {
	if err := s.putMeta(keySettings, v); err != nil {
		return fmt.Errorf("saving settings: %w", err)
	}
	return nil
}

// putMeta saves v as JSON under key in the meta bucket.
func (s *Store) putMeta(key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		meta, err := s.bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put(key, data)
	})
}

// GetSettings decodes the saved settings into v. When nothing was saved yet
// it leaves v as it is (so defaults set beforehand stay) and returns nil.
// Settings it can read only in part return a *SettingsDamage, v holding
// what could be read and, elsewhere, what it held before (the defaults).
func (s *Store) GetSettings(v any) error {
	var data []byte
	err := s.view(func(tx *bolt.Tx) error {
		meta, err := s.bucket(tx, bucketMeta)
		if err == nil {
			data = append(data, meta.Get(keySettings)...)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("reading settings: %w", err)
	}
	if data == nil {
		return nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		var typeErr *json.UnmarshalTypeError
		return &SettingsDamage{Path: s.path, What: jsonWords(err, "they"), Whole: !errors.As(err, &typeErr), err: err}
	}
	return nil
}

// SettingsDamage is saved settings GetSettings could not read whole: a
// value of the wrong kind (a hand edit, an older or newer RigShift), left
// at what the caller set before (its default) while the rest is read; or,
// Whole, settings that could not be read at all (their bytes damaged).
// RigShift starts with what it has: refusing to start, or to take a new
// setting, left the owner stuck with no way to fix them.
type SettingsDamage struct {
	Path  string
	What  string // in words: "electricity_per_kwh holds a text where a number belongs"
	Whole bool
	err   error
}

func (d *SettingsDamage) Error() string {
	return "the saved settings in " + d.Path + " cannot be read: " + d.What
}

func (d *SettingsDamage) Unwrap() error { return d.err }

// jsonWords says why a saved record (they, it) could not be decoded, in
// the owner's words: which field holds what, not Go's "json: cannot
// unmarshal string into Go struct field Settings.electricity_per_kwh of
// type float64".
func jsonWords(err error, they string) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return fmt.Sprintf("%s holds %s where %s belongs", typeErr.Field, jsonValueWords[strings.Fields(typeErr.Value + " ")[0]], jsonKind(typeErr.Type))
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return they + " are damaged"
	}
	return err.Error()
}

// jsonValueWords names the JSON values an UnmarshalTypeError reports.
var jsonValueWords = map[string]string{"string": "a text", "number": "a number", "bool": "on or off",
	"array": "a list", "object": "a group of values", "null": "nothing"}

// jsonKind names what a field of type t holds, as the owner would.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a text"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "on or off"
	case reflect.Slice, reflect.Array:
		return "a list"
	}
	return "something else"
}
