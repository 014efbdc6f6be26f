package calc

import (
	"math"
)

// Finance beyond the annuity basics: dated cash flows (XNPV, XIRR), the
// parts of a loan's payments (NPER, IPMT, PPMT, CUMIPMT), rate
// conversions (EFFECT, NOMINAL) and depreciation (SLN, DB).
func init() {
	register(map[string]function{
		"XNPV":    xnpv,
		"XIRR":    xirr,
		"NPER":    nper,
		"IPMT":    paymentPart(false),
		"PPMT":    paymentPart(true),
		"CUMIPMT": cumipmt,
		"EFFECT": math2(func(rate, n float64) value {
			n = math.Trunc(n)
			if rate <= 0 || n < 1 {
				return errv(ErrNum)
			}
			return num(math.Pow(1+rate/n, n) - 1)
		}),
		"NOMINAL": math2(func(rate, n float64) value {
			n = math.Trunc(n)
			if rate <= 0 || n < 1 {
				return errv(ErrNum)
			}
			return num(n * (math.Pow(1+rate, 1/n) - 1))
		}),
		"SLN": math3(func(cost, salvage, life float64) value {
			if life == 0 {
				return errv(ErrDiv0)
			}
			return num((cost - salvage) / life)
		}),
		"DB": db,
	})
}

// datedFlows reads XNPV's and XIRR's values and dates: as many of each,
// all numbers, no date before the first. Errors are #NUM! for lists of
// different lengths or an earlier date, #VALUE! for a value or date that
// is not a number.
func datedFlows(vals, dates value) (flows, years []float64, bad *value) {
	fail := func(code string) ([]float64, []float64, *value) { v := errv(code); return nil, nil, &v }
	if vals.size() != dates.size() {
		return fail(ErrNum)
	}
	for i := range vals.span() {
		v, d := vals.index(i), dates.index(i)
		if v.k == kErr {
			return nil, nil, &v
		}
		if d.k == kErr {
			return nil, nil, &d
		}
		if v.k != kNum {
			return fail(ErrValue)
		}
		day, dbad := dateNumber(d)
		if dbad != nil || d.k == kEmpty {
			return fail(ErrValue)
		}
		flows, years = append(flows, v.n), append(years, day)
	}
	if len(flows) == 0 || vals.span() != vals.size() {
		return fail(ErrNum)
	}
	first := years[0]
	for i := range years {
		if years[i] < first {
			return fail(ErrNum)
		}
		years[i] = (years[i] - first) / 365
	}
	return flows, years, nil
}

// xnpvAt is the value of the flows at rate r and its derivative in r.
func xnpvAt(r float64, flows, years []float64) (float64, float64) {
	v, d := 0.0, 0.0
	for i, c := range flows {
		p := math.Pow(1+r, years[i])
		v += c / p
		d -= years[i] * c / (p * (1 + r))
	}
	return v, d
}

func xnpv(args []node, e env) value {
	if len(args) != 3 {
		return errv(ErrValue)
	}
	r, bad := eval(args[0], e).scalar().number()
	if bad != nil {
		return *bad
	}
	flows, years, bad := datedFlows(eval(args[1], e), eval(args[2], e))
	if bad != nil {
		return *bad
	}
	if r <= -1 {
		return errv(ErrNum)
	}
	v, _ := xnpvAt(r, flows, years)
	return num(v)
}

// xirr is the rate at which XNPV is 0: Newton's method from the guess,
// then, when that does not converge, bisection over a bracket found by
// stepping out from it. Both are bounded; no root found is #NUM!.
func xirr(args []node, e env) value {
	if len(args) < 2 || len(args) > 3 {
		return errv(ErrValue)
	}
	flows, years, bad := datedFlows(eval(args[0], e), eval(args[1], e))
	if bad != nil {
		return *bad
	}
	ns, bad := numbers(args[2:], e, 0.1)
	if bad != nil {
		return *bad
	}
	pos, neg := false, false
	for _, c := range flows {
		pos, neg = pos || c > 0, neg || c < 0
	}
	if !pos || !neg || ns[0] <= -1 {
		return errv(ErrNum)
	}
	f := func(r float64) (float64, float64) { return xnpvAt(r, flows, years) }
	if r, ok := newtonFrom(f, ns[0]); ok {
		return num(r)
	}
	if r, ok := bisect(func(r float64) float64 { v, _ := f(r); return v }, ns[0]); ok {
		return num(r)
	}
	return errv(ErrNum)
}

// newtonFrom is Newton's method from one start, at most 100 steps, kept
// above a rate of -100%.
func newtonFrom(f func(float64) (float64, float64), r float64) (float64, bool) {
	for range 100 {
		v, d := f(r)
		if d == 0 || math.IsNaN(v) || math.IsInf(v, 0) || math.IsNaN(d) {
			return 0, false
		}
		next := r - v/d
		if next <= -1 {
			next = (r - 1) / 2
		}
		if math.Abs(next-r) <= 1e-12*math.Max(1, math.Abs(r)) {
			return next, true
		}
		r = next
	}
	return 0, false
}

// bisect finds a sign change of f stepping out from guess (towards -1 by
// halving the distance, upwards by doubling), then halves the bracket.
func bisect(f func(float64) float64, guess float64) (float64, bool) {
	lo, hi := guess, guess
	flo, fhi := f(lo), f(hi)
	for range 200 {
		if flo*fhi < 0 {
			break
		}
		lo = (lo - 1) / 2 // halfway to -100%
		hi = hi*2 + 1
		flo, fhi = f(lo), f(hi)
		if math.IsNaN(fhi) || math.IsInf(fhi, 0) {
			hi, fhi = guess, f(guess)
		}
	}
	if flo*fhi >= 0 {
		return 0, false
	}
	for range 300 {
		mid := (lo + hi) / 2
		fm := f(mid)
		if fm == 0 || hi-lo <= 1e-15*math.Max(1, math.Abs(mid)) {
			return mid, true
		}
		if fm*flo < 0 {
			hi = mid
		} else {
			lo, flo = mid, fm
		}
	}
	return (lo + hi) / 2, true
}
