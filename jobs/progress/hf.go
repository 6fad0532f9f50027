package progress

import "strings"

// ParseHF parses a Hugging Face Trainer log line, a Python dict printed
// with single quotes:
//
//	{'loss': 2.31, 'grad_norm': 1.05, 'learning_rate': 1.8e-05, 'epoch': 0.22}
//	{'train_runtime': 812.5, 'train_samples_per_second': 9.8, 'train_loss': 1.9, 'epoch': 3.0}
//
// It returns the numeric entries (strings, None, nan and nested values are
// skipped) and false when the line is not such a dict or holds no number.
func ParseHF(line string) (map[string]float64, bool) {
	s := strings.TrimSpace(line)
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return nil, false
	}
	p := dictParser{s: s[1 : len(s)-1]}
	out := map[string]float64{}
	for p.more() {
		key, ok := p.key()
		if !ok {
			return nil, false
		}
		val, ok := p.value()
		if !ok {
			return nil, false
		}
		if v, ok := pyNumber(val); ok {
			out[key] = v
		}
	}
	return out, len(out) > 0
}

// dictParser walks the inside of a flat Python dict literal.
type dictParser struct {
	s string
	i int
}

func (p *dictParser) skipSpace() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *dictParser) more() bool {
	p.skipSpace()
	return p.i < len(p.s)
}

// key reads a quoted key and the colon after it.
func (p *dictParser) key() (string, bool) {
	k, ok := p.quoted()
	if !ok {
		return "", false
	}
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] != ':' {
		return "", false
	}
	p.i++
	return k, true
}

// quoted reads a '…' or "…" string with backslash escapes kept as is.
func (p *dictParser) quoted() (string, bool) {
	p.skipSpace()
	if p.i >= len(p.s) || (p.s[p.i] != '\'' && p.s[p.i] != '"') {
		return "", false
	}
	q := p.s[p.i]
	start := p.i + 1
	for j := start; j < len(p.s); j++ {
		switch p.s[j] {
		case '\\':
			j++
		case q:
			p.i = j + 1
			return p.s[start:j], true
		}
	}
	return "", false
}

// value reads up to the next top-level comma and consumes it. Quoted
// strings and bracketed values (lists, tensor(…)) may hold commas.
func (p *dictParser) value() (string, bool) {
	p.skipSpace()
	if p.i < len(p.s) && (p.s[p.i] == '\'' || p.s[p.i] == '"') {
		_, ok := p.quoted()
		return "", ok && p.comma()
	}
	start, depth := p.i, 0
	for ; p.i < len(p.s); p.i++ {
		switch p.s[p.i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ',':
			if depth == 0 {
				v := strings.TrimSpace(p.s[start:p.i])
				p.i++
				return v, v != ""
			}
		}
		if depth < 0 {
			return "", false
		}
	}
	v := strings.TrimSpace(p.s[start:])
	return v, v != "" && depth == 0
}

// comma consumes the separator after a value, if any.
func (p *dictParser) comma() bool {
	p.skipSpace()
	if p.i < len(p.s) {
		if p.s[p.i] != ',' {
			return false
		}
		p.i++
	}
	return true
}

// pyNumber parses a Python number repr, including "tensor(1.5)" and
// numpy's "np.float64(1.5)". nan and inf are rejected.
func pyNumber(v string) (float64, bool) {
	if open := strings.IndexByte(v, '('); open > 0 && strings.HasSuffix(v, ")") {
		v = v[open+1 : len(v)-1]
		if c := strings.IndexByte(v, ','); c >= 0 { // tensor(1.5, device='cuda:0')
			v = v[:c]
		}
	}
	return parseFinite(strings.TrimSpace(v))
}
