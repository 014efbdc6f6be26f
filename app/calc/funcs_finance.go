package calc

import (
	"math"
)

func npv(args []node, e env) value {
	if len(args) < 2 {
		return errv(ErrValue)
	}
	r, bad := eval(args[0], e).scalar().number()
	if bad != nil {
		return *bad
	}
	total, i := 0.0, 0
	for _, a := range args[1:] {
		for _, v := range eval(a, e).cells() {
			switch v.k {
			case kErr:
				return v
			case kNum:
				i++
				total += v.n / math.Pow(1+r, float64(i))
			}
		}
	}
	return num(total)
}

// irr finds the rate at which the cash flows' NPV is zero (Newton's method,
// from the guess, then from a spread of starts).
func irr(args []node, e env) value {
	if len(args) < 1 || len(args) > 2 {
		return errv(ErrValue)
	}
	var flows []float64
	for _, v := range eval(args[0], e).cells() {
		if v.k == kNum {
			flows = append(flows, v.n)
		}
	}
	pos, neg := false, false
	for _, c := range flows {
		pos, neg = pos || c > 0, neg || c < 0
	}
	if !pos || !neg {
		return errv(ErrNum) // no rate makes flows of one sign sum to zero
	}
	guess := 0.1
	if len(args) == 2 {
		var bad *value
		if guess, bad = eval(args[1], e).scalar().number(); bad != nil {
			return *bad
		}
	}
	f := func(r float64) (float64, float64) {
		v, d := 0.0, 0.0
		for i, c := range flows {
			p := math.Pow(1+r, float64(i))
			v += c / p
			d -= float64(i) * c / (p * (1 + r))
		}
		return v, d
	}
	if r, ok := newton(f, guess); ok {
		return num(r)
	}
	return errv(ErrNum)
}

// newton solves f(r) = 0 with f returning the value and the derivative.
func newton(f func(float64) (float64, float64), guess float64) (float64, bool) {
	for _, start := range []float64{guess, 0, 0.05, 0.2, 0.5, -0.5, 1, 2} {
		r := start
		for range 100 {
			v, d := f(r)
			if math.Abs(v) < 1e-10 {
				return r, true
			}
			if d == 0 || math.IsNaN(d) {
				break
			}
			next := r - v/d
			if next <= -1 {
				next = (r - 1) / 2
			}
			if math.Abs(next-r) < 1e-12 {
				return next, true
			}
			r = next
		}
	}
	return 0, false
}

func annuity(kind string) function {
	return func(args []node, e env) value {
		if len(args) < 3 || len(args) > 5 {
			return errv(ErrValue)
		}
		ns, bad := numbers(args, e, 0, 0, 0, 0, 0)
		if bad != nil {
			return *bad
		}
		r, n, x, y, typ := ns[0], ns[1], ns[2], ns[3], ns[4]
		t := 0.0
		if typ != 0 {
			t = 1
		}
		g := math.Pow(1+r, n)
		switch kind {
		case "PMT": // x = pv, y = fv
			if r == 0 {
				if n == 0 {
					return errv(ErrNum)
				}
				return num(-(x + y) / n)
			}
			return num(-r * (x*g + y) / ((1 + r*t) * (g - 1)))
		case "FV": // x = pmt, y = pv
			if r == 0 {
				return num(-(y + x*n))
			}
			return num(-(y*g + x*(1+r*t)*(g-1)/r))
		default: // PV: x = pmt, y = fv
			if r == 0 {
				return num(-(y + x*n))
			}
			return num(-(y + x*(1+r*t)*(g-1)/r) / g)
		}
	}
}

func rate(args []node, e env) value {
	if len(args) < 3 || len(args) > 6 {
		return errv(ErrValue)
	}
	ns, bad := numbers(args, e, 0, 0, 0, 0, 0, 0.1)
	if bad != nil {
		return *bad
	}
	n, pmt, pv, fv, typ, guess := ns[0], ns[1], ns[2], ns[3], ns[4], ns[5]
	t := 0.0
	if typ != 0 {
		t = 1
	}
	f := func(r float64) (float64, float64) {
		if math.Abs(r) < 1e-12 {
			r = 1e-12
		}
		g := math.Pow(1+r, n)
		v := pv*g + pmt*(1+r*t)*(g-1)/r + fv
		h := 1e-7
		g2 := math.Pow(1+r+h, n)
		v2 := pv*g2 + pmt*(1+(r+h)*t)*(g2-1)/(r+h) + fv
		return v, (v2 - v) / h
	}
	if r, ok := newton(f, guess); ok {
		return num(r)
	}
	return errv(ErrNum)
}
