package miners

import (
	"fmt"
	"strconv"
	"strings"
)

// NormalizeBusID turns the PCI bus id spellings miners and drivers use into
// one canonical form, "dddd:bb:dd.f" in lower-case hex:
//
//	"00000000:01:00.0" (NVML)  → "0000:01:00.0"
//	"0000:01:00.0", "01:00.0"  → "0000:01:00.0"
//	"1:0", "0a:00" (bus:device, hex as in lspci) → "0000:01:00.0", "0000:0a:00.0"
//	"1", "10" (a bare bus number, decimal as miners print it) → "0000:01:00.0", "0000:0a:00.0"
//
// It reports false for anything else, and for numbers out of PCI range.
func NormalizeBusID(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", false
	}
	if !strings.Contains(s, ":") {
		bus, err := strconv.ParseUint(s, 10, 32)
		if err != nil {
			return "", false
		}
		return busID(0, bus, 0, 0)
	}
	return parseBusString(s)
}

// parseBusString parses "[domain:]bus:device[.function]".
func parseBusString(s string) (string, bool) {
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return "", false
	}
	var domain uint64
	if len(parts) == 3 {
		var ok bool
		if domain, ok = hexField(parts[0], 8); !ok {
			return "", false
		}
		parts = parts[1:]
	}
	devFn, fnStr, hasFn := strings.Cut(parts[1], ".")
	bus, ok1 := hexField(parts[0], 2)
	dev, ok2 := hexField(devFn, 2)
	fn, ok3 := uint64(0), true
	if hasFn {
		fn, ok3 = hexField(fnStr, 1)
	}
	if !ok1 || !ok2 || !ok3 {
		return "", false
	}
	return busID(domain, bus, dev, fn)
}

func hexField(s string, maxLen int) (uint64, bool) {
	if s == "" || len(s) > maxLen {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	return v, err == nil
}

// busID formats the canonical id, checking PCI ranges.
func busID(domain, bus, dev, fn uint64) (string, bool) {
	if domain > 0xffff || bus > 0xff || dev > 0x1f || fn > 7 {
		return "", false
	}
	return fmt.Sprintf("%04x:%02x:%02x.%x", domain, bus, dev, fn), true
}

// busFromNumbers builds a canonical id from numeric JSON fields (T-Rex's
// pci_domain, pci_bus, pci_id). Negative or fractional values are rejected.
func busFromNumbers(domain, bus, dev float64) string {
	for _, v := range []float64{domain, bus, dev} {
		if v < 0 || v != float64(uint64(v)) {
			return ""
		}
	}
	id, _ := busID(uint64(domain), uint64(bus), uint64(dev), 0)
	return id
}
