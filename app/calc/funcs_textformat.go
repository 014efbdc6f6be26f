package calc

import (
	"strings"
	"unicode/utf8"
)

// TEXT(value, format) with Excel's number format codes: digit placeholders
// (0 # ?), thousands separators and scaling commas, percent, scientific
// notation, dates and times, literal text ("…", \x, _x, [$€-407]), and up
// to four sections (positive; negative; zero; text). A format is read into
// tokens once per call; the text built is at most a few bytes per byte of
// format plus the number's digits, and is measured against the cell limit
// before it is returned (see grow).

type fmtKind uint8

const (
	fLit     fmtKind = iota // literal text
	fDigit                  // 0, # or ?
	fPoint                  // the decimal point
	fComma                  // a thousands separator or a scaling comma
	fPercent                // %
	fExp                    // E+ or E-
	fDate                   // y, m, d, h, s, AM/PM, [h]...
	fAt                     // @, the text itself
	fGeneral                // General
)

type fmtTok struct {
	k fmtKind
	s string // the literal, the placeholder, or the date code (lower case)
}

// fmtSection is one section of a format, read.
type fmtSection struct {
	toks []fmtTok
	date bool // it holds date or time codes
	bad  bool // not a format Excel reads: TEXT is #VALUE!
}

// splitSections cuts a format at the semicolons outside quotes and escapes.
func splitSections(f string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(f); i++ {
		switch c := f[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == ';':
			out = append(out, f[start:i])
			start = i + 1
		}
	}
	return append(out, f[start:])
}

// parseSection reads one section into tokens.
func parseSection(f string) fmtSection {
	var sec fmtSection
	lit := func(s string) { sec.toks = append(sec.toks, fmtTok{fLit, s}) }
	for i := 0; i < len(f); {
		c := f[i]
		lower := c | 0x20
		switch {
		case c == '"':
			j := strings.IndexByte(f[i+1:], '"')
			if j < 0 {
				j = len(f) - i - 1
			}
			lit(f[i+1 : i+1+j])
			i += j + 2
		case c == '\\' || c == '_' || c == '*':
			_, n := utf8.DecodeRuneInString(f[min(i+1, len(f)):])
			if c == '\\' {
				lit(f[i+1 : i+1+n])
			} else if c == '_' {
				lit(" ") // the width of the next character
			} // * fills the cell with the next character: nothing in text
			i += 1 + n
		case c == '[':
			j := strings.IndexByte(f[i:], ']')
			if j < 0 { // unclosed: to the end
				j = len(f) - i
			}
			sec.bracket(f[i+1 : i+j])
			i += j + 1
		case c == '0' || c == '#' || c == '?':
			sec.toks = append(sec.toks, fmtTok{fDigit, string(c)})
			i++
		case c == '.' || c == ',' || c == '%' || c == '@':
			sec.toks = append(sec.toks, fmtTok{map[byte]fmtKind{'.': fPoint, ',': fComma, '%': fPercent, '@': fAt}[c], string(c)})
			i++
		case lower == 'e' && i+1 < len(f) && (f[i+1] == '+' || f[i+1] == '-'):
			sec.toks = append(sec.toks, fmtTok{fExp, f[i : i+2]})
			i += 2
		case isWordStart(f[i:]):
			i += sec.word(f[i:])
		default:
			_, n := utf8.DecodeRuneInString(f[i:])
			if lower >= 'a' && lower <= 'z' {
				sec.bad = true // a letter Excel wants in quotes
			}
			lit(f[i : i+n])
			i += n
		}
	}
	return sec
}

// isWordStart reports whether f starts with a code word: AM/PM, A/P,
// General, or a run of date letters.
func isWordStart(f string) bool {
	lower := f[0] | 0x20
	return hasFold(f, "A/P") || hasFold(f, "AM/PM") || hasFold(f, "General") || strings.IndexByte("ymdhs", lower) >= 0
}

// word reads the code word f starts with (see isWordStart) into a token
// and returns its length.
func (sec *fmtSection) word(f string) int {
	switch {
	case hasFold(f, "AM/PM"), hasFold(f, "A/P"):
		n := 3
		if hasFold(f, "AM/PM") {
			n = 5
		}
		sec.toks = append(sec.toks, fmtTok{fDate, f[:n]})
		sec.date = true
		return n
	case hasFold(f, "General"):
		sec.toks = append(sec.toks, fmtTok{fGeneral, ""})
		return len("General")
	}
	lower := f[0] | 0x20
	j := 0
	for j < len(f) && f[j]|0x20 == lower {
		j++
	}
	sec.toks = append(sec.toks, fmtTok{fDate, strings.Repeat(string(lower), j)})
	sec.date = true
	return j
}

// bracket reads [...]: elapsed time ([h], [mm], [ss]) and a currency or
// locale ([$€-407] shows €); colours and conditions show nothing.
func (sec *fmtSection) bracket(in string) {
	lower := strings.ToLower(in)
	if lower != "" && strings.Trim(lower, string(lower[0])) == "" && strings.Contains("hms", lower[:1]) {
		sec.toks = append(sec.toks, fmtTok{fDate, "[" + lower + "]"})
		sec.date = true
		return
	}
	if sym, ok := strings.CutPrefix(in, "$"); ok {
		sym, _, _ = strings.Cut(sym, "-")
		sec.toks = append(sec.toks, fmtTok{fLit, sym})
	}
}

func hasFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func textFunc(args []node, e env) value {
	if len(args) != 2 {
		return errv(ErrValue)
	}
	v := eval(args[0], e).scalar()
	f, bad := eval(args[1], e).scalar().text()
	if bad != nil {
		return *bad
	}
	if v.k == kErr {
		return v
	}
	if bad := grow(e, len(f)); bad != nil { // reading the format
		return *bad
	}
	sections := splitSections(f)
	if v.k == kBool {
		s, _ := v.text()
		return str(s)
	}
	if v.k == kStr {
		n, bad := v.number()
		if bad != nil {
			if d, dbad := dateNumber(v); dbad == nil {
				n, bad = d, nil
			}
		}
		if bad != nil {
			return formatText(e, v.s, sections)
		}
		v = num(n)
	}
	n, _ := v.number()
	out, ok := formatNumber(n, sections)
	if !ok {
		return errv(ErrValue)
	}
	if bad := grow(e, len(out)); bad != nil {
		return *bad
	}
	return str(out)
}

// formatText is text through a format's text section: the fourth, or a
// lone section that holds @. Without one the text is returned as it is.
func formatText(e env, s string, sections []string) value {
	var text string
	switch {
	case len(sections) >= 4:
		text = sections[3]
	case len(sections) == 1 && strings.Contains(sections[0], "@"):
		text = sections[0]
	default:
		return str(s)
	}
	var b strings.Builder
	for _, t := range parseSection(text).toks {
		if t.k == fAt {
			if bad := grow(e, b.Len()+len(s)); bad != nil {
				return *bad
			}
			b.WriteString(s)
		} else {
			b.WriteString(t.s)
		}
	}
	if bad := grow(e, b.Len()); bad != nil {
		return *bad
	}
	return str(b.String())
}

// formatNumber picks the section for n (positive; negative; zero) and
// writes n with it. A negative number written with a section of its own
// loses its sign (the section shows it, as in "0;(0)"); with the first
// section it keeps a leading minus. ok is false for a number a date
// format cannot show.
func formatNumber(n float64, sections []string) (string, bool) {
	sec, neg := sections[0], false
	switch {
	case n < 0 && len(sections) >= 2:
		sec, n = sections[1], -n
	case n < 0:
		neg, n = true, -n
	case n == 0 && len(sections) >= 3:
		sec = sections[2]
	}
	ps := parseSection(sec)
	if ps.bad {
		return "", false
	}
	var out string
	var ok bool
	if ps.date {
		if neg {
			return "", false
		}
		out, ok = formatDate(n, ps.toks)
	} else {
		out, ok = formatDigits(n, ps.toks)
	}
	if neg && ok {
		out = "-" + out
	}
	return out, ok
}
