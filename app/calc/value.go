package calc

import (
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
	n    float64
	s    string // text, or the error code
	b    bool
	area [][]value
}

func num(n float64) value {
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return errv(ErrNum)
	}
	return value{k: kNum, n: n}
}
func str(s string) value   { return value{k: kStr, s: s} }
func boolean(b bool) value { return value{k: kBool, b: b} }
func errv(code string) value {
	return value{k: kErr, s: code}
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
		if len(v.area) > 0 && len(v.area[0]) > 0 {
			return v.area[0][0].number()
		}
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
		return "", &v
	case kArea:
		if len(v.area) > 0 && len(v.area[0]) > 0 {
			return v.area[0][0].text()
		}
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
		return false, &v
	}
	e := errv(ErrValue)
	return false, &e
}

// scalar is the value a single-cell context takes from v: a one-cell range
// is its cell.
func (v value) scalar() value {
	if v.k == kArea {
		if len(v.area) == 1 && len(v.area[0]) == 1 {
			return v.area[0][0]
		}
		return errv(ErrValue)
	}
	return v
}

// each calls fn with every value of v, a range's cells row by row.
func (v value) each(fn func(value, bool)) {
	if v.k != kArea {
		fn(v, false)
		return
	}
	for _, row := range v.area {
		for _, c := range row {
			fn(c, true)
		}
	}
}
