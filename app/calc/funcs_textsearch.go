package calc

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FIND, SEARCH, EXACT and VALUE read text without building any.
func init() {
	register(map[string]function{
		"FIND":   finder(false),
		"SEARCH": finder(true),
		"EXACT": func(args []node, e env) value {
			if len(args) != 2 {
				return errv(ErrValue)
			}
			a, bad := eval(args[0], e).scalar().text()
			if bad != nil {
				return *bad
			}
			b, bad := eval(args[1], e).scalar().text()
			if bad != nil {
				return *bad
			}
			return boolean(a == b)
		},
		"VALUE": valueFunc,
	})
}

// finder makes FIND(find, within, [start]), which matches case and all, and
// SEARCH, which ignores case and reads ? and * as wildcards (~? and ~* are
// the characters themselves). Positions count characters from 1; a start
// below 1 or past the text, or no match, is #VALUE!, as in Excel. An empty
// find matches at start.
func finder(search bool) function {
	return func(args []node, e env) value {
		if len(args) < 2 || len(args) > 3 {
			return errv(ErrValue)
		}
		find, bad := eval(args[0], e).scalar().text()
		if bad != nil {
			return *bad
		}
		within, bad := eval(args[1], e).scalar().text()
		if bad != nil {
			return *bad
		}
		ns, bad := numbers(args[2:], e, 1)
		if bad != nil {
			return *bad
		}
		start, runes := toInt(ns[0]), utf8.RuneCountInString(within)
		if start < 1 || start > runes+1 || start > runes && find != "" {
			return errv(ErrValue)
		}
		if find == "" {
			return num(float64(start))
		}
		// Matching costs about the text's length times the pattern's, in
		// units of 16 steps, as a wildcard criterion does.
		if !e.spend(int64(len(within)+1) * int64(len(find)) / 16) {
			return *busyValue()
		}
		from := 0 // the byte where character start begins
		for range start - 1 {
			_, size := utf8.DecodeRuneInString(within[from:])
			from += size
		}
		at := -1
		if search {
			// Mapped a character at a time, lowered text has as many
			// characters as the text, so a position in one is in both.
			lower := func(s string) string { return strings.Map(unicode.ToLower, s) }
			re, err := wildcards(lower(find))
			if err != nil {
				return errNote(ErrValue, "the text to search for is too long a pattern")
			}
			rest := lower(within[from:])
			if loc := re.FindStringIndex(rest); loc != nil {
				at = utf8.RuneCountInString(rest[:loc[0]])
			}
		} else if i := strings.Index(within[from:], find); i >= 0 {
			at = utf8.RuneCountInString(within[from : from+i])
		}
		if at < 0 {
			return errv(ErrValue)
		}
		return num(float64(start + at))
	}
}

// wildcards compiles SEARCH's pattern: ? is any character, * any run of
// them, ~ makes the next character itself.
func wildcards(pattern string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("(?s)")
	escaped := false
	for _, r := range pattern {
		switch {
		case escaped:
			b.WriteString(regexp.QuoteMeta(string(r)))
			escaped = false
		case r == '~':
			escaped = true
		case r == '?':
			b.WriteString(".")
		case r == '*':
			b.WriteString(".*?")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	if escaped {
		b.WriteString("~")
	}
	return regexp.Compile(b.String())
}

// valueFunc is VALUE(text): a number written as Excel reads one typed in a
// cell, with a sign, thousands separators, a leading $ or a trailing %
// ("$1,234.5" is 1234.5, "12%" 0.12). A number is itself, an empty cell 0;
// anything else, TRUE included, is #VALUE!.
func valueFunc(args []node, e env) value {
	if len(args) != 1 {
		return errv(ErrValue)
	}
	v := eval(args[0], e).scalar()
	switch v.k {
	case kNum, kErr:
		return v
	case kEmpty:
		return num(0)
	case kStr:
		if n, ok := readNumber(v.s); ok {
			return num(n)
		}
	}
	return errv(ErrValue)
}

// readNumber reads VALUE's numbers; ParseFloat alone would take "Inf" and
// "NaN", which Excel does not.
func readNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	scale := 1.0
	if rest, ok := strings.CutSuffix(s, "%"); ok {
		s, scale = strings.TrimSpace(rest), 0.01
	}
	sign := ""
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		sign, s = s[:1], s[1:]
	}
	s = strings.TrimPrefix(s, "$")
	if whole, frac, _ := strings.Cut(s, "."); strings.Contains(frac, ",") || strings.HasPrefix(whole, ",") {
		return 0, false
	}
	s = strings.ReplaceAll(s, ",", "")
	if s == "" || strings.Trim(s, "0123456789.eE+-") != "" || !strings.ContainsAny(s, "0123456789") {
		return 0, false
	}
	n, err := strconv.ParseFloat(sign+s, 64)
	return n * scale, err == nil
}
