package calc

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
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
	p := dateParts{days: math.Floor(ticks / (86400 * unit))}
	p.secs = (ticks - p.days*86400*unit) / unit
	p.t = fromSerial(int(p.days))
	for _, tk := range toks {
		p.twelve = p.twelve || tk.k == fDate && strings.HasPrefix(strings.ToLower(tk.s), "a")
	}
	var b strings.Builder
	for i := 0; i < len(toks); i++ {
		switch tk := toks[i]; {
		case tk.k == fDate:
			p.write(&b, tk.s, isMinutes(toks, i))
		case tk.k == fPoint && fracDigits > 0 && i+1 < len(toks) && toks[i+1].k == fDigit:
			f := int(math.Round((p.secs - math.Floor(p.secs)) * unit))
			fmt.Fprintf(&b, ".%0*d", fracDigits, f)
			for i+1 < len(toks) && toks[i+1].k == fDigit {
				i++
			}
		default:
			b.WriteString(tk.s)
		}
	}
	return b.String(), true
}

// dateParts is a serial read for formatting: its date, whole days, and
// seconds into the day.
type dateParts struct {
	t          time.Time
	days, secs float64
	twelve     bool // an AM/PM code: hours run 1 to 12
}

// write writes one date or time code.
func (p dateParts) write(b *strings.Builder, code string, minutes bool) {
	h, m, s := int(p.secs)/3600, int(p.secs)/60%60, int(p.secs)%60
	switch {
	case code[0] == 'y':
		if len(code) <= 2 {
			fmt.Fprintf(b, "%02d", p.t.Year()%100)
		} else {
			fmt.Fprintf(b, "%04d", p.t.Year())
		}
	case code[0] == 'm' && len(code) <= 2 && minutes:
		writeNum(b, m, len(code))
	case code[0] == 'm':
		writeName(b, p.t.Month().String(), int(p.t.Month()), len(code), true)
	case code[0] == 'd':
		writeName(b, p.t.Weekday().String(), p.t.Day(), len(code), false)
	case code[0] == 'h' && p.twelve:
		writeNum(b, (h+11)%12+1, len(code))
	case code[0] == 'h':
		writeNum(b, h, len(code))
	case code[0] == 's':
		writeNum(b, s, len(code))
	case code[0] == '[':
		hours := p.days*24 + float64(h)
		total := map[byte]float64{'h': hours, 'm': hours*60 + float64(m), 's': p.days*86400 + math.Floor(p.secs)}[code[1]]
		writeNum(b, int(total), len(code)-2)
	default: // AM/PM or A/P, in the case written
		b.WriteString(ampm(code, h >= 12))
	}
}

// writeName writes a month or a day: its number for one or two letters,
// else its name, short (three letters), long (four), or for months its
// initial (five).
func writeName(b *strings.Builder, name string, number, letters int, month bool) {
	switch {
	case letters <= 2:
		writeNum(b, number, letters)
	case letters == 3:
		b.WriteString(name[:3])
	case letters == 4 || !month:
		b.WriteString(name)
	default:
		b.WriteString(name[:1])
	}
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
