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
	// such as --use_auth_token.
	flagValue = regexp.MustCompile(`(^|[\s"'])(` + alternation(secretFlags) + `|` + longSecretFlag + `)(=|\s+)("[^"]*"|'[^']*'|-?[^\s"'-][^\s"']*)`)
	bearer    = regexp.MustCompile(`(?i)\b(bearer\s+)([A-Za-z0-9._~+/=-]+)`)
	keyValue  = regexp.MustCompile(`(?i)\b((?:access[-_]?token|api[-_]?token|api[-_]?key|password|passwd)\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;"']+)`)
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
// pairs. It is safe for concurrent use.
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

// Line returns s with every secret masked.
func (r *Redactor) Line(s string) string {
	for _, sec := range r.secrets {
		if strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, Mask)
		}
	}
	// Cheap tests first: the patterns are costly and most lines (a flood
	// of hashrate reports) match none of them.
	if strings.Contains(s, "-p") || strings.Contains(s, "-O") || strings.Contains(s, "pass") || strings.Contains(s, "token") ||
		strings.Contains(s, "key") || strings.Contains(s, "secret") {
		s = flagValue.ReplaceAllString(s, "${1}${2}${3}"+Mask) // every secret flag holds one of these
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
	if kv && (strings.Contains(low, "token") || strings.Contains(low, "key") || strings.Contains(low, "pass")) {
		s = keyValue.ReplaceAllString(s, "${1}"+Mask)
	}
	return s
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
