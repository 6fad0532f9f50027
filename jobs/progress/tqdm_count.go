package progress

import "strings"

// parseCount parses the end of the head: "… 450/1000" or "… 450it",
// "… 450 examples" or "… 450/?" (no total), and the description before
// the bar.
func (b *Bar) parseCount(head string) bool {
	before, last := lastField(head)
	if last == "" {
		return false
	}
	if n, tot, ok := strings.Cut(last, "/"); ok {
		return b.setCount(n, tot, head, before)
	}
	if b.setNoTotal(last, before) {
		return true
	}
	before, last = lastField(before)
	return last != "" && b.setNoTotal(last, before)
}

// lastField splits s into what precedes its last space-separated word and
// that word.
func lastField(s string) (before, last string) {
	s = strings.TrimRight(s, " ")
	i := strings.LastIndexByte(s, ' ')
	return s[:i+1], s[i+1:]
}

// setCount parses "450/1000", or "450/?": tqdm's total_fmt without a total,
// which Lightning's bar_format prints.
func (b *Bar) setCount(n, tot, head, before string) bool {
	var ok bool
	var rest string
	if b.N, rest, ok = parseScaled(n); !ok || rest != "" {
		return false
	}
	if tot != "?" {
		if b.Total, rest, ok = parseScaled(tot); !ok || rest != "" {
			return false
		}
	}
	b.Desc = describe(head, before)
	return true
}

// setNoTotal parses "450it", the count with its unit glued on.
func (b *Bar) setNoTotal(tok, before string) bool {
	v, _, ok := parseScaled(tok)
	if !ok {
		return false
	}
	b.N = v
	b.Desc = describe("", before)
	return true
}

// describe returns the bar's description: the words before the percentage
// and bar ("Epoch 3:  45%|███|" gives "Epoch 3"), or before a bar without
// a percentage ("Epoch 0: |   |", a bar without a total).
func describe(head, before string) string {
	if i := strings.Index(head, "%|"); i >= 0 {
		head = strings.TrimRight(head[:i], "0123456789. ")
		return strings.TrimRight(head, ": ")
	}
	before, _, _ = strings.Cut(before, "|")
	return strings.TrimRight(strings.TrimSpace(before), ":")
}
