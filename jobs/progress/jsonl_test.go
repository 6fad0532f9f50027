package progress

import "testing"

var jsonCases = []struct {
	line             string
	ok               bool
	step, total, pct float64 // -1: absent
	done             bool
}{
	{`{"step": 450, "total": 1000, "loss": 0.12}`, true, 450, 1000, -1, false},
	{`{"percent": 45.5, "message": "tokenising"}`, true, -1, -1, 45.5, false},
	{`{"step": 1000, "total": 1000, "done": true}`, true, 1000, 1000, -1, true},
	{`  {"step": "450", "total": 1000}  `, true, -1, 1000, -1, false},
	{`{"step": -3, "percent": 140}`, true, -1, -1, -1, false},
	{`{"step": 1e999}`, true, -1, -1, -1, false},
	{`{"step": 5, "extra": {"nested": [1,2]}}`, true, 5, -1, -1, false},
	{`[1, 2]`, false, 0, 0, 0, false},
	{`{"step": 5`, false, 0, 0, 0, false},
	{``, false, 0, 0, 0, false},
	{`step=5`, false, 0, 0, 0, false},
}

func TestParseJSONLine(t *testing.T) {
	for _, tt := range jsonCases {
		r, ok := ParseJSONLine([]byte(tt.line))
		if ok != tt.ok {
			t.Errorf("ParseJSONLine(%q) ok = %v", tt.line, ok)
			continue
		}
		if !ok {
			continue
		}
		if val(r.Step) != tt.step || val(r.Total) != tt.total || val(r.Percent) != tt.pct || (r.Done != nil && *r.Done) != tt.done {
			t.Errorf("ParseJSONLine(%q) = step %v total %v pct %v done %v", tt.line, val(r.Step), val(r.Total), val(r.Percent), r.Done)
		}
	}
}

func val(p *float64) float64 {
	if p == nil {
		return -1
	}
	return *p
}

func FuzzParseJSONLine(f *testing.F) {
	for _, tt := range jsonCases {
		f.Add([]byte(tt.line))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		r, ok := ParseJSONLine(line)
		if !ok {
			return
		}
		if (r.Step != nil && *r.Step < 0) || (r.Percent != nil && (*r.Percent < 0 || *r.Percent > 100)) {
			t.Fatalf("invalid value kept from %q", line)
		}
		tr := NewTracker()
		tr.JSON(line, t0)
		tr.Snapshot()
	})
}
