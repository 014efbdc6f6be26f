package calc

import (
	"iter"
	"math"
	"strconv"
	"strings"
)

// Excel's error values.
const (
	ErrDiv0  = "#DIV/0!"
	ErrValue = "#VALUE!"
	ErrRef   = "#REF!"
	ErrName  = "#NAME?"
	ErrNA    = "#N/A"
	ErrNum   = "#NUM!"
	// ErrCycle marks the cells of a circular reference; ErrSyntax a formula
	// that does not parse. Excel refuses both at entry; a dashboard must keep
	// what was typed and say what is wrong.
	ErrCycle  = "#CYCLE!"
	ErrSyntax = "#ERROR!"
	// ErrBusy marks the formulas a recalculation left uncomputed when it
	// reached its work budget or time limit (see Options). Excel shows
	// #BUSY! while a result is still on its way; here it stays until a
	// later recalculation computes the formula.
	ErrBusy = "#BUSY!"
)

type kind uint8

const (
	kEmpty kind = iota
	kNum
	kStr
	kBool
	kErr
	kArea // a rectangle of values, from a range reference
)

// value is what a formula computes: a number, text, a boolean, an error, or
// the cells of a range.
type value struct {
	k    kind
	b    bool
	n    float64
	s    string // text, or the error code
	note string // why an error arose, when its code's usual note would not say
	area *area  // a range's cells, read in place
}

// num is a number result; one that overflowed (±Inf) or means nothing (NaN)
// is #NUM!, as in Excel, and could not be stored or sent as JSON anyway.
func num(n float64) value {
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return errv(ErrNum)
	}
	return value{k: kNum, n: n}
}

// str is a text result. Text longer than a cell holds is #VALUE!; the
// functions that build text check before they allocate (see fits), so this
// is the last guard, for one that does not.
func str(s string) value {
	if len(s) > maxText {
		return errTooLong()
	}
	return value{k: kStr, s: s}
}
func boolean(b bool) value { return value{k: kBool, b: b} }
func errv(code string) value {
	return value{k: kErr, s: code}
}

// errNote is an error value that says why, where code alone would mislead:
// #VALUE! for text too long is not "a value of the wrong type".
func errNote(code, note string) value {
	return value{k: kErr, s: code, note: note}
}

// number coerces v as Excel does for arithmetic: empty is 0, TRUE is 1,
// text that reads as a number is that number, anything else is #VALUE!.
func (v value) number() (float64, *value) {
	switch v.k {
	case kNum:
		return v.n, nil
	case kEmpty:
		return 0, nil
	case kBool:
		if v.b {
			return 1, nil
		}
		return 0, nil
	case kStr:
		if n, err := strconv.ParseFloat(strings.TrimSpace(v.s), 64); err == nil {
			return n, nil
		}
	case kErr:
		e := v // only an error reaches the heap, not every value read
		return 0, &e
	case kArea:
		return v.area.at(0, 0).number()
	}
	e := errv(ErrValue)
	return 0, &e
}

// text coerces v to text as & and text functions do.
func (v value) text() (string, *value) {
	switch v.k {
	case kStr:
		return v.s, nil
	case kNum:
		return strconv.FormatFloat(v.n, 'f', -1, 64), nil
	case kBool:
		if v.b {
			return "TRUE", nil
		}
		return "FALSE", nil
	case kEmpty:
		return "", nil
	case kErr:
		e := v // only an error reaches the heap, not every value read
		return "", &e
	case kArea:
		return v.area.at(0, 0).text()
	}
	e := errv(ErrValue)
	return "", &e
}

// truth coerces v to a boolean for IF, AND, OR and NOT.
func (v value) truth() (bool, *value) {
	switch v.k {
	case kBool:
		return v.b, nil
	case kNum:
		return v.n != 0, nil
	case kEmpty:
		return false, nil
	case kStr:
		switch strings.ToUpper(v.s) {
		case "TRUE":
			return true, nil
		case "FALSE":
			return false, nil
		}
	case kErr:
		e := v // only an error reaches the heap, not every value read
		return false, &e
	}
	e := errv(ErrValue)
	return false, &e
}

// scalar is the value a single-cell context takes from v: a one-cell range
// is its cell.
func (v value) scalar() value {
	if v.k == kArea {
		if v.area.rows == 1 && v.area.cols == 1 {
			return v.area.at(0, 0)
		}
		return errv(ErrValue)
	}
	return v
}

// each calls fn with every value of v that may hold something: a range's
// cells row by row, but only those within its section's grid (see area).
// Every caller skips the empty cells of a range, so it loses nothing.
func (v value) each(fn func(value, bool)) {
	if v.k != kArea {
		fn(v, false)
		return
	}
	for _, c := range v.area.held() {
		fn(c, true)
	}
}

// cells yields the values of v that may hold something with their
// positions, counted row by row from 0 as Excel flattens a range: one
// position for a single value. Every other position of a range is empty.
func (v value) cells() iter.Seq2[int, value] {
	if v.k == kArea {
		return v.area.held()
	}
	return func(yield func(int, value) bool) { yield(0, v) }
}

// size is how many positions v has: a range's cells as written (held or
// not), 1 for a single value.
func (v value) size() int {
	if v.k == kArea {
		return v.area.rows * v.area.cols
	}
	return 1
}

// index is the value at position i (see cells), empty past the end.
func (v value) index(i int) value {
	switch {
	case v.k == kArea:
		return v.area.at(i/v.area.cols, i%v.area.cols)
	case i == 0:
		return v
	}
	return value{}
}
