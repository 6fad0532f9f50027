package progress

import (
	"strings"
	"time"
)

// Bar is one tqdm progress line.
type Bar struct {
	Desc      string        // text before the bar, e.g. "Epoch 3"
	N         float64       // units done
	Total     float64       // units in all; 0 when tqdm has no total
	Unit      string        // "it", "examples", …
	Rate      float64       // units per second; 0 when unknown
	Elapsed   time.Duration // time since the bar started
	Remaining time.Duration // tqdm's estimate; -1 when it printed "?"
	Loss      float64       // the "loss=" postfix, when HasLoss
	HasLoss   bool
}

// ParseTqdm parses a tqdm line such as
//
//	Epoch 3:  45%|████▌     | 450/1000 [00:30<00:37, 14.8it/s, loss=0.123]
//	450it [00:30, 14.8it/s]
//	Map: 100%|██████████| 1.00k/1.00k [00:00<00:00, 5.00k examples/s]
//
// covering s/it rates, k/M suffixes and bars without a total. It reports
// false for anything else.
func ParseTqdm(line string) (Bar, bool) {
	line = strings.TrimRight(line, " ")
	if !strings.HasSuffix(line, "]") {
		return Bar{}, false
	}
	for end := len(line); end > 0; {
		i := strings.LastIndex(line[:end], " [")
		if i < 0 {
			break
		}
		if b, ok := parseBar(line[:i], line[i+2:len(line)-1]); ok {
			return b, true
		}
		end = i
	}
	return Bar{}, false
}

// parseBar parses the text before " [" and the bracket's content.
func parseBar(head, bracket string) (Bar, bool) {
	var b Bar
	parts := strings.Split(bracket, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if len(parts) < 2 || !b.parseTimes(parts[0]) || !b.parseRate(parts[1]) {
		return Bar{}, false
	}
	b.parsePostfix(parts[2:])
	if !b.parseCount(head) {
		return Bar{}, false
	}
	return b, true
}

// parseTimes parses "00:30<00:37", "00:30<?" or "00:30" (no total).
func (b *Bar) parseTimes(s string) bool {
	el, rem, hasRem := strings.Cut(s, "<")
	var ok bool
	if b.Elapsed, ok = parseInterval(el); !ok {
		return false
	}
	b.Remaining = -1
	if hasRem && rem != "?" {
		if b.Remaining, ok = parseInterval(rem); !ok {
			return false
		}
	}
	return true
}

// parseRate parses "14.8it/s", "1.2kit/s", "2.50s/it", "?it/s" or
// "5.00k examples/s".
func (b *Bar) parseRate(s string) bool {
	if rest, ok := strings.CutPrefix(s, "?"); ok {
		switch rest = strings.TrimLeft(rest, " "); {
		case strings.HasSuffix(rest, "/s"):
			b.Unit = strings.TrimSuffix(rest, "/s")
		case strings.HasPrefix(rest, "s/"):
			b.Unit = rest[2:]
		default:
			return false
		}
		return true
	}
	v, rest, ok := parseScaled(s)
	if !ok {
		return false
	}
	rest = strings.TrimLeft(rest, " ")
	switch {
	case strings.HasPrefix(rest, "s/"):
		if v > 0 {
			b.Rate = 1 / v
		}
		b.Unit = rest[2:]
	case strings.HasSuffix(rest, "/s"):
		b.Rate, b.Unit = v, strings.TrimSuffix(rest, "/s")
	default:
		return false
	}
	return true
}

// parsePostfix reads "loss=0.123" (or Lightning's "train_loss=", see
// isLossName) among tqdm's set_postfix pairs.
func (b *Bar) parsePostfix(parts []string) {
	for _, p := range parts {
		k, v, ok := strings.Cut(p, "=")
		if k = strings.TrimSpace(k); !ok || !isLossName(k) {
			continue
		}
		if f, ok := parseFinite(strings.TrimSpace(v)); ok {
			b.Loss, b.HasLoss = f, true
		}
	}
}

// isLossName reports whether a bar's postfix or metric of that name is the
// training loss: "loss", or Lightning's "train_loss", which it names
// "train_loss_step" when the job logs it per epoch too (its
// "train_loss_epoch" is the last epoch's mean, not the latest loss).
func isLossName(k string) bool { return k == "loss" || k == "train_loss" || k == "train_loss_step" }
