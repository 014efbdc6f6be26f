package calc

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// function is a worksheet function: it gets its arguments unevaluated, so
// IF and IFERROR evaluate only what they need.
type function func(args []node, e env) value

var functions map[string]function

func init() {
	functions = map[string]function{
		"SUM": aggregate(func(xs []float64) value {
			s := 0.0
			for _, x := range xs {
				s += x
			}
			return num(s)
		}),
		"PRODUCT": aggregate(func(xs []float64) value {
			p := 1.0
			for _, x := range xs {
				p *= x
			}
			return num(p)
		}),
		"AVERAGE": aggregate(func(xs []float64) value {
			if len(xs) == 0 {
				return errv(ErrDiv0)
			}
			s := 0.0
			for _, x := range xs {
				s += x
			}
			return num(s / float64(len(xs)))
		}),
		"MIN": aggregate(func(xs []float64) value {
			if len(xs) == 0 {
				return num(0)
			}
			return num(slices.Min(xs))
		}),
		"MAX": aggregate(func(xs []float64) value {
			if len(xs) == 0 {
				return num(0)
			}
			return num(slices.Max(xs))
		}),
		"MEDIAN": aggregate(func(xs []float64) value {
			if len(xs) == 0 {
				return errv(ErrNum)
			}
			s := slices.Clone(xs)
			slices.Sort(s)
			if len(s)%2 == 1 {
				return num(s[len(s)/2])
			}
			return num((s[len(s)/2-1] + s[len(s)/2]) / 2)
		}),
		"COUNT":     count,
		"COUNTA":    countA,
		"ROUND":     round(math.Round),
		"ROUNDUP":   round(func(x float64) float64 { return math.Copysign(math.Ceil(math.Abs(x)), x) }),
		"ROUNDDOWN": round(math.Trunc),
		"ABS":       math1(math.Abs),
		"SQRT":      math1(func(x float64) float64 { return ifNum(x >= 0, math.Sqrt(x)) }),
		"EXP":       math1(math.Exp),
		"LN":        math1(func(x float64) float64 { return ifNum(x > 0, math.Log(x)) }),
		"LOG10":     math1(func(x float64) float64 { return ifNum(x > 0, math.Log10(x)) }),
		"INT":       math1(math.Floor),
		"POWER":     math2(func(a, b float64) value { return num(math.Pow(a, b)) }),
		"MOD": math2(func(a, b float64) value {
			if b == 0 {
				return errv(ErrDiv0)
			}
			return num(a - b*math.Floor(a/b))
		}),
		"IF":      ifFunc,
		"IFERROR": ifError,
		"AND":     logical(true),
		"OR":      logical(false),
		"NOT": func(args []node, e env) value {
			if len(args) != 1 {
				return errv(ErrValue)
			}
			b, bad := eval(args[0], e).scalar().truth()
			if bad != nil {
				return *bad
			}
			return boolean(!b)
		},
		"CONCAT":      concat,
		"CONCATENATE": concat,
		"LEN":         text1(func(_ env, s string) value { return num(float64(utf8.RuneCountInString(s))) }),
		"UPPER":       text1(upper),
		"LOWER":       text1(lower),
		"TRIM":        text1(func(e env, s string) value { return shorter(e, strings.Join(strings.Fields(s), " ")) }),
		"LEFT":        cut(func(r []rune, n int) string { return string(r[:min(n, len(r))]) }),
		"RIGHT":       cut(func(r []rune, n int) string { return string(r[len(r)-min(n, len(r)):]) }),
		"MID":         mid,
		// A range cell ("$1.2–$1.4B") is its midpoint in arithmetic; these
		// reach its ends and its midpoint by name.
		"RANGE.LOW":  rangeEnd(func(lo, hi float64) float64 { return lo }),
		"RANGE.HIGH": rangeEnd(func(lo, hi float64) float64 { return hi }),
		"RANGE.MID":  rangeEnd(func(lo, hi float64) float64 { return (lo + hi) / 2 }),
	}
}

func ifNum(ok bool, x float64) float64 {
	if !ok {
		return math.NaN() // num() turns it into #NUM!
	}
	return x
}

// call runs a function; an unknown name is #NAME?, as in Excel.
func call(n callNode, e env) value {
	f, ok := functions[n.name]
	if !ok {
		return errv(ErrName)
	}
	return f(n.args, e)
}

// aggregate makes SUM-like functions: numbers typed as arguments count, text
// and booleans in references (a range or one cell) are skipped, an error
// anywhere is the result: in Excel SUM("3",TRUE) is 4 but SUM(A1) of a
// cell holding text "3" is 0.
func aggregate(fn func([]float64) value) function {
	return func(args []node, e env) value {
		xs, bad := collect(args, e)
		if bad != nil {
			return *bad
		}
		return fn(xs)
	}
}

// collect gathers the numbers of args as aggregate counts them, or the
// first error met.
func collect(args []node, e env) ([]float64, *value) {
	var xs []float64
	var bad *value
	for _, a := range args {
		_, isRef := a.(refNode)
		eval(a, e).each(func(v value, inArea bool) {
			inArea = inArea || isRef // Excel skips text in A1 as in A1:A9
			if bad != nil {
				return
			}
			switch {
			case v.k == kErr:
				e := v // only an error reaches the heap, not every value read
				bad = &e
			case v.k == kNum:
				xs = append(xs, v.n)
			case !inArea && (v.k == kBool || v.k == kStr):
				n, b := v.number()
				if b != nil {
					bad = b
					return
				}
				xs = append(xs, n)
			}
		})
	}
	return xs, bad
}

// count counts numbers; unlike SUM it skips error values rather than
// returning them, as Excel's COUNT does.
func count(args []node, e env) value {
	n := 0
	for _, a := range args {
		_, isRef := a.(refNode)
		eval(a, e).each(func(v value, inArea bool) {
			inArea = inArea || isRef
			switch {
			case v.k == kNum:
				n++
			case !inArea && (v.k == kBool || v.k == kStr):
				if _, bad := v.number(); bad == nil {
					n++
				}
			}
		})
	}
	return num(float64(n))
}

func countA(args []node, e env) value {
	n := 0
	for _, a := range args {
		eval(a, e).each(func(v value, _ bool) {
			if v.k != kEmpty {
				n++
			}
		})
	}
	return num(float64(n))
}

func math1(fn func(float64) float64) function {
	return func(args []node, e env) value {
		if len(args) != 1 {
			return errv(ErrValue)
		}
		x, bad := eval(args[0], e).scalar().number()
		if bad != nil {
			return *bad
		}
		return num(fn(x))
	}
}

func math2(fn func(a, b float64) value) function {
	return func(args []node, e env) value {
		if len(args) != 2 {
			return errv(ErrValue)
		}
		a, bad := eval(args[0], e).scalar().number()
		if bad != nil {
			return *bad
		}
		b, bad := eval(args[1], e).scalar().number()
		if bad != nil {
			return *bad
		}
		return fn(a, b)
	}
}

func ifFunc(args []node, e env) value {
	if len(args) < 2 || len(args) > 3 {
		return errv(ErrValue)
	}
	c, bad := eval(args[0], e).scalar().truth()
	if bad != nil {
		return *bad
	}
	if c {
		return eval(args[1], e).scalar()
	}
	if len(args) == 3 {
		return eval(args[2], e).scalar()
	}
	return boolean(false)
}

func ifError(args []node, e env) value {
	if len(args) != 2 {
		return errv(ErrValue)
	}
	if v := eval(args[0], e).scalar(); v.k != kErr {
		return v
	}
	return eval(args[1], e).scalar()
}

func logical(all bool) function {
	return func(args []node, e env) value {
		if len(args) == 0 {
			return errv(ErrValue)
		}
		result := all
		var bad *value
		for _, a := range args {
			eval(a, e).each(func(v value, inArea bool) {
				if bad != nil || inArea && (v.k == kStr || v.k == kEmpty) {
					return
				}
				b, err := v.truth()
				if err != nil {
					bad = err
					return
				}
				if all {
					result = result && b
				} else {
					result = result || b
				}
			})
		}
		if bad != nil {
			return *bad
		}
		return boolean(result)
	}
}

func rangeEnd(pick func(lo, hi float64) float64) function {
	return func(args []node, e env) value {
		if len(args) != 1 {
			return errv(ErrValue)
		}
		ref, ok := args[0].(refNode)
		if !ok || ref.area {
			return errv(ErrValue)
		}
		lo, hi, ok := e.bounds(ref.sheet, ref.r1, ref.c1)
		if !ok {
			return errv(ErrValue)
		}
		return num(pick(lo, hi))
	}
}
