package hardware

import (
	"encoding/json"
	"strings"
	"testing"
)

// JSON readers (rigshift gpus --json) can tell a metric the GPU does not
// report, left zero, from a zero reading: an H100 has no fan, not a
// stopped one.
func TestGPUSampleJSONNamesItsMetrics(t *testing.T) {
	for _, c := range []struct {
		valid Metric
		want  string
	}{
		{MetricTemp | MetricPower, `"metrics":["temperature","power"]`},
		{0, `"metrics":[]`},
	} {
		b, err := json.Marshal(GPUSample{Valid: c.valid, TempC: 40, PowerW: 300})
		if err != nil || !strings.Contains(string(b), c.want) {
			t.Errorf("valid %v: JSON %s (%v), want it to contain %s", c.valid, b, err, c.want)
		}
	}
}
