package calc

import "math"

// SUMIFS, COUNTIFS, AVERAGEIFS, MAXIFS and MINIFS: a position counts when
// every criterion range meets its criterion there (criteria are read and
// tested as SUMIF's, see criterion). All ranges must have one shape, or the
// result is #VALUE!, as in Excel.
func init() {
	register(map[string]function{
		"SUMIFS":     conditionals(ifsSum),
		"COUNTIFS":   conditionals(ifsCount),
		"AVERAGEIFS": conditionals(ifsAverage),
		"MAXIFS":     conditionals(ifsMax),
		"MINIFS":     conditionals(ifsMin),
	})
}

// ifsKind is what conditionals computes over the matching positions.
type ifsKind uint8

const (
	ifsSum ifsKind = iota
	ifsCount
	ifsAverage
	ifsMax
	ifsMin
)

// ifsResult gathers the numbers of the positions that match.
type ifsResult struct {
	sum, max, min float64
	n             int // numbers met, or positions for COUNTIFS
}

func (r *ifsResult) add(x float64) {
	if r.n == 0 {
		r.max, r.min = x, x
	}
	r.sum += x
	r.max, r.min = math.Max(r.max, x), math.Min(r.min, x)
	r.n++
}

// answer is the result of kind: AVERAGEIFS of nothing is #DIV/0!, MAXIFS
// and MINIFS of nothing 0.
func (r *ifsResult) answer(kind ifsKind) value {
	switch kind {
	case ifsCount:
		return num(float64(r.n))
	case ifsAverage:
		if r.n == 0 {
			return errv(ErrDiv0)
		}
		return num(r.sum / float64(r.n))
	case ifsMax:
		return num(r.max) // 0 when nothing matched
	case ifsMin:
		return num(r.min)
	}
	return num(r.sum)
}

// conditionals makes the *IFS functions: COUNTIFS(range1, criterion1, ...)
// and the others (values, range1, criterion1, ...). Only numbers of the
// values range count; an error there at a matching position is the result.
//
// The positions visited are the held cells (see area) of a criterion range
// whose criterion empty cells fail, tested against the others by position;
// when every criterion accepts empty cells, the positions up to the last
// any range holds, and COUNTIFS counts those past it as a block.
func conditionals(kind ifsKind) function {
	return func(args []node, e env) value {
		pairs := args
		var values value
		if kind != ifsCount {
			if len(args) == 0 {
				return errv(ErrValue)
			}
			values, pairs = eval(args[0], e), args[1:]
		}
		if len(pairs) < 2 || len(pairs)%2 != 0 {
			return errv(ErrValue)
		}
		ranges := make([]value, len(pairs)/2)
		crits := make([]criterion, len(pairs)/2)
		for j := range ranges {
			ranges[j] = eval(pairs[2*j], e)
			var bad *value
			if crits[j], bad = parseCriterion(eval(pairs[2*j+1], e).scalar()); bad != nil {
				return *bad
			}
			if !sameShape(ranges[j], ranges[0]) || kind != ifsCount && !sameShape(values, ranges[0]) {
				return errv(ErrValue)
			}
		}
		var r ifsResult
		var stop *value
		// visit tests position i, whose value in the driving range is
		// known to meet its criterion when skip is that range.
		visit := func(i, skip int) bool {
			for j, rg := range ranges {
				if j == skip {
					continue
				}
				t := rg.index(i)
				if t.k == kStr && !e.spend(crits[j].cost(t.s)) {
					stop = busyValue()
					return false
				}
				if !crits[j].matches(t) {
					return true
				}
			}
			if kind == ifsCount {
				r.n++
				return true
			}
			switch v := values.index(i); v.k {
			case kNum:
				r.add(v.n)
			case kErr:
				stop = &v
				return false
			}
			return true
		}
		driver := -1
		for j, c := range crits {
			if !c.matches(value{}) {
				driver = j
				break
			}
		}
		if driver >= 0 {
			c := crits[driver]
			for i, t := range ranges[driver].cells() {
				if t.k == kStr && !e.spend(c.cost(t.s)) {
					return *busyValue()
				}
				if c.matches(t) && !visit(i, driver) {
					break
				}
			}
		} else {
			// Past every span, each range is empty, so every criterion
			// holds and no value is there to add.
			end := 0
			for _, rg := range ranges {
				end = max(end, rg.span())
			}
			if kind != ifsCount {
				end = max(end, values.span())
			}
			end = min(end, ranges[0].size())
			if !e.spend(int64(end)) {
				return *busyValue()
			}
			for i := range end {
				if !visit(i, -1) {
					break
				}
			}
			if kind == ifsCount {
				r.n += ranges[0].size() - end
			}
		}
		if stop != nil {
			return *stop
		}
		return r.answer(kind)
	}
}

// sameShape reports whether a and b have as many rows and columns; a
// single value is one cell.
func sameShape(a, b value) bool {
	shape := func(v value) (int, int) {
		if v.k == kArea {
			return v.area.rows, v.area.cols
		}
		return 1, 1
	}
	ar, ac := shape(a)
	br, bc := shape(b)
	return ar == br && ac == bc
}
