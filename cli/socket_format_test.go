package cli

import (
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
)

func TestFormats(t *testing.T) {
	tests := []struct{ got, want string }{
		{money(0, "USD"), "0.00 USD"},
		{money(0.012, "USD"), "0.01 USD"},
		{money(0.0028, "USD"), "0.003 USD"}, // a 10 s job: not "0.00"
		{money(-0.0001, "USD"), "0.00 USD"},
		{money(-0.131, "EUR"), "-0.13 EUR"},
		{money(12.345, "USD"), "12.35 USD"},
		{control.HashRate(0), "0 H/s"},
		{control.HashRate(61.2e6), "61.2 MH/s"},
		{control.HashRate(1234), "1.23 kH/s"}, // three figures, as the window writes it
		{control.HashRate(5e21), "5000000 PH/s"},
		{control.Size(512), "512 B"},
		{control.Size(3 << 20), "3.0 MiB"},
		{duration(0), "-"},
		{duration(90500e6), "1 min"}, // as the window writes it
		{duration(42e9), "42 s"},
		{duration(3*time.Hour + 5*time.Minute), "3 h 5 min"},
		{control.Plural(1, "GPU"), "1 GPU"},
		{control.Plural(0, "GPU"), "0 GPUs"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
