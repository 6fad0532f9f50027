package progress

import (
	"strconv"
	"strings"
	"time"
)

// richTimes separates the elapsed and remaining times in the bars of
// PyTorch Lightning's RichProgressBar; no other line RigShift reads has it.
const richTimes = " • "

// ParseRich parses a line of PyTorch Lightning's RichProgressBar (its
// colours removed):
//
//	Epoch 3/9  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 781/781 0:00:42 • 0:00:00 18.60it/s v_num: 0 train_loss: 0.123
//	Validation ━━━━━━━━━━━━━━━━━━━━                     10/20 0:00:01 • 0:00:01 10.00it/s
//
// description, bar, batches ("450/--" without a total), elapsed • remaining
// ("-:--:--" when unknown, "1 day, 2:03:04" past a day), speed, metrics.
// Lightning counts the epochs from 0 and names the last ("Epoch 3/9" is the
// 4th of 10): Desc says "Epoch 4/10", as a tqdm loop's bar would, so that
// the Tracker counts the epochs the same way; "Epoch 3" when Lightning has
// no last epoch. It reports false for anything else.
func ParseRich(line string) (Bar, bool) {
	i := strings.Index(line, richTimes)
	if i < 0 {
		return Bar{}, false
	}
	var b Bar
	head, elapsed, ok := cutTimedelta(line[:i])
	if !ok {
		return Bar{}, false
	}
	b.Elapsed = max(elapsed, 0) // "-:--:--": a bar not started
	rest, ok := b.richTail(line[i+len(richTimes):])
	if !ok {
		return Bar{}, false
	}
	b.richMetrics(rest)
	head, count := lastField(head)
	n, tot, ok := strings.Cut(count, "/")
	if !ok || !b.richCount(n, tot) {
		return Bar{}, false
	}
	b.Desc = richDesc(head)
	return b, true
}

// richTail parses "0:00:00 18.60it/s …": the remaining time and the speed,
// and returns the metrics after them.
func (b *Bar) richTail(s string) (string, bool) {
	remaining, s, _ := strings.Cut(s, " ")
	if unit, after, _ := strings.Cut(s, " "); unit == "day," || unit == "days," {
		hms, after2, _ := strings.Cut(after, " ") // "1 day, 2:03:04"
		remaining, s = remaining+" "+unit+" "+hms, after2
	}
	var ok bool
	if b.Remaining, ok = parseTimedelta(remaining); !ok {
		return "", false
	}
	speed, metrics, _ := strings.Cut(s, " ")
	if !strings.HasSuffix(speed, "it/s") || !b.parseRate(speed) {
		return "", false
	}
	return metrics, true
}

// richCount parses the batches: "390/781", or "450/--" without a total.
func (b *Bar) richCount(n, tot string) bool {
	var ok bool
	var rest string
	if b.N, rest, ok = parseScaled(n); !ok || rest != "" {
		return false
	}
	if tot != "--" {
		if b.Total, rest, ok = parseScaled(tot); !ok || rest != "" {
			return false
		}
	}
	return true
}

// richMetrics reads the loss among Lightning's "name: value" metrics.
func (b *Bar) richMetrics(s string) {
	for s != "" {
		var w string
		w, s, _ = strings.Cut(s, " ")
		name, ok := strings.CutSuffix(w, ":")
		if !ok || !isLossName(name) {
			continue
		}
		v, _, _ := strings.Cut(s, " ")
		if f, ok := parseFinite(v); ok {
			b.Loss, b.HasLoss = f, true
		}
	}
}

// cutTimedelta splits Python's str(timedelta) ("0:00:42", "1 day,
// 2:03:04") or "-:--:--" (-1) off the end of s.
func cutTimedelta(s string) (before string, d time.Duration, ok bool) {
	before, last := lastField(s)
	if b2, unit := lastField(before); unit == "day," || unit == "days," {
		b3, days := lastField(b2)
		before, last = b3, days+" "+unit+" "+last
	}
	d, ok = parseTimedelta(last)
	return before, d, ok
}

// parseTimedelta parses "H:MM:SS", "N day[s], H:MM:SS", or "-:--:--" (-1).
func parseTimedelta(s string) (time.Duration, bool) {
	if s == "-:--:--" {
		return -1, true
	}
	var days int64
	if d, hms, ok := strings.Cut(s, ", "); ok {
		n, unit, _ := strings.Cut(d, " ")
		v, err := strconv.ParseInt(n, 10, 32)
		if err != nil || v < 0 || (unit != "day" && unit != "days") {
			return 0, false
		}
		days, s = v, hms
	}
	if strings.Count(s, ":") != 2 {
		return 0, false
	}
	d, ok := parseInterval(s)
	return d + time.Duration(days)*24*time.Hour, ok
}

// richDesc is the description before the bar, with Lightning's epochs
// counted from 1 ("Epoch 3/9" → "Epoch 4/10"; "Epoch 2/-2", max_epochs=-1,
// → "Epoch 2").
func richDesc(head string) string {
	i := strings.IndexFunc(head, isBarRune)
	if i < 0 {
		i = len(head)
	}
	desc := strings.TrimSpace(head[:i])
	n, last, ok := strings.Cut(strings.TrimPrefix(desc, "Epoch "), "/")
	if !ok || !strings.HasPrefix(desc, "Epoch ") {
		return desc
	}
	e, err1 := strconv.ParseInt(n, 10, 32)
	l, err2 := strconv.ParseInt(last, 10, 32)
	switch {
	case err1 != nil || err2 != nil || e < 0:
		return desc
	case l < 0:
		return "Epoch " + n
	}
	return "Epoch " + strconv.FormatInt(e+1, 10) + "/" + strconv.FormatInt(l+1, 10)
}

// isBarRune reports whether r draws rich's bar: full, or half from either side.
func isBarRune(r rune) bool { return r == '━' || r == '╸' || r == '╺' }
