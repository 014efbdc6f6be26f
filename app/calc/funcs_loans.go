package calc

import "math"

// The parts of a loan's payments, and declining-balance depreciation.

// pmtOf is PMT(r, n, pv, fv, t) as annuity computes it.
func pmtOf(r, n, pv, fv, t float64) float64 {
	if r == 0 {
		return -(pv + fv) / n
	}
	g := math.Pow(1+r, n)
	return -r * (pv*g + fv) / ((1 + r*t) * (g - 1))
}

// fvOf is FV(r, n, pmt, pv, t).
func fvOf(r, n, pmt, pv, t float64) float64 {
	if r == 0 {
		return -(pv + pmt*n)
	}
	g := math.Pow(1+r, n)
	return -(pv*g + pmt*(1+r*t)*(g-1)/r)
}

// interestPart is IPMT for period per: the interest on the balance the
// payments before it left. Paid at the start of a period (t = 1), the
// first payment carries no interest.
func interestPart(r, per, n, pv, fv, t float64) float64 {
	pmt := pmtOf(r, n, pv, fv, t)
	if t == 1 && per == 1 {
		return 0
	}
	i := fvOf(r, per-1, pmt, pv, t) * r
	if t == 1 {
		i /= 1 + r
	}
	return i
}

func typeOf(x float64) float64 {
	if x != 0 {
		return 1
	}
	return 0
}

// paymentPart makes IPMT (interest) and PPMT (principal) of
// (rate, per, nper, pv, [fv], [type]). A period outside 1 to nper is #NUM!.
func paymentPart(principal bool) function {
	return func(args []node, e env) value {
		if len(args) < 4 || len(args) > 6 {
			return errv(ErrValue)
		}
		ns, bad := numbers(args, e, 0, 0, 0, 0, 0, 0)
		if bad != nil {
			return *bad
		}
		r, per, n, pv, fv, t := ns[0], ns[1], ns[2], ns[3], ns[4], typeOf(ns[5])
		if per < 1 || per >= n+1 || n == 0 {
			return errv(ErrNum)
		}
		i := interestPart(r, per, n, pv, fv, t)
		if principal {
			return num(pmtOf(r, n, pv, fv, t) - i)
		}
		return num(i)
	}
}

// maxPeriods bounds CUMIPMT's and DB's loops over periods: no loan or
// asset runs a million periods, and the loops stay cheap.
const maxPeriods = 1e6

// cumipmt is CUMIPMT(rate, nper, pv, start, end, type): the interest paid
// from period start to end. Excel asks for a positive rate, nper and pv,
// 1 ≤ start ≤ end ≤ nper and a type of 0 or 1: anything else is #NUM!.
func cumipmt(args []node, e env) value {
	if len(args) != 6 {
		return errv(ErrValue)
	}
	ns, bad := numbers(args, e, 0, 0, 0, 0, 0, 0)
	if bad != nil {
		return *bad
	}
	r, n, pv, t := ns[0], ns[1], ns[2], ns[5]
	start, end := math.Trunc(ns[3]), math.Trunc(ns[4])
	if r <= 0 || n <= 0 || pv <= 0 || start < 1 || end < start || end > n || t != 0 && t != 1 || end > maxPeriods {
		return errv(ErrNum)
	}
	if !e.spend(int64(end-start) / 64) {
		return *busyValue()
	}
	total := 0.0
	for per := start; per <= end; per++ {
		total += interestPart(r, per, n, pv, 0, t)
	}
	return num(total)
}

// nper is NPER(rate, pmt, pv, [fv], [type]): the periods a loan or a
// saving takes. A target no number of periods reaches is #NUM!.
func nper(args []node, e env) value {
	if len(args) < 3 || len(args) > 5 {
		return errv(ErrValue)
	}
	ns, bad := numbers(args, e, 0, 0, 0, 0, 0)
	if bad != nil {
		return *bad
	}
	r, pmt, pv, fv, t := ns[0], ns[1], ns[2], ns[3], typeOf(ns[4])
	if r == 0 {
		if pmt == 0 {
			return errv(ErrNum)
		}
		return num(-(pv + fv) / pmt)
	}
	a := pmt * (1 + r*t)
	x := (a - fv*r) / (a + pv*r)
	if x <= 0 || r <= -1 {
		return errv(ErrNum)
	}
	return num(math.Log(x) / math.Log(1+r))
}

// db is DB(cost, salvage, life, period, [month]): fixed-declining-balance
// depreciation at a rate rounded to three decimals, as Excel's; the first
// year counts its months in service, and a first year short of twelve
// months leaves a last, partial period life+1.
func db(args []node, e env) value {
	if len(args) < 4 || len(args) > 5 {
		return errv(ErrValue)
	}
	ns, bad := numbers(args, e, 0, 0, 0, 0, 12)
	if bad != nil {
		return *bad
	}
	cost, salvage, life, period, month := ns[0], ns[1], ns[2], math.Trunc(ns[3]), math.Trunc(ns[4])
	last := life
	if month < 12 {
		last = life + 1
	}
	if cost < 0 || salvage < 0 || life <= 0 || period < 1 || period > last || month < 1 || month > 12 || period > maxPeriods {
		return errv(ErrNum)
	}
	if cost == 0 {
		return num(0)
	}
	rate := math.Round((1-math.Pow(salvage/cost, 1/life))*1000) / 1000
	total := cost * rate * month / 12
	dep := total
	for p := 2.0; p <= period; p++ {
		dep = (cost - total) * rate
		if p == life+1 {
			dep *= (12 - month) / 12
		}
		total += dep
	}
	return num(dep)
}
