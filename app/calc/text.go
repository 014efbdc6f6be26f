package calc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"thesisboard/app/model"
)

// maxText is the longest text a formula may build, in bytes: what a cell
// holds (model.MaxTextLen, Excel's 32,767 characters). Without it, =A1&A1
// chained a few dozen times from a full cell asks for terabytes.
const maxText = model.MaxTextLen

func errTooLong() value {
	return errNote(ErrValue, "the text would be longer than 32,767 bytes, the most a cell holds")
}

// textUnit is how many bytes of text built cost a unit of work (see
// DefaultBudget). Text is priced for the memory it may hold more than for
// the time copying it takes: the default budget builds at most some 160 MB
// of it.
const textUnit = 16

// grow checks, before anything is allocated, that text of n bytes may be
// built, and charges the recalculation for it: nil when it may, or the
// error to answer (#VALUE! too long, #BUSY! past the budget).
func grow(e env, n int) *value {
	if n > maxText {
		v := errTooLong()
		return &v
	}
	if !e.spend(int64(n / textUnit)) {
		return busyValue()
	}
	return nil
}

// mapText is strings.Map(fn, s) for case mappings, which may lengthen text
// (ɐ, two bytes, is Ɐ in upper case, three): the result's length is counted
// before it is built whenever it could pass the limit.
func mapText(e env, s string, mapped func(string) string, fn func(rune) rune) value {
	n := len(s) // a third of the limit cannot pass it, even tripled
	if len(s) > maxText/3 {
		n = 0
		for _, r := range s {
			n += utf8.RuneLen(fn(r))
		}
	}
	if bad := grow(e, n); bad != nil {
		return *bad
	}
	return str(mapped(s))
}

// shorter is text cut from other text (LEFT, MID, TRIM...), never longer
// than it, charged for what it holds.
func shorter(e env, s string) value {
	if bad := grow(e, len(s)); bad != nil {
		return *bad
	}
	return str(s)
}

func upper(e env, s string) value { return mapText(e, s, strings.ToUpper, unicode.ToUpper) }
func lower(e env, s string) value { return mapText(e, s, strings.ToLower, unicode.ToLower) }

// joiner builds text from parts, refusing before it grows past maxText.
type joiner struct {
	e   env
	b   strings.Builder
	bad *value
}

// add appends s; false (with j.bad set) once the text would be too long.
func (j *joiner) add(s string) bool {
	if j.bad != nil {
		return false
	}
	if j.b.Len()+len(s) > maxText {
		v := errTooLong()
		j.bad = &v
		return false
	}
	j.b.WriteString(s)
	return true
}

// value is the text built, or the error that stopped it.
func (j *joiner) value() value {
	if j.bad != nil {
		return *j.bad
	}
	if bad := grow(j.e, j.b.Len()); bad != nil {
		return *bad
	}
	return str(j.b.String())
}
