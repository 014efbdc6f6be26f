package calc

import "math"

// The information functions (ISBLANK, ISERROR...) ask what kind of value an
// argument is, so unlike every other function they take an error as an
// answer rather than passing it on. IFNA, CHOOSE and SWITCH, like IF,
// evaluate only the argument they pick.
func init() {
	register(map[string]function{
		"ISBLANK":   is(func(v value) bool { return v.k == kEmpty }),
		"ISNUMBER":  is(func(v value) bool { return v.k == kNum }),
		"ISTEXT":    is(func(v value) bool { return v.k == kStr }),
		"ISLOGICAL": is(func(v value) bool { return v.k == kBool }),
		"ISERROR":   is(func(v value) bool { return v.k == kErr }),
		"ISERR":     is(func(v value) bool { return v.k == kErr && v.s != ErrNA }),
		"ISNA":      is(func(v value) bool { return v.k == kErr && v.s == ErrNA }),
		"ISEVEN":    parity(0),
		"ISODD":     parity(1),
		"NA": func(args []node, _ env) value {
			if len(args) != 0 {
				return errv(ErrValue)
			}
			return errv(ErrNA)
		},
		"IFNA":   ifNA,
		"CHOOSE": choose,
		"SWITCH": switchFunc,
	})
}

// is makes ISBLANK and its kin. A range of more than one cell is #VALUE!
// in a single-cell context (see value.scalar), so ISERROR(A1:A3) is TRUE,
// as in Excel before dynamic arrays. Only an empty cell is blank: "" typed
// or computed is text.
func is(test func(value) bool) function {
	return func(args []node, e env) value {
		if len(args) != 1 {
			return errv(ErrValue)
		}
		return boolean(test(eval(args[0], e).scalar()))
	}
}

// parity makes ISEVEN and ISODD. Excel truncates the number (ISEVEN(2.5) is
// TRUE, ISODD(-1.5) TRUE), reads numeric text, and answers #VALUE! for a
// boolean, which these functions, from the Analysis ToolPak, refuse.
func parity(rem float64) function {
	return func(args []node, e env) value {
		if len(args) != 1 {
			return errv(ErrValue)
		}
		v := eval(args[0], e).scalar()
		if v.k == kBool {
			return errv(ErrValue)
		}
		n, bad := v.number()
		if bad != nil {
			return *bad
		}
		return boolean(math.Abs(math.Mod(math.Trunc(n), 2)) == rem)
	}
}

// ifNA is IFNA(value, value if #N/A): unlike IFERROR, any other error is
// the result.
func ifNA(args []node, e env) value {
	if len(args) != 2 {
		return errv(ErrValue)
	}
	if v := eval(args[0], e).scalar(); v.k != kErr || v.s != ErrNA {
		return v
	}
	return eval(args[1], e).scalar()
}

// choose is CHOOSE(index, choices...). The index is truncated; outside 1 to
// the number of choices it is #VALUE!. The choice is returned as it is, a
// range included, so SUM(CHOOSE(2,A1:A3,B1:B3)) sums B1:B3.
func choose(args []node, e env) value {
	if len(args) < 2 {
		return errv(ErrValue)
	}
	n, bad := eval(args[0], e).scalar().number()
	if bad != nil {
		return *bad
	}
	i := toInt(n)
	if i < 1 || i >= len(args) {
		return errv(ErrValue)
	}
	return eval(args[i], e)
}

// switchFunc is SWITCH(expression, value1, result1, ..., [default]). Values
// are compared as = compares them (text without regard to case, 1 is not
// "1"); no match and no default is #N/A. An error in the expression, or in
// a value reached before a match, is the result.
func switchFunc(args []node, e env) value {
	if len(args) < 3 {
		return errv(ErrValue)
	}
	x := eval(args[0], e).scalar()
	if x.k == kErr {
		return x
	}
	rest := args[1:]
	for len(rest) >= 2 {
		v := eval(rest[0], e).scalar()
		if v.k == kErr {
			return v
		}
		if compare(x, v) == 0 {
			return eval(rest[1], e).scalar()
		}
		rest = rest[2:]
	}
	if len(rest) == 1 {
		return eval(rest[0], e).scalar()
	}
	return errv(ErrNA)
}
