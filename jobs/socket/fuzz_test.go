package socket

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"

	"github.com/rigshift/rigshift/jobs/socket/sockettest"
)

// FuzzAnswer: whatever a client sends, the server answers with JSON reply
// lines (after any export chunks) and does not panic.
func FuzzAnswer(f *testing.F) {
	for _, seed := range []string{
		`{"op":"status"}`, `{"op":"mode","mode":"auto"}`, `{"op":"job.add","spec":{"client":"a","command":["x"],"gpu_count":1}}`,
		`{"op":"job.move","id":"J-0001","position":"x"}`, `{"op":"export","what":"jobs"}`, `{"op":"job.logs","id":"J-0001","lines":1e99}`,
		`{"op":"job.add","spec":{"max_runtime":"6h"}}`, `null`, `"op"`, "\x00\xff",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		api := sockettest.NewAPI(2)
		api.AddJob(sockettest.SampleSpec())
		s := &Server{cfg: Config{API: api, Export: &sockettest.Exporter{Jobs: "id\n"}, Logf: t.Logf}.withDefaults()}
		var out bytes.Buffer
		if err := s.answer(&out, line); err != nil {
			t.Fatal(err)
		}
		r := bufio.NewReader(&out)
		for {
			l, err := readLine(r, MaxLine)
			if err != nil {
				t.Fatalf("no reply line in %q", out.String())
			}
			if bytes.HasPrefix(l, []byte("{")) {
				if !json.Valid(l) {
					t.Fatalf("reply %q is not JSON", l)
				}
				return
			}
			r.Discard(len("id\n"))
		}
	})
}
