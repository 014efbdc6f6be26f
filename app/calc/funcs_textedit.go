package calc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SUBSTITUTE, REPT and PROPER build text, so each works out the length of
// its result and checks it with grow before it allocates anything (see
// funcs_text.go): REPT("x",1e9) is refused unbuilt.
func init() {
	register(map[string]function{
		"SUBSTITUTE": substitute,
		"REPT":       rept,
		"PROPER":     text1(proper),
	})
}

// substitute is SUBSTITUTE(text, old, new, [instance]): every occurrence of
// old, case and all, or only the instance-th; old "" leaves text as it is,
// and an instance below 1 is #VALUE!, as in Excel.
func substitute(args []node, e env) value {
	if len(args) < 3 || len(args) > 4 {
		return errv(ErrValue)
	}
	var parts [3]string
	for i := range parts {
		var bad *value
		if parts[i], bad = eval(args[i], e).scalar().text(); bad != nil {
			return *bad
		}
	}
	s, old, repl := parts[0], parts[1], parts[2]
	nth := 0
	if len(args) == 4 {
		n, bad := eval(args[3], e).scalar().number()
		if bad != nil {
			return *bad
		}
		if nth = toInt(n); nth < 1 {
			return errv(ErrValue)
		}
	}
	if old == "" {
		return shorter(e, s)
	}
	if !e.spend(int64(len(s) / textUnit)) { // the search, over all of s
		return *busyValue()
	}
	if nth == 0 {
		n := strings.Count(s, old)
		if bad := grow(e, len(s)+n*(len(repl)-len(old))); bad != nil {
			return *bad
		}
		return str(strings.ReplaceAll(s, old, repl))
	}
	at := -1
	for i, from := 0, 0; i < nth; i++ {
		j := strings.Index(s[from:], old)
		if j < 0 {
			return shorter(e, s) // fewer occurrences: nothing replaced
		}
		at, from = from+j, from+j+len(old)
	}
	if bad := grow(e, len(s)-len(old)+len(repl)); bad != nil {
		return *bad
	}
	return str(s[:at] + repl + s[at+len(old):])
}

// rept is REPT(text, times): times truncated, below 0 #VALUE!; text longer
// than a cell holds is #VALUE! saying so, refused before it is built.
func rept(args []node, e env) value {
	if len(args) != 2 {
		return errv(ErrValue)
	}
	s, bad := eval(args[0], e).scalar().text()
	if bad != nil {
		return *bad
	}
	n, bad := eval(args[1], e).scalar().number()
	if bad != nil {
		return *bad
	}
	times := toInt(n) // within 1e9: times len(s) cannot overflow
	if times < 0 {
		return errv(ErrValue)
	}
	if bad := grow(e, len(s)*times); bad != nil {
		return *bad
	}
	return str(strings.Repeat(s, times))
}

// proper is PROPER(text): a letter is upper case when it follows anything
// but a letter (the start, a space, a digit, an apostrophe: Excel gives
// "Don'T" and "2-Way"), lower case otherwise. Case mappings may change a
// letter's length in bytes, so a long text is measured first.
func proper(e env, s string) value {
	mapped := func(yield func(rune)) {
		prevLetter := false
		for _, r := range s {
			if prevLetter {
				yield(unicode.ToLower(r))
			} else {
				yield(unicode.ToUpper(r))
			}
			prevLetter = unicode.IsLetter(r)
		}
	}
	n := len(s) // a third of the limit cannot pass it, even tripled
	if len(s) > maxText/3 {
		n = 0
		mapped(func(r rune) { n += utf8.RuneLen(r) })
	}
	if bad := grow(e, n); bad != nil {
		return *bad
	}
	var b strings.Builder
	b.Grow(n)
	mapped(func(r rune) { b.WriteRune(r) })
	return str(b.String())
}
