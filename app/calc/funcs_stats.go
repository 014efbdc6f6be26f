package calc

import (
	"math"
	"slices"
)

// The statistics functions. They read numbers as SUM does (see collect):
// the numbers of a range, not its text, booleans or empty cells, and the
// first error met is the result. The samples they sort or pair are the
// cells a range holds, already charged to the budget as they were read.
func init() {
	register(map[string]function{
		"STDEV.S": aggregate(variance(1, math.Sqrt)),
		"STDEV.P": aggregate(variance(0, math.Sqrt)),
		"VAR.S":   aggregate(variance(1, func(x float64) float64 { return x })),
		"LARGE":   kth(true),
		"SMALL":   kth(false),
		"RANK.EQ": rankEq,
		// PERCENTILE and QUARTILE are the .INC forms under their old names.
		"PERCENTILE":     percentile(false),
		"PERCENTILE.INC": percentile(false),
		"QUARTILE":       percentile(true),
		"QUARTILE.INC":   percentile(true),
		"CORREL":         paired(correl),
		"SLOPE":          paired(func(r regression) value { return num(r.sxy / r.sxx) }),
		"INTERCEPT":      paired(func(r regression) value { return num(r.my - r.sxy/r.sxx*r.mx) }),
	})
}

// variance makes STDEV.S (ddof 1), STDEV.P (0) and VAR.S: the sum of
// squared deviations over n-ddof, passed through fn. Fewer than ddof+1
// numbers is #DIV/0!, as in Excel.
func variance(ddof int, fn func(float64) float64) func([]float64) value {
	return func(xs []float64) value {
		if len(xs) <= ddof || len(xs) == 0 {
			return errv(ErrDiv0)
		}
		mean := 0.0
		for _, x := range xs {
			mean += x
		}
		mean /= float64(len(xs))
		ss := 0.0
		for _, x := range xs {
			ss += (x - mean) * (x - mean)
		}
		return num(fn(ss / float64(len(xs)-ddof)))
	}
}

// numbersAndK reads the two arguments of LARGE, SMALL, PERCENTILE and
// QUARTILE: the numbers of an array, and a number k.
func numbersAndK(args []node, e env) (xs []float64, k float64, bad *value) {
	if len(args) != 2 {
		v := errv(ErrValue)
		return nil, 0, &v
	}
	if xs, bad = collect(args[:1], e); bad != nil {
		return nil, 0, bad
	}
	k, bad = eval(args[1], e).scalar().number()
	return xs, k, bad
}

// kth makes LARGE(array, k) and SMALL(array, k). Excel rounds a fractional
// k up (LARGE(A1:A5,1.2) is the second largest); k outside 1 to the count
// of numbers is #NUM!.
func kth(largest bool) function {
	return func(args []node, e env) value {
		xs, k, bad := numbersAndK(args, e)
		if bad != nil {
			return *bad
		}
		i := math.Ceil(k)
		if i < 1 || i > float64(len(xs)) {
			return errv(ErrNum)
		}
		slices.Sort(xs)
		if largest {
			return num(xs[len(xs)-int(i)])
		}
		return num(xs[int(i)-1])
	}
}

// rankEq is RANK.EQ(number, ref, [order]): 1 plus how many numbers of ref
// are greater (order 0 or omitted) or less (any other order), so ties share
// the best rank. A number ref does not hold is #N/A.
func rankEq(args []node, e env) value {
	if len(args) < 2 || len(args) > 3 {
		return errv(ErrValue)
	}
	x, bad := eval(args[0], e).scalar().number()
	if bad != nil {
		return *bad
	}
	xs, bad := collect(args[1:2], e)
	if bad != nil {
		return *bad
	}
	ns, bad := numbers(args[2:], e, 0)
	if bad != nil {
		return *bad
	}
	rank, found := 1, false
	for _, y := range xs {
		switch {
		case y == x:
			found = true
		case ns[0] == 0 && y > x, ns[0] != 0 && y < x:
			rank++
		}
	}
	if !found {
		return errv(ErrNA)
	}
	return num(float64(rank))
}

// percentile makes PERCENTILE.INC(array, k), k from 0 to 1, and
// QUARTILE.INC(array, quart), quart truncated to 0 to 4 and read as quart/4:
// the value at rank k×(n-1) of the sorted numbers, interpolated between its
// neighbours. A k outside its bounds, or no numbers, is #NUM!.
func percentile(quartile bool) function {
	return func(args []node, e env) value {
		xs, k, bad := numbersAndK(args, e)
		if bad != nil {
			return *bad
		}
		if quartile {
			k = math.Trunc(k) / 4
		}
		if len(xs) == 0 || k < 0 || k > 1 {
			return errv(ErrNum)
		}
		slices.Sort(xs)
		pos := k * float64(len(xs)-1)
		lo := int(pos)
		if lo == len(xs)-1 {
			return num(xs[lo])
		}
		return num(xs[lo] + (pos-float64(lo))*(xs[lo+1]-xs[lo]))
	}
}

// regression holds what CORREL, SLOPE and INTERCEPT need of their pairs:
// the means, and the sums of squared and crossed deviations.
type regression struct {
	mx, my, sxx, syy, sxy float64
}

// paired makes CORREL(array1, array2), SLOPE(known ys, known xs) and
// INTERCEPT(known ys, known xs). Only positions where both hold numbers
// count; ranges of different sizes are #N/A, an error in either the result,
// and no pairs or no spread in the xs (or, for CORREL, the ys) #DIV/0!.
func paired(fn func(regression) value) function {
	return func(args []node, e env) value {
		if len(args) != 2 {
			return errv(ErrValue)
		}
		a, b := eval(args[0], e), eval(args[1], e)
		if a.size() != b.size() {
			return errv(ErrNA)
		}
		var ys, xs []float64
		for i, y := range a.cells() {
			x := b.index(i)
			switch {
			case y.k == kErr:
				return y
			case x.k == kErr:
				return x
			case y.k == kNum && x.k == kNum:
				ys, xs = append(ys, y.n), append(xs, x.n)
			}
		}
		// An error in b where a is empty is still the result.
		for _, x := range b.cells() {
			if x.k == kErr {
				return x
			}
		}
		if len(xs) == 0 {
			return errv(ErrDiv0)
		}
		var r regression
		for i := range xs {
			r.mx += xs[i]
			r.my += ys[i]
		}
		r.mx /= float64(len(xs))
		r.my /= float64(len(ys))
		for i := range xs {
			dx, dy := xs[i]-r.mx, ys[i]-r.my
			r.sxx += dx * dx
			r.syy += dy * dy
			r.sxy += dx * dy
		}
		if r.sxx == 0 {
			return errv(ErrDiv0)
		}
		return fn(r)
	}
}

// correl is Pearson's r; ys without spread, like xs without, are #DIV/0!.
func correl(r regression) value {
	if r.syy == 0 {
		return errv(ErrDiv0)
	}
	return num(r.sxy / math.Sqrt(r.sxx*r.syy))
}
