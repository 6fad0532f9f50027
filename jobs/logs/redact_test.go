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
