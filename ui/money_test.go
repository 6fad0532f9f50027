package ui

import "testing"

// Amounts read as on a bill, with the symbol in front where people write
// it there, and a short job's earnings are never "$0.00".
func TestMoney(t *testing.T) {
	for _, tt := range []struct {
		v        float64
		currency string
		want     string
	}{
		{1.2, "USD", "$1.20"},
		{-0.35, "EUR", "–€0.35"},
		{4.1, "CHF", "4.10 CHF"},
		{0.0028, "USD", "$0.003"},
		{-0.004, "USD", "–$0.004"},
		{-0.0001, "USD", "$0.00"},
		{7, "", "7.00"},
	} {
		if got := money(tt.v, tt.currency); got != tt.want {
			t.Errorf("money(%v, %q) = %q, want %q", tt.v, tt.currency, got, tt.want)
		}
	}
}

// 999.96 MH/s rounds to a thousand: the card says "1.00 GH/s", not
// "1000.0 MH/s".
func TestHashRateCrossesItsUnitAfterRounding(t *testing.T) {
	if got := hashRate(999.96e6); got != "1.00 GH/s" {
		t.Errorf("hashRate(999.96e6) = %q", got)
	}
}
