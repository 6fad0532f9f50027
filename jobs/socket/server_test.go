package socket

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/socket/sockettest"
	"github.com/rigshift/rigshift/store"
)

// Every request on one connection: bad ones get an error reply and the
// connection goes on to answer the next.
func TestRequestsOnOneConnection(t *testing.T) {
	s := serve(t, Config{})
	c := s.raw(t)
	tests := []struct {
		line  string
		ok    bool
		want  string // in the error, or in the result
		field string // a field error expected
	}{
		{line: `{"op":"status"}`, ok: true, want: `"mode":"idle"`},
		{line: `not json`, want: "not a JSON object"},
		{line: `[1,2]`, want: "not a JSON object"},
		{line: `{"op":`, want: "not a JSON object"},
		{line: `{}`, want: `"op" is missing`},
		{line: `{"op":42}`, want: `"op" must be a string, not a number`},
		{line: `{"op":"launch"}`, want: `unknown request "launch"`},
		{line: `{"op":"mode","mode":"warp"}`, want: `unknown mode "warp"`},
		{line: `{"op":"mode","mode":"Rent"}`, ok: true, want: `"mode":"rent"`},
		{line: `{"op":"job.add"}`, want: `"spec" (the job) is missing`},
		{line: `{"op":"job.add","spec":"python"}`, want: `"spec" must be a JSON struct`},
		{line: `{"op":"job.add","spec":{"client":"","command":[],"gpu_count":9,"price_per_gpu_hour":-1}}`,
			want: "say who the job is for", field: "price"},
		{line: `{"op":"job.add","spec":{"client":"acme","command":["python","train.py"],"gpu_count":1,"price_per_gpu_hour":0.4}}`,
			ok: true, want: `"id":"J-0001"`},
		{line: `{"op":"job.list"}`, ok: true, want: `"client":"acme"`},
		{line: `{"op":"job.get"}`, want: `"job.get" needs the job's "id"`},
		{line: `{"op":"job.get","id":"J-0009"}`, want: "there is no job J-0009"},
		{line: `{"op":"job.move","id":"J-0001","position":"two"}`, want: `"position" must be a number, not a string`},
		{line: `{"op":"job.move","id":"J-0001","position":0}`, want: "the front of the queue is 1"},
		{line: `{"op":"job.move","id":"J-0001","position":1}`, ok: true},
		{line: `{"op":"job.logs","id":"J-0001","lines":-3}`, want: "one line or more"},
		{line: `{"op":"job.cancel","id":"J-0001"}`, ok: true},
		{line: `{"op":"job.cancel","id":"J-0001"}`, want: "already ended (cancelled)"},
		{line: `{"op":"export","what":"jobs"}`, want: "does not offer exports"},
		{line: `{"op":"settings"}`, ok: true, want: `"thermal_limit_c":83`},
		{line: `{"op":"settings.save"}`, want: `"settings" (all of them) is missing`},
		{line: `{"op":"settings.save","settings":{"miner":{"Miner":"t-rex"},"thermal_limit_c":83,"resume_below_c":70}}`,
			want: "write where the miner's program is", field: "miner.executable"},
		{line: `{"op":"settings.save","settings":{"currency":"EUR","thermal_limit_c":85,"resume_below_c":70,"stall_after":5000000000}}`,
			want: "30s or more", field: "restart-stalled-after"},
		{line: `{"op":"settings.save","settings":{"currency":"EUR","thermal_limit_c":85,"resume_below_c":70,"stall_after":120000000000}}`,
			ok: true, want: `"currency":"EUR"`},
		{line: `{"op":"status"}`, ok: true, want: `"gpus":[`},
	}
	for _, tt := range tests {
		c.send(tt.line)
		rep := c.reply()
		got := rep.Error + string(rep.Result)
		if rep.OK != tt.ok || !strings.Contains(got, tt.want) {
			t.Errorf("%s\n  → ok=%v %q, want ok=%v and %q", tt.line, rep.OK, got, tt.ok, tt.want)
		}
		if tt.field != "" && rep.Fields[tt.field] == "" {
			t.Errorf("%s\n  → fields %v, want one for %q", tt.line, rep.Fields, tt.field)
		}
	}
}

func TestBlankLinesAreSkipped(t *testing.T) {
	c := serve(t, Config{}).raw(t)
	c.send("\n  \r")
	c.send(`{"op":"job.list"}`)
	if rep := c.reply(); !rep.OK || string(rep.Result) != "[]" {
		t.Errorf("reply = %+v, want an empty list", rep)
	}
}

func TestOversizedLineIsRefusedAndSkipped(t *testing.T) {
	c := serve(t, Config{}).raw(t)
	go c.Write([]byte(`{"op":"status","x":"` + strings.Repeat("a", MaxLine+10) + "\"}\n" + `{"op":"status"}` + "\n"))
	if rep := c.reply(); rep.OK || !strings.Contains(rep.Error, "longer than") {
		t.Errorf("oversized line → %+v", rep)
	}
	if rep := c.reply(); !rep.OK {
		t.Errorf("next request → %+v", rep)
	}
}

func TestLastLineWithoutNewline(t *testing.T) {
	c := serve(t, Config{}).raw(t)
	c.Write([]byte(`{"op":"status"}`))
	c.Conn.(interface{ CloseWrite() error }).CloseWrite()
	if rep := c.reply(); !rep.OK {
		t.Errorf("reply = %+v", rep)
	}
}

func TestPanickingControllerAnswersWithAnError(t *testing.T) {
	s := serve(t, Config{})
	s.api.PanicOn = "J-0666"
	c := s.raw(t)
	c.send(`{"op":"job.get","id":"J-0666"}`)
	if rep := c.reply(); rep.OK || !strings.Contains(rep.Error, "internal error") {
		t.Errorf("reply = %+v", rep)
	}
	c.send(`{"op":"status"}`)
	if rep := c.reply(); !rep.OK {
		t.Errorf("after the panic: %+v", rep)
	}
}

func TestSilentClientIsDisconnected(t *testing.T) {
	s := serve(t, Config{IdleTimeout: 50 * time.Millisecond})
	c := s.raw(t)
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.r.ReadByte(); err == nil {
		t.Fatal("the server sent something to a silent client")
	}
	next := s.raw(t)
	next.send(`{"op":"status"}`)
	if rep := next.reply(); !rep.OK {
		t.Errorf("after a silent client: %+v", rep)
	}
}

func TestTooManyConnections(t *testing.T) {
	s := serve(t, Config{MaxConns: 1})
	first := s.raw(t)
	first.send(`{"op":"status"}`)
	first.reply() // now it is being served
	second := s.raw(t)
	if rep := second.reply(); rep.OK || !strings.Contains(rep.Error, "too many connections") {
		t.Errorf("second connection → %+v", rep)
	}
}

func TestReplyThatCannotBeEncoded(t *testing.T) {
	rep := okReply(map[string]float64{"x": math.NaN()})
	if rep.OK || !strings.Contains(rep.Error, "could not encode") {
		t.Errorf("reply = %+v", rep)
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Error(err)
	}
}

// panickyExporter fails as a bug in the store's reading would.
type panickyExporter struct{ sockettest.Exporter }

func (*panickyExporter) Events(time.Time, time.Time, int) ([]store.Event, error) {
	panic("index out of range")
}

// The event log, the exports and the window's request are answered under
// the same guard as the controller's: a bug in one took the whole RigShift
// down, its jobs with it.
func TestPanickingEventsRequestAnswersWithAnError(t *testing.T) {
	s := serve(t, Config{Export: &panickyExporter{}})
	c := s.raw(t)
	c.send(`{"op":"events","from":"2026-01-01T00:00:00Z","to":"2026-01-02T00:00:00Z"}`)
	if rep := c.reply(); rep.OK || !strings.Contains(rep.Error, "internal error") {
		t.Errorf("reply = %+v", rep)
	}
	c.send(`{"op":"status"}`)
	if rep := c.reply(); !rep.OK {
		t.Errorf("after the panic: %+v", rep)
	}
}
