package calc

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// formatDate writes serial n with a date and time section. The time is
// rounded to the second (or to the decimals of seconds the format shows).
// An m or mm is minutes after an hour or before seconds, else the month.
func formatDate(n float64, toks []fmtTok) (string, bool) {
	if n < 0 || n >= maxSerial+1 {
		return "", false
	}
	fracDigits := secondDecimals(toks)
	unit := math.Pow(10, float64(fracDigits))
	ticks := math.Round(n * 86400 * unit) // in fractions of a second
	days := math.Floor(ticks / (86400 * unit))
	secs := (ticks - days*86400*unit) / unit
	t := fromSerial(int(days))
	h, m, s := int(secs)/3600, int(secs)/60%60, int(secs)%60
	twelve := false
	for _, tk := range toks {
		twelve = twelve || tk.k == fDate && strings.HasPrefix(strings.ToLower(tk.s), "a")
	}
	var b strings.Builder
	for i := 0; i < len(toks); i++ {
		tk := toks[i]
		if tk.k != fDate {
			if tk.k == fPoint && fracDigits > 0 && i+1 < len(toks) && toks[i+1].k == fDigit {
				f := int(math.Round((secs - math.Floor(secs)) * unit))
				fmt.Fprintf(&b, ".%0*d", fracDigits, f)
				for i+1 < len(toks) && toks[i+1].k == fDigit {
					i++
				}
				continue
			}
			b.WriteString(tk.s)
			continue
		}
		code := tk.s
		switch {
		case code[0] == 'y':
			if len(code) <= 2 {
				fmt.Fprintf(&b, "%02d", t.Year()%100)
			} else {
				fmt.Fprintf(&b, "%04d", t.Year())
			}
		case code[0] == 'm' && len(code) <= 2 && isMinutes(toks, i):
			writeNum(&b, m, len(code))
		case code[0] == 'm':
			name := t.Month().String()
			switch len(code) {
			case 1, 2:
				writeNum(&b, int(t.Month()), len(code))
			case 3:
				b.WriteString(name[:3])
			case 4:
				b.WriteString(name)
			default:
				b.WriteString(name[:1])
			}
		case code[0] == 'd':
			name := t.Weekday().String()
			switch len(code) {
			case 1, 2:
				writeNum(&b, t.Day(), len(code))
			case 3:
				b.WriteString(name[:3])
			default:
				b.WriteString(name)
			}
		case code[0] == 'h':
			hh := h
			if twelve {
				hh = (h+11)%12 + 1
			}
			writeNum(&b, hh, len(code))
		case code[0] == 's':
			writeNum(&b, s, len(code))
		case code[0] == '[':
			total := map[byte]float64{'h': days*24 + float64(h), 'm': (days*24+float64(h))*60 + float64(m), 's': days*86400 + math.Floor(secs)}[code[1]]
			writeNum(&b, int(total), len(code)-2)
		default: // AM/PM or A/P, in the case written
			b.WriteString(ampm(code, h >= 12))
		}
	}
	return b.String(), true
}

func writeNum(b *strings.Builder, n, width int) {
	s := strconv.Itoa(n)
	if width >= 2 && len(s) < 2 {
		s = "0" + s
	}
	b.WriteString(s)
}

// isMinutes says whether the m code at i follows an hour or precedes
// seconds, ignoring the literals between.
func isMinutes(toks []fmtTok, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if toks[j].k == fDate {
			c := strings.TrimPrefix(toks[j].s, "[")
			if c[0] == 'h' {
				return true
			}
			break
		}
	}
	for j := i + 1; j < len(toks); j++ {
		if toks[j].k == fDate {
			c := strings.TrimPrefix(toks[j].s, "[")
			return c[0] == 's'
		}
	}
	return false
}

// secondDecimals is how many decimals of a second a format shows: the 0s
// after "ss." (at most 3, as Excel allows).
func secondDecimals(toks []fmtTok) int {
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].k == fPoint && toks[i-1].k == fDate && strings.Contains(toks[i-1].s, "s") {
			n := 0
			for j := i + 1; j < len(toks) && toks[j].k == fDigit; j++ {
				n++
			}
			return min(n, 3)
		}
	}
	return 0
}

func ampm(code string, pm bool) string {
	long := len(code) == 5
	var s string
	switch {
	case long && pm:
		s = "PM"
	case long:
		s = "AM"
	case pm:
		s = "P"
	default:
		s = "A"
	}
	if code[0] == 'a' || code[0] == 'p' {
		s = strings.ToLower(s)
	}
	return s
}
