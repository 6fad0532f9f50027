package progress

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/logs"
)

// tqdmOutput is what a transformers training run writes to stderr: a bar
// redrawn with '\r' for every step, Trainer dicts now and then.
func tqdmOutput(steps int) string {
	var sb strings.Builder
	for i := 1; i <= steps; i++ {
		pct := 100 * i / steps
		fmt.Fprintf(&sb, "\r%3d%%|%-10s| %d/%d [%02d:%02d<%02d:%02d,  %.2fit/s, loss=%.4f]",
			pct, strings.Repeat("█", pct/10), i, steps, i/60%60, i%60, (steps-i)/60%60, (steps-i)%60, 4.87, 2.0-float64(i)/float64(steps))
		if i%50 == 0 {
			fmt.Fprintf(&sb, "\n{'loss': %.4f, 'grad_norm': 1.25, 'learning_rate': 1.8e-05, 'epoch': %.2f}\n", 1.5, float64(i)/float64(steps)*3)
		}
	}
	return sb.String()
}

func BenchmarkParseTqdmLine(b *testing.B) {
	line := "Epoch 3:  45%|████▌     | 450/1000 [00:30<00:37, 14.8it/s, loss=0.123]"
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		if _, ok := ParseTqdm(line); !ok {
			b.Fatal("no parse")
		}
	}
}

func BenchmarkParseRichLine(b *testing.B) {
	line := "Epoch 3/9  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 781/781 0:00:42 • 0:00:00 18.60it/s v_num: 0 train_loss: 0.123"
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		if _, ok := ParseRich(line); !ok {
			b.Fatal("no parse")
		}
	}
}

// BenchmarkTqdmStream measures the whole path a training job's output takes
// for progress: splitting at '\r'/'\n', then the Tracker.
func BenchmarkTqdmStream(b *testing.B) {
	if p := streamBench(b, []byte(tqdmOutput(1000))); p.Step != 1000 {
		b.Fatalf("progress = %+v", p)
	}
}

// streamBench feeds out through the line splitter and a Tracker as often
// as the benchmark asks, and returns the progress it came to.
func streamBench(b *testing.B, out []byte) Progress {
	b.SetBytes(int64(len(out)))
	tr := NewTracker()
	sp := logs.NewSplitter(4096, func(l logs.Line) { tr.Line(l.Text, time.Time{}) })
	for b.Loop() {
		sp.Write(out)
		sp.Flush()
	}
	return tr.Snapshot()
}

func BenchmarkParseHF(b *testing.B) {
	line := "{'loss': 0.8712, 'grad_norm': 3.0155, 'learning_rate': 4.5e-05, 'epoch': 1.0}"
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		if _, ok := ParseHF(line); !ok {
			b.Fatal("no parse")
		}
	}
}

func BenchmarkParseJSONLine(b *testing.B) {
	line := []byte(`{"step": 450, "total": 1000, "loss": 0.123, "epoch": 1.35}`)
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		if _, ok := ParseJSONLine(line); !ok {
			b.Fatal("no parse")
		}
	}
}

// plainOutput is a job that logs without a progress bar: paths, numbers and
// now and then a counter line ("Epoch [2/5], Step [300/600], Loss: …").
func plainOutput(lines int) string {
	var sb strings.Builder
	for i := 1; i <= lines; i++ {
		if i%20 == 0 {
			fmt.Fprintf(&sb, "Epoch [%d/5], Step [%d/600], Loss: %.4f\n", i/600+1, i%600, 2.0-float64(i)/float64(lines))
			continue
		}
		fmt.Fprintf(&sb, "2026-12-03 12:00:%02d INFO loaded shard %d from /data/shards/train-%05d.bin (12.5 MB/s)\n", i%60, i, i)
	}
	return sb.String()
}

// BenchmarkPlainStream is BenchmarkTqdmStream for a job that prints
// plain log lines: each goes past every parser before the counters.
func BenchmarkPlainStream(b *testing.B) {
	if p := streamBench(b, []byte(plainOutput(2000))); p.Source != "output" || !p.HasStep {
		b.Fatalf("progress = %+v", p)
	}
}
