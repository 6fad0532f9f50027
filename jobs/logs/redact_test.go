package logs

import (
	"slices"
	"strings"
	"testing"
)

func TestRedactorLine(t *testing.T) {
	r := NewRedactor("s3cretPass", "tok_ABC123", "", "x")
	tests := []struct{ in, want string }{
		{"login with s3cretPass ok", "login with *** ok"},
		{"xmrig --http-access-token tok_ABC123 --http-port 4444", "xmrig --http-access-token *** --http-port 4444"},
		{"xmrig --http-access-token=other123", "xmrig --http-access-token=***"},
		{"t-rex -u wallet.rig -p x -w rig", "t-rex -u wallet.rig -p *** -w rig"},
		{`lolminer --pass "my pass" --apiport 1`, `lolminer --pass *** --apiport 1`},
		{"gminer --password hunter2", "gminer --password ***"},
		{"xmrig -O wallet:pw", "xmrig -O ***"},
		{"Authorization: Bearer abcdef123456", "Authorization: Bearer ***"},
		{"config password=letmein, next", "config password=***, next"},
		{"api_key: zzz999", "api_key: ***"},
		{"speed 45.2 MH/s, accepted 10", "speed 45.2 MH/s, accepted 10"},
		{"x marks the spot", "x marks the spot"},
		{"--pool stratum+tcp://pool:3333 -o url", "--pool stratum+tcp://pool:3333 -o url"},
		{"token expired at 10:00", "token expired at 10:00"},
	}
	for _, tt := range tests {
		if got := r.Line(tt.in); got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRedactorArgs(t *testing.T) {
	r := NewRedactor("walletpw")
	in := []string{"xmrig", "-o", "pool:3333", "-u", "wal", "-p", "walletpw", "--http-access-token=tok", "--note=walletpw!", "--pass", "x"}
	want := []string{"xmrig", "-o", "pool:3333", "-u", "wal", "-p", "***", "--http-access-token=***", "--note=***!", "--pass", "***"}
	got := r.Args(in)
	if !slices.Equal(got, want) {
		t.Fatalf("Args = %q\nwant   %q", got, want)
	}
	if in[6] != "walletpw" {
		t.Fatal("Args modified its input")
	}
}

func TestRedactorLongestSecretFirst(t *testing.T) {
	r := NewRedactor("abc", "abcdef")
	if got := r.Line("key abcdef"); got != "key ***" {
		t.Fatalf("got %q", got)
	}
}

func FuzzRedactor(f *testing.F) {
	f.Add("user -p s3cret --http-access-token tok", "s3cret")
	f.Add("Bearer abc.def password: 'x y'", "abc.def")
	f.Fuzz(func(t *testing.T, line, secret string) {
		r := NewRedactor(secret)
		out := r.Line(line)
		if len(secret) >= minSecretLen && !strings.Contains(Mask, secret) && strings.Contains(out, secret) {
			// The mask itself may form the secret with neighbours only if the
			// secret contains '*'; anything else is a leak.
			if !strings.Contains(secret, "*") {
				t.Fatalf("secret %q survives in %q", secret, out)
			}
		}
		r.Args(strings.Fields(line))
	})
}

// A training job's "[rigshift] starting: …" line: the client's tokens are
// passed as flags of the training script (HF's --hub_token, argparse's
// --api-key, --wandb_key=…), not only as the miners' flags. A switch such
// as --use_auth_token does not hide the flag after it.
func TestRedactorArgsTrainingFlags(t *testing.T) {
	r := NewRedactor()
	in := []string{"python", "train.py", "--hf_token", "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567",
		"--api-key", "sk-abcdef1234567890", "--wandb_key=3f2a9c1e0b7d4a6f8e5c2b1a0d9e8f7a6b5c4d3e",
		"--client-secret", "c5e2", "--db_password=pw12", "--use_auth_token", "--max_tokens", "512", "--tokenizer", "gpt2"}
	want := []string{"python", "train.py", "--hf_token", "***", "--api-key", "***", "--wandb_key=***",
		"--client-secret", "***", "--db_password=***", "--use_auth_token", "--max_tokens", "512", "--tokenizer", "gpt2"}
	if got := r.Args(in); !slices.Equal(got, want) {
		t.Fatalf("Args = %q\nwant   %q", got, want)
	}
	// The same line as a job prints it itself (its sys.argv).
	line := strings.Join(in, " ")
	if got, want := r.Line(line), strings.Join(want, " "); got != want {
		t.Fatalf("Line(%q)\n = %q\nwant %q", line, got, want)
	}
}

// What training jobs print of their secrets: the environment (env, a
// launcher's dump), argparse's Namespace, a config dict or JSON, and the
// tokens themselves (huggingface_hub, boto3, openai debug lines).
func TestRedactorTrainingSecrets(t *testing.T) {
	r := NewRedactor()
	tests := []struct{ in, want string }{
		{"WANDB_API_KEY=3f2a9c1e0b7d4a6f8e5c2b1a0d9e8f7a6b5c4d3e", "WANDB_API_KEY=***"},
		{"OPENAI_API_KEY=sk-proj-abcdef1234567890", "OPENAI_API_KEY=***"},
		{"AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS_SECRET_ACCESS_KEY=***"},
		{"HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567", "HF_TOKEN=***"},
		{"config: {'api_key': 'sk-abcdef1234567890', 'lr': 0.001}", "config: {'api_key': ***, 'lr': 0.001}"},
		{`{"password": "hunter2hunter2", "user": "rig"}`, `{"password": ***, "user": "rig"}`},
		{`{"apiKey":"abc123def456"}`, `{"apiKey":***}`},
		{"Namespace(hub_token='hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567', lr=0.001)", "Namespace(hub_token=***, lr=0.001)"},
		{"client_secret: 9f8e7d6c", "client_secret: ***"},
		{"Token is valid: hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567.", "Token is valid: ***."},
		{"Found credentials in shared file (AKIAIOSFODNN7EXAMPLE)", "Found credentials in shared file (***)"},
		{"Incorrect API key provided: sk-proj-Ab12Cd34Ef56Gh78Ij90.", "Incorrect API key provided: ***."},
	}
	for _, tt := range tests {
		if got := r.Line(tt.in); got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Ordinary output that looks a little like a secret stays as it is: a
// trainer's throughput and loss lines, a tqdm bar, a tokenizer's settings,
// words that contain "key", "pass" or "sk-".
func TestRedactorLeavesOrdinaryText(t *testing.T) {
	r := NewRedactor()
	for _, in := range []string{
		"step 1200 | loss 2.3141 | lr 3.0e-04 | tokens/s: 48213",
		"throughput: 12.5k tokens/s, 3.1 samples/s",
		"{'loss': 0.8712, 'grad_norm': 3.0155, 'learning_rate': 4.5e-05, 'epoch': 1.0}",
		" 45%|████▌     | 450/1000 [00:30<00:37, 14.80it/s, loss=0.123]",
		"decoding 240 key frames",
		"pass 3 of 5",
		"monkey=3",
		"max_new_tokens=512, num_tokens: 1024, eos_token_id: 2",
		"tokenizer: gpt2, --max_tokens 512",
		"task-0123456789abcdefghij started",
		"disk-usage-monitoring-service ok",
		"speed 10s/60s/15m 14250.3 14198.7 n/a H/s max 14301.2 H/s",
		"token expired at 10:00",
		// A tokenizer's special tokens, in its repr and in a traceback.
		`LlamaTokenizerFast(name_or_path='meta-llama/Llama-2-7b-hf', vocab_size=32000, special_tokens={'bos_token': '<s>', 'eos_token': '</s>', 'unk_token': '<unk>', 'pad_token': '</s>'})`,
		"pad_token: <|endoftext|> (id 50256)",
		"    tokenizer.pad_token = tokenizer.eos_token",
		"MASK_TOKEN='[MASK]' CLS_TOKEN=[CLS]",
	} {
		if got := r.Line(in); got != in {
			t.Errorf("Line(%q) = %q, want it unchanged", in, got)
		}
	}
}

// A line longer than the splitter's limit is cut before it is redacted
// (the pump splits, then masks): a secret that straddles the cut is only
// partly in the line, and what is left of it must not show. Models a
// config dump or a long launcher command line written on one line.
func TestRedactorSecretCutAtLineLimit(t *testing.T) {
	pad := strings.Repeat("a", 54) + " "
	tests := []struct{ name, in, secret, want string }{
		{"known secret", pad + "s3cretPoolPassw0rd more", "s3cretPoolPassw0rd", pad + "***"},
		{"token shape", pad + "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567", "", pad + "***"},
		{"quoted value", strings.Repeat("a", 44) + ` "password": "hunter2hunter2"}`, "", strings.Repeat("a", 44) + ` "password": ***`},
		{"rune cut in two", strings.Repeat("a", 61) + " pässwort-geheim", "pässwort-geheim", strings.Repeat("a", 61) + " ***"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRedactor(tt.secret)
			got := collect(64, tt.in+"\n")
			if len(got) != 1 || !got[0].Truncated {
				t.Fatalf("got %+v, want one truncated line", got)
			}
			if out := r.Line(got[0].Text); out != tt.want+TruncatedMark {
				t.Errorf("Line(%q) = %q, want %q", got[0].Text, out, tt.want+TruncatedMark)
			}
		})
	}
}
