package progress

import (
	"math"
	"testing"
	"time"
)

// richCases are lines of PyTorch Lightning's RichProgressBar as RigShift
// reads them (colours removed), and near misses. They also seed
// FuzzParseRich. Lightning names its training bar "Epoch e/last", counted
// from 0 ("Epoch 3/9" is the 4th of 10); the parsed Desc counts from 1 as
// tqdm loops name their bars ("Epoch 4/10").
var richCases = []struct {
	line string
	ok   bool
	want Bar
}{
	{"Epoch 3/9  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 781/781 0:00:42 • 0:00:00 18.60it/s v_num: 0 train_loss: 0.123", true,
		Bar{Desc: "Epoch 4/10", N: 781, Total: 781, Unit: "it", Rate: 18.6, Elapsed: 42 * time.Second, Remaining: 0, Loss: 0.123, HasLoss: true}},
	{"Epoch 0/9  ━━━━━━━━━━━━━━━━━━━╸━━━━━━━━━━━━━━━━━━━━ 390/781 0:00:21 • 0:00:21 18.57it/s v_num: 0 loss: 0.512", true,
		Bar{Desc: "Epoch 1/10", N: 390, Total: 781, Unit: "it", Rate: 18.57, Elapsed: 21 * time.Second, Remaining: 21 * time.Second, Loss: 0.512, HasLoss: true}},
	// Without colours (output to a pipe) rich leaves the bar's rest blank.
	{"Epoch 1/9  ━━━━━━━━━━━━━━━━━━━━                     390/781 0:00:21 • 0:00:21 18.57it/s v_num: 0", true,
		Bar{Desc: "Epoch 2/10", N: 390, Total: 781, Unit: "it", Rate: 18.57, Elapsed: 21 * time.Second, Remaining: 21 * time.Second}},
	{"Epoch 0/9                                                0/781 0:00:00 • -:--:-- 0.00it/s", true,
		Bar{Desc: "Epoch 1/10", N: 0, Total: 781, Unit: "it", Remaining: -1}},
	// max_epochs=-1 (no end) and an IterableDataset: no totals.
	{"Epoch 2/-2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 450/-- 0:00:30 • -:--:-- 14.80it/s v_num: 1 train_loss: 0.500", true,
		Bar{Desc: "Epoch 2", N: 450, Unit: "it", Rate: 14.8, Elapsed: 30 * time.Second, Remaining: -1, Loss: 0.5, HasLoss: true}},
	{"Epoch 0/0  ━━━━━━━━━━━━━━━━━━━━╺━━━━━━━━━━━━━━━━━━━ 50000/100000 1 day, 2:03:04 • 1 day, 2:03:04 0.53it/s v_num: 3 train_loss: 1.234", true,
		Bar{Desc: "Epoch 1/1", N: 50000, Total: 100000, Unit: "it", Rate: 0.53, Elapsed: 93784 * time.Second, Remaining: 93784 * time.Second, Loss: 1.234, HasLoss: true}},
	{"Validation DataLoader 0 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 20/20 0:00:10 • 0:00:00 2.00it/s", true,
		Bar{Desc: "Validation DataLoader 0", N: 20, Total: 20, Unit: "it", Rate: 2, Elapsed: 10 * time.Second, Remaining: 0}},
	{"Sanity Checking ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 2/2 0:00:00 • 0:00:00 6.94it/s", true,
		Bar{Desc: "Sanity Checking", N: 2, Total: 2, Unit: "it", Rate: 6.94, Remaining: 0}},
	{"Testing ━━━━━━━━━━━━━━━━━━━━                     10/20 0:00:05 • 0:00:05 2.00it/s", true,
		Bar{Desc: "Testing", N: 10, Total: 20, Unit: "it", Rate: 2, Elapsed: 5 * time.Second, Remaining: 5 * time.Second}},
	{"Epoch 2/4  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100/100 0:00:10 • 0:00:00 10.00it/s v_num: 0 train_loss: nan", true,
		Bar{Desc: "Epoch 3/5", N: 100, Total: 100, Unit: "it", Rate: 10, Elapsed: 10 * time.Second, Remaining: 0}},
	{"Epoch 0/9                                                0/781 -:--:-- • -:--:-- 0.00it/s", true,
		Bar{Desc: "Epoch 1/10", N: 0, Total: 781, Unit: "it", Remaining: -1}},
	{"Epoch 1/4  ━━━━━━━━━━━━━━━━━━━━                     50/100 0:00:05 • 0:00:05 10.00it/s v_num: 0 train_loss_step: 0.412 train_loss_epoch: 0.520", true,
		Bar{Desc: "Epoch 2/5", N: 50, Total: 100, Unit: "it", Rate: 10, Elapsed: 5 * time.Second, Remaining: 5 * time.Second, Loss: 0.412, HasLoss: true}},
	{"price 10/20 0:00:01 • 0:00:02 fast", false, Bar{}},
	{"Epoch 3/9  ━━━ abc/781 0:00:42 • 0:00:00 18.60it/s", false, Bar{}},
	{"Epoch 3/9  ━━━ 781/781 0:00:42 • 0:00:00", false, Bar{}},
	{"Epoch 3/9  ━━━ 781/781 0:0x:42 • 0:00:00 18.60it/s", false, Bar{}},
	{"Epoch 3/9  ━━━ 781/781 • 0:00:00 18.60it/s", false, Bar{}},
	{"loss: 0.1 • 0:00:00 1.00it/s", false, Bar{}},
	{"• • •", false, Bar{}},
	{" • ", false, Bar{}},
	{"", false, Bar{}},
}

func TestParseRich(t *testing.T) {
	for _, tt := range richCases {
		got, ok := ParseRich(tt.line)
		if ok != tt.ok {
			t.Errorf("ParseRich(%q) ok = %v, want %v", tt.line, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		w := tt.want
		if got.Desc != w.Desc || got.N != w.N || got.Total != w.Total || !near(got.Rate, w.Rate) || got.Unit != w.Unit ||
			got.Elapsed != w.Elapsed || got.Remaining != w.Remaining || got.HasLoss != w.HasLoss || got.Loss != w.Loss {
			t.Errorf("ParseRich(%q)\n got %+v\nwant %+v", tt.line, got, w)
		}
	}
}

func FuzzParseRich(f *testing.F) {
	for _, tt := range richCases {
		f.Add(tt.line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		b, ok := ParseRich(line)
		if !ok {
			return
		}
		if b.N < 0 || b.Total < 0 || b.Rate < 0 || b.Elapsed < 0 || b.Remaining < -1 {
			t.Fatalf("negative figure from %q: %+v", line, b)
		}
	})
}

// A Lightning fit with RichProgressBar: three epochs of 100 batches, a
// validation after each. The job's progress runs through the epochs, as
// Lightning names them from 0 ("Epoch 0/2" is the first of three), and the
// validation's bar, drawn under the training bar, is not its progress.
func TestTrackerLightningRich(t *testing.T) {
	tr := NewTracker()
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	tr.Line("Sanity Checking ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 2/2 0:00:00 • 0:00:00 6.94it/s", at(0))
	tr.Line("Epoch 0/2  ━━━━━━━━━━━━━━━━━━━━                     50/100 0:00:05 • 0:00:05 10.00it/s v_num: 0 train_loss: 0.900", at(5))
	p := tr.Snapshot()
	if p.Source != "tqdm" || p.Step != 50 || p.Total != 100 || p.Epoch != 1 || p.Epochs != 3 || math.Abs(p.Percent-100*0.5/3) > 1e-9 || p.Loss != 0.9 {
		t.Fatalf("half-way through the first of three epochs: %+v", p)
	}
	tr.Line("Epoch 0/2  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100/100 0:00:10 • 0:00:00 10.00it/s v_num: 0 train_loss: 0.800", at(10))
	tr.Line("Validation ━━━━━━━━━━━━━━━━━━━━                     10/20 0:00:01 • 0:00:01 10.00it/s", at(11))
	if p := tr.Snapshot(); math.Abs(p.Percent-100.0/3) > 1e-9 || p.Step != 100 {
		t.Fatalf("validating after the first epoch: %+v", p)
	}
	tr.Line("Epoch 1/2  ━━━━━━━━━━━━━━━━━━━━                     50/100 0:00:05 • 0:00:05 10.00it/s v_num: 0 train_loss: 0.700", at(17))
	if p := tr.Snapshot(); p.Epoch != 2 || math.Abs(p.Percent-50) > 1e-9 || p.Loss != 0.7 {
		t.Fatalf("half-way through the second epoch: %+v", p)
	}
	tr.Line("Epoch 2/2  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100/100 0:00:10 • 0:00:00 10.00it/s v_num: 0 train_loss: 0.500", at(30))
	if p := tr.Snapshot(); p.Epoch != 3 || p.Percent != 100 {
		t.Fatalf("at the end: %+v", p)
	}
}
