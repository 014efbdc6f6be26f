package calc

import (
	"math"
	"strconv"
)

// The rounding functions. Excel rounds a number to 15 significant digits
// before it rounds it to a multiple or a number of places, so 1.005*100,
// which binary floating point holds as 100.49999999999999, rounds as 100.5:
// ROUND(1.005,2) is 1.01 and TRUNC(0.29,2) is 0.29 there, and here too
// (see excel15).
func init() {
	register(map[string]function{
		"SIGN": math1(func(x float64) float64 {
			switch {
			case x > 0:
				return 1
			case x < 0:
				return -1
			}
			return 0
		}),
		"TRUNC":        round(math.Trunc),
		"MROUND":       math2(mround),
		"CEILING.MATH": toMultiple(math.Ceil, math.Floor),
		"FLOOR.MATH":   toMultiple(math.Floor, math.Ceil),
	})
}

// excel15 is x to 15 significant digits, the precision Excel computes with
// and shows: the binary noise past it (0.1*3 = 0.30000000000000004) is not
// a digit Excel would round on.
func excel15(x float64) float64 {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	y, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	if err != nil {
		return x
	}
	return y
}

// round makes ROUND, ROUNDUP, ROUNDDOWN and TRUNC: fn rounds x times
// 10^digits to a whole number. Digits are truncated.
func round(fn func(float64) float64) function {
	return func(args []node, e env) value {
		if len(args) < 1 || len(args) > 2 {
			return errv(ErrValue)
		}
		x, bad := eval(args[0], e).scalar().number()
		if bad != nil {
			return *bad
		}
		d := 0.0
		if len(args) == 2 {
			if d, bad = eval(args[1], e).scalar().number(); bad != nil {
				return *bad
			}
		}
		if d = math.Trunc(d); d < 0 {
			p := math.Pow(10, -d)
			return num(excel15(fn(excel15(x/p)) * p))
		}
		p := math.Pow(10, d)
		if y := x * p; math.Abs(y) < 1<<53 {
			return num(fn(excel15(y)) / p)
		}
		// x has no digits at that place: it is its own rounding, unless
		// the scale itself overflows (ROUND(1,400)), which is #NUM!.
		return num(x * p / p)
	}
}

// mround is MROUND(number, multiple): the nearest multiple, halves away
// from zero. A number and a multiple of opposite signs are #NUM!, as in
// Excel; a multiple of 0 gives 0.
func mround(x, m float64) value {
	switch {
	case m == 0 || x == 0:
		return num(0)
	case x > 0 != (m > 0):
		return errv(ErrNum)
	}
	return num(excel15(math.Round(excel15(x/m)) * m))
}

// toMultiple makes CEILING.MATH(number, [significance], [mode]) (up is
// math.Ceil) and FLOOR.MATH (up is math.Floor). The significance's sign is
// ignored and defaults to 1; a negative number is rounded as up rounds
// (toward zero for CEILING.MATH, away from it for FLOOR.MATH) unless mode
// is given and not 0, when it is rounded the other way, as away rounds.
func toMultiple(up, away func(float64) float64) function {
	return func(args []node, e env) value {
		if len(args) < 1 || len(args) > 3 {
			return errv(ErrValue)
		}
		ns, bad := numbers(args, e, 0, 1, 0)
		if bad != nil {
			return *bad
		}
		x, s, mode := ns[0], math.Abs(ns[1]), ns[2]
		if s == 0 {
			return num(0)
		}
		fn := up
		if x < 0 && mode != 0 {
			fn = away
		}
		return num(excel15(fn(excel15(x/s)) * s))
	}
}
