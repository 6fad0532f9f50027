package progress

import (
	"maps"
	"testing"
)

var hfCases = []struct {
	line string
	want map[string]float64
}{
	{"{'loss': 2.31, 'learning_rate': 1.8e-05, 'epoch': 0.22}",
		map[string]float64{"loss": 2.31, "learning_rate": 1.8e-05, "epoch": 0.22}},
	{"{'loss': 0.8712, 'grad_norm': 3.0155, 'learning_rate': 4.5e-05, 'epoch': 1.0}",
		map[string]float64{"loss": 0.8712, "grad_norm": 3.0155, "learning_rate": 4.5e-05, "epoch": 1}},
	{"{'train_runtime': 812.5412, 'train_samples_per_second': 9.847, 'train_steps_per_second': 1.231, 'train_loss': 1.9043, 'epoch': 3.0}",
		map[string]float64{"train_runtime": 812.5412, "train_samples_per_second": 9.847, "train_steps_per_second": 1.231, "train_loss": 1.9043, "epoch": 3}},
	{"{'eval_loss': 0.5, 'eval_runtime': 2.1, 'eval_samples_per_second': 47.6, 'epoch': 1.0}",
		map[string]float64{"eval_loss": 0.5, "eval_runtime": 2.1, "eval_samples_per_second": 47.6, "epoch": 1}},
	{"  {'loss': tensor(1.5, device='cuda:0'), 'epoch': np.float64(0.5)}  ",
		map[string]float64{"loss": 1.5, "epoch": 0.5}},
	{`{"loss": 1.25, "note": "a, b", 'flag': True, 'x': None, 'l': [1, 2], 'n': nan}`,
		map[string]float64{"loss": 1.25}},
	{"{'loss': -inf, 'epoch': 1}", map[string]float64{"epoch": 1}},
	{"{'text': 'only strings'}", nil},
	{"{}", nil},
	{"{'loss' 1}", nil},
	{"{'loss': 1,, }", nil},
	{"{'loss': (1, 2}", nil},
	{"{'unterminated: 1}", nil},
	{"not a dict", nil},
	{"{'loss': 1)}", nil},
}

func TestParseHF(t *testing.T) {
	for _, tt := range hfCases {
		got, ok := ParseHF(tt.line)
		if ok != (tt.want != nil) || !maps.Equal(got, tt.want) {
			t.Errorf("ParseHF(%q) = %v, %v; want %v", tt.line, got, ok, tt.want)
		}
	}
}

func FuzzParseHF(f *testing.F) {
	for _, tt := range hfCases {
		f.Add(tt.line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		d, ok := ParseHF(line)
		if ok && len(d) == 0 {
			t.Fatalf("ok with no values for %q", line)
		}
	})
}
