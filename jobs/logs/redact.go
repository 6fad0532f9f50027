package logs

import (
	"regexp"
	"slices"
	"strings"
)

// Mask replaces a secret in redacted text.
const Mask = "***"

// minSecretLen is the shortest known secret that is masked wherever it
// appears. Shorter values ("x", the usual pool password) are conventions, not
// secrets; masking every "x" would make logs unreadable. The flag patterns
// still mask them after "-p" and the like.
const minSecretLen = 3

// secretFlags are command-line flags whose value is a secret, in the miners
// RigShift runs: xmrig --http-access-token, the pool password of every miner
// (-p, --pass, --password), xmrig's -O/--userpass user:pass pair.
var secretFlags = []string{
	"--http-access-token", "--api-access-token", "--access-token", "--api-token", "--token",
	"--pass", "--password", "--dualpass", "--userpass", "-p", "-O",
}

// longSecretFlag is any other long flag named for a secret: what training
// scripts take the client's tokens by (--hub_token, --api-key, --wandb_key,
// --client-secret, --db_password). "--max_tokens" and "--tokenizer" are not.
const longSecretFlag = `--[\w-]*(?:token|secret|passw(?:or)?d|passphrase|apikey|[-_]key)`

// isSecretFlag matches the name of a flag whose value is a secret.
var isSecretFlag = regexp.MustCompile(`^(?:` + alternation(secretFlags) + `|` + longSecretFlag + `)$`).MatchString

var (
	// A value never starts with "--": that is the next flag, after a switch
	// such as --use_auth_token. A quote left open (the line was cut) runs
	// to the end.
	flagValue = regexp.MustCompile(`(^|[\s"'])(` + alternation(secretFlags) + `|` + longSecretFlag + `)(=|\s+)("[^"]*"?|'[^']*'?|-?[^\s"'-][^\s"']*)`)
	bearer    = regexp.MustCompile(`(?i)\b(bearer\s+)([A-Za-z0-9._~+/=-]+)`)
	// A key ending in a secret word, so also WANDB_API_KEY, hub_token and
	// the quoted keys of a dict or JSON ('api_key': …); no word boundary
	// before it, which fails after '_'. A bare "key" is too common a word
	// (monkey=3, key: value).
	keyValue = regexp.MustCompile(`(?i)((?:token|secret|passw(?:or)?d|passphrase|apikey|[-_]key)["']?\s*[:=]\s*)("[^"]*"?|'[^']*'?|[^\s,;"']+)`)
	// Tokens known by their shape, wherever they are: Hugging Face, AWS
	// access key id, OpenAI-style.
	tokenShape = regexp.MustCompile(`\b(?:hf_[A-Za-z0-9]{30,}|(?:AKIA|ASIA)[0-9A-Z]{16}|sk-[A-Za-z0-9_-]{16,})`)
	// The beginning of such a token, as the last word of a cut line.
	tokenStart = regexp.MustCompile(`\b(?:hf_|AKIA|ASIA|sk-)[A-Za-z0-9_-]*$`)
)

func alternation(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(q, "|")
}

// Redactor hides secrets: the known secret values it was given, the value
// after any secret flag, after "Bearer", and in "password=…"/"api_key: …"
// pairs, and tokens of a known shape (hf_…, AKIA…, sk-…). It is safe for
// concurrent use.
type Redactor struct {
	secrets []string // longest first, so a secret containing another wins
}

// NewRedactor returns a Redactor for the given secret values. Empty values
// and values shorter than three bytes are ignored (see minSecretLen).
func NewRedactor(secrets ...string) *Redactor {
	var keep []string
	for _, s := range secrets {
		if len(s) >= minSecretLen && !slices.Contains(keep, s) {
			keep = append(keep, s)
		}
	}
	slices.SortFunc(keep, func(a, b string) int { return len(b) - len(a) })
	return &Redactor{secrets: keep}
}

// Line returns s with every secret masked. A line the splitter cut at its
// length limit (it ends in TruncatedMark) also loses an end that begins a
// secret: the rest of the secret was dropped, so it is not seen whole.
func (r *Redactor) Line(s string) string {
	if body, cut := strings.CutSuffix(s, TruncatedMark); cut {
		return r.maskCutEnd(r.mask(body)) + TruncatedMark
	}
	return r.mask(s)
}

func (r *Redactor) mask(s string) string {
	for _, sec := range r.secrets {
		if strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, Mask)
		}
	}
	// Cheap tests first: the patterns are costly and most lines (a flood
	// of hashrate reports, a trainer's "tokens/s: …") match none of them.
	// Every secret flag is -p, -O or a long flag holding one of these words.
	if strings.Contains(s, "-p") || strings.Contains(s, "-O") || strings.Contains(s, "--") &&
		(strings.Contains(s, "pass") || strings.Contains(s, "token") || strings.Contains(s, "key") || strings.Contains(s, "secret")) {
		s = flagValue.ReplaceAllString(s, "${1}${2}${3}"+Mask)
	}
	if strings.Contains(s, "hf_") || strings.Contains(s, "AKIA") || strings.Contains(s, "ASIA") || strings.Contains(s, "sk-") {
		s = tokenShape.ReplaceAllString(s, Mask)
	}
	bear := strings.Contains(s, "earer") || strings.Contains(s, "EARER")
	kv := strings.ContainsAny(s, ":=")
	if !bear && !kv {
		return s
	}
	low := strings.ToLower(s)
	if bear && strings.Contains(low, "bearer") {
		s = bearer.ReplaceAllString(s, "${1}"+Mask)
	}
	if kv && hasSecretKey(low) {
		s = maskKeyValues(s)
	}
	return s
}

// specialTokens end a tokenizer's special-token keys (pad_token, …): their
// values ("<pad>", "</s>") are in every tokenizer's repr and in tracebacks
// ("tokenizer.pad_token = tokenizer.eos_token"), and are no secrets.
var specialTokens = []string{"bos_", "eos_", "unk_", "pad_", "sep_", "cls_", "mask_"}

// maskKeyValues masks the values keyValue finds, but a special token's.
func maskKeyValues(s string) string {
	var out strings.Builder
	last := 0
	for _, m := range keyValue.FindAllStringSubmatchIndex(s, -1) {
		before := strings.ToLower(s[max(0, m[0]-len("mask_")):m[0]])
		if slices.ContainsFunc(specialTokens, func(p string) bool { return strings.HasSuffix(before, p) }) {
			continue
		}
		out.WriteString(s[last:m[3]]) // up to the end of the key and its ':' or '='
		out.WriteString(Mask)
		last = m[1]
	}
	if last == 0 {
		return s
	}
	out.WriteString(s[last:])
	return out.String()
}

// maskCutEnd masks the end of s, a line cut short, from where a known secret
// or a token of a known shape begins, however little of it is left: the
// last bytes of a cut line are worth less than a secret's first.
func (r *Redactor) maskCutEnd(s string) string {
	body := strings.TrimRight(s, "\uFFFD") // a rune the cut split in two
	from := len(s)
	for _, sec := range r.secrets {
		for n := min(len(sec)-1, len(body)); n > 0; n-- {
			if strings.HasSuffix(body, sec[:n]) {
				from = min(from, len(body)-n)
				break
			}
		}
	}
	// Only the last word can be a token cut short, and the pattern is
	// costly on a whole long line.
	word := body[strings.LastIndexFunc(body, notTokenChar)+1:]
	if loc := tokenStart.FindStringIndex(word); loc != nil {
		from = min(from, len(body)-len(word)+loc[0])
	}
	if from == len(s) {
		return s
	}
	return s[:from] + Mask
}

func notTokenChar(c rune) bool {
	return !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-')
}

// secretKeyWords end the keys keyValue matches ("key" for its -key, _key and
// apikey).
var secretKeyWords = []string{"token", "secret", "password", "passwd", "passphrase", "key"}

// hasSecretKey reports whether one of secretKeyWords is followed by ':' or
// '=' in low, perhaps after a quote and spaces: keyValue is costly, and
// training output is full of "tokens/s: 48213" and "max_tokens=512".
func hasSecretKey(low string) bool {
	for _, w := range secretKeyWords {
		for rest := low; ; {
			i := strings.Index(rest, w)
			if i < 0 {
				break
			}
			rest = strings.TrimLeft(rest[i+len(w):], "\"' \t")
			if rest != "" && (rest[0] == ':' || rest[0] == '=') {
				return true
			}
		}
	}
	return false
}

// Args returns a copy of argv with secret values masked: the argument after
// a secret flag (unless it is the next flag), the value of "--flag=value",
// and known secrets anywhere.
func (r *Redactor) Args(argv []string) []string {
	out := make([]string, len(argv))
	for i, a := range argv {
		switch {
		case i > 0 && isSecretFlag(argv[i-1]) && !strings.HasPrefix(a, "--"):
			out[i] = Mask
		case isFlagAssign(a):
			out[i] = a[:strings.IndexByte(a, '=')+1] + Mask
		default:
			out[i] = r.maskKnown(a)
		}
	}
	return out
}

func isFlagAssign(a string) bool {
	name, _, ok := strings.Cut(a, "=")
	return ok && isSecretFlag(name)
}

func (r *Redactor) maskKnown(s string) string {
	for _, sec := range r.secrets {
		s = strings.ReplaceAll(s, sec, Mask)
	}
	return s
}
