package logs

import "testing"

// redactSample is a mix of the lines redaction sees most: miner hashrate
// reports, tqdm bars, Trainer log dicts and a trainer's throughput line
// (whose "tokens" makes the cheap pre-checks pass), plus one line with a
// secret.
var redactSample = []string{
	"[2024-05-01 12:00:00.123]  miner    speed 10s/60s/15m 14250.3 14198.7 n/a H/s max 14301.2 H/s",
	"20240501 12:00:01 GPU #0: NVIDIA GeForce RTX 3090 - 121.45 MH/s, [T:63C, P:295W, F:70%, E:412kH/W], 10/10 R:0%",
	" 45%|████▌     | 450/1000 [00:30<00:37, 14.80it/s, loss=0.123]",
	"{'loss': 0.8712, 'grad_norm': 3.0155, 'learning_rate': 4.5e-05, 'epoch': 1.0}",
	"step 1200 | loss 2.3141 | lr 3.0e-04 | tokens/s: 48213 | mfu 41.2%",
	"net      accepted (1021/0) diff 120001 (52 ms)",
	"Authorization: Bearer abcdef123456 password=hunter2hunter2",
}

func BenchmarkRedactLine(b *testing.B) {
	r := NewRedactor("s3cretPoolPassw0rd", "tok_ABC123XYZ")
	n := 0
	for _, l := range redactSample {
		n += len(l)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, l := range redactSample {
			r.Line(l)
		}
	}
}
