package miners

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// num is a number a miner may send as 12.5, "12.5", null, or not at all.
// It never fails to decode: anything else leaves it unset.
type num struct {
	V  float64
	OK bool // a finite number was present
}

// UnmarshalJSON implements json.Unmarshaler.
func (n *num) UnmarshalJSON(b []byte) error {
	*n = num{}
	b = bytes.TrimSpace(b)
	if len(b) > 1 && b[0] == '"' {
		var s string
		if json.Unmarshal(b, &s) != nil {
			return nil
		}
		b = []byte(strings.TrimSpace(s))
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
		*n = num{V: v, OK: true}
	}
	return nil
}

// count returns n as a non-negative share count.
func (n num) count() int64 {
	if !n.OK || n.V < 0 || n.V > math.MaxInt64/2 {
		return 0
	}
	return int64(n.V)
}

// rate returns n as a non-negative rate.
func (n num) rate() float64 { return max(n.V, 0) }

// bus is a PCI bus id a miner may send as a string ("0000:01:00.0") or a
// bare bus number (1); it decodes to the canonical form, or "" when unknown.
type bus string

// UnmarshalJSON implements json.Unmarshaler.
func (b *bus) UnmarshalJSON(data []byte) error {
	*b = ""
	var s string
	if json.Unmarshal(data, &s) != nil {
		var n num
		n.UnmarshalJSON(data)
		if !n.OK || n.V < 0 || n.V != math.Trunc(n.V) || n.V > 255 {
			return nil
		}
		s = strconv.Itoa(int(n.V))
	}
	if id, ok := NormalizeBusID(s); ok {
		*b = bus(id)
	}
	return nil
}

// decode unmarshals a miner's answer into v, which must be a pointer to a
// struct. Fields of an unexpected type are left zero; only an answer that is
// not a JSON object is an error.
func decode(data []byte, v any) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return errors.New("empty answer")
	}
	if data[0] != '{' {
		return errors.New("answer is not a JSON object")
	}
	err := json.Unmarshal(data, v)
	var te *json.UnmarshalTypeError
	if err != nil && !errors.As(err, &te) {
		return fmt.Errorf("malformed JSON: %w", err)
	}
	return nil
}

// unitFactor converts a miner's rate unit ("H/s", "kH/s", "Mh/s", "Sol/s",
// "G/s") to a multiplier to the base unit per second. Unknown units give 1.
// scaled is a rate times its unit's factor, in H/s; 0 when the product
// is not a number a hash rate can be (a miner reporting 1e300 MH/s).
func scaled(rate, factor float64) float64 {
	v := rate * factor
	if math.IsInf(v, 0) || math.IsNaN(v) || v < 0 {
		return 0
	}
	return v
}

func unitFactor(unit string) float64 {
	u := strings.ToLower(strings.TrimSpace(unit))
	u = strings.TrimSuffix(u, "/s")
	if isBaseUnit(u) {
		return 1
	}
	prefixes := map[byte]float64{'k': 1e3, 'm': 1e6, 'g': 1e9, 't': 1e12, 'p': 1e15}
	if f, ok := prefixes[u[0]]; ok && len(u) > 1 && isBaseUnit(u[1:]) {
		return f
	}
	return 1
}

func isBaseUnit(u string) bool {
	switch u {
	case "", "h", "hash", "hashes", "sol", "sols", "g", "gps", "graph", "graphs", "it":
		return true
	}
	return false
}
