package progress

import (
	"testing"
	"time"
)

// tqdmCases are real tqdm lines (transformers, datasets, Lightning, plain
// tqdm) and near misses. They also seed FuzzParseTqdm.
var tqdmCases = []struct {
	line string
	ok   bool
	want Bar
}{
	{"Epoch 3:  45%|████▌     | 450/1000 [00:30<00:37, 14.8it/s, loss=0.123]", true,
		Bar{Desc: "Epoch 3", N: 450, Total: 1000, Unit: "it", Rate: 14.8, Elapsed: 30 * time.Second, Remaining: 37 * time.Second, Loss: 0.123, HasLoss: true}},
	{" 12%|█▏        | 120/1000 [01:02<07:35,  1.93it/s]", true,
		Bar{N: 120, Total: 1000, Unit: "it", Rate: 1.93, Elapsed: 62 * time.Second, Remaining: 455 * time.Second}},
	{"  3%|▎         | 3/100 [00:07<03:46,  2.50s/it]", true,
		Bar{N: 3, Total: 100, Unit: "it", Rate: 0.4, Elapsed: 7 * time.Second, Remaining: 226 * time.Second}},
	{"450it [00:30, 14.8it/s]", true,
		Bar{N: 450, Unit: "it", Rate: 14.8, Elapsed: 30 * time.Second, Remaining: -1}},
	{"Training: 12it [00:10,  1.20s/it, v_num=0, train_loss=0.5]", true,
		Bar{Desc: "Training", N: 12, Unit: "it", Rate: 1 / 1.2, Elapsed: 10 * time.Second, Remaining: -1, Loss: 0.5, HasLoss: true}},
	{"Map:  45%|████▌     | 4.50k/10.0k [00:00<00:00, 12.3k examples/s]", true,
		Bar{Desc: "Map", N: 4500, Total: 10000, Unit: "examples", Rate: 12300, Remaining: 0}},
	{"Map: 2.00k examples [00:01, 1.5k examples/s]", true,
		Bar{Desc: "Map", N: 2000, Unit: "examples", Rate: 1500, Elapsed: time.Second, Remaining: -1}},
	{"model.safetensors: 100%|██████████| 1.34G/1.34G [00:25<00:00, 53.2MB/s]", true,
		Bar{Desc: "model.safetensors", N: 1.34e9, Total: 1.34e9, Unit: "B", Rate: 53.2e6, Elapsed: 25 * time.Second, Remaining: 0}},
	{"  0%|          | 0/1000 [00:00<?, ?it/s]", true,
		Bar{N: 0, Total: 1000, Unit: "it", Remaining: -1}},
	{"Map:   0%|          | 0/1000 [00:00<?, ? examples/s]", true,
		Bar{Desc: "Map", N: 0, Total: 1000, Unit: "examples", Remaining: -1}},
	{"Epoch 0:  40%|████      | 4/10 [1:02:03<1:33:04, 1.00it/s, v_num=1, loss=nan]", true,
		Bar{Desc: "Epoch 0", N: 4, Total: 10, Unit: "it", Rate: 1, Elapsed: 3723 * time.Second, Remaining: 5584 * time.Second}},
	{"100%|██████████| 2.00M/2.00M [00:02<00:00, 1.00Mit/s]", true,
		Bar{N: 2e6, Total: 2e6, Unit: "it", Rate: 1e6, Elapsed: 2 * time.Second, Remaining: 0}},
	// Lightning's TQDMProgressBar without a total (an IterableDataset):
	// its bar_format prints tqdm's total_fmt "?" and no percentage.
	{"Epoch 0: |          | 450/? [00:30<00:00, 14.80it/s, v_num=0, train_loss=0.500]", true,
		Bar{Desc: "Epoch 0", N: 450, Unit: "it", Rate: 14.8, Elapsed: 30 * time.Second, Remaining: 0, Loss: 0.5, HasLoss: true}},
	{"Training: |          | 0/? [00:00<?, ?it/s]", true,
		Bar{Desc: "Training", Remaining: -1}},
	// Lightning's self.log("train_loss", loss, on_step=True, on_epoch=True, prog_bar=True):
	// the step's loss, not the last epoch's mean.
	{"Epoch 1:  50%|█████     | 50/100 [00:05<00:05, 10.00it/s, v_num=0, train_loss_step=0.412, train_loss_epoch=0.520]", true,
		Bar{Desc: "Epoch 1", N: 50, Total: 100, Unit: "it", Rate: 10, Elapsed: 5 * time.Second, Remaining: 5 * time.Second, Loss: 0.412, HasLoss: true}},
	{"[INFO] starting [00:30]", false, Bar{}},
	{"loading [00:30, fast]", false, Bar{}},
	{"{'loss': 2.31, 'epoch': 0.22}", false, Bar{}},
	{"45%|████| abc/1000 [00:30<00:37, 14.8it/s]", false, Bar{}},
	{"x [00:3a<00:37, 14.8it/s]", false, Bar{}},
	{"", false, Bar{}},
	{"]", false, Bar{}},
	{" [", false, Bar{}},
}

func TestParseTqdm(t *testing.T) {
	for _, tt := range tqdmCases {
		got, ok := ParseTqdm(tt.line)
		if ok != tt.ok {
			t.Errorf("ParseTqdm(%q) ok = %v, want %v", tt.line, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		w := tt.want
		if got.Desc != w.Desc || got.N != w.N || got.Total != w.Total || !near(got.Rate, w.Rate) ||
			got.Elapsed != w.Elapsed || got.Remaining != w.Remaining || got.HasLoss != w.HasLoss || got.Loss != w.Loss ||
			(w.Unit != "" && got.Unit != w.Unit) {
			t.Errorf("ParseTqdm(%q)\n got %+v\nwant %+v", tt.line, got, w)
		}
	}
}

func near(a, b float64) bool {
	d := a - b
	return d < 1e-9*max(1, b) && d > -1e-9*max(1, b)
}

func TestParseInterval(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"00:37": 37 * time.Second, "1:00:00": time.Hour, "100:00:00": 100 * time.Hour, "2d 01:00:00": 49 * time.Hour,
	} {
		if got, ok := parseInterval(in); !ok || got != want {
			t.Errorf("parseInterval(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "37", "a:b", "1:2:3:4", "-1:00", "1::00"} {
		if _, ok := parseInterval(bad); ok {
			t.Errorf("parseInterval(%q) accepted", bad)
		}
	}
}

func FuzzParseTqdm(f *testing.F) {
	for _, tt := range tqdmCases {
		f.Add(tt.line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		b, ok := ParseTqdm(line)
		if !ok {
			return
		}
		if b.N < 0 || b.Total < 0 || b.Rate < 0 || b.Elapsed < 0 || b.Remaining < -1 {
			t.Fatalf("negative figure from %q: %+v", line, b)
		}
	})
}
