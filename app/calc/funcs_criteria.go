package calc

import (
	"regexp"
	"strconv"
	"strings"
)

// maxCriterion is the longest text a criterion (SUMIF, COUNTIF) or an exact
// lookup value (MATCH, VLOOKUP, XLOOKUP) may have: Excel answers #VALUE!
// past 255 characters, and it keeps a wildcard pattern, whose matching costs
// its length times the text's, small.
const maxCriterion = 255

// criterion is a SUMIF/COUNTIF test: ">5", "<>x", "=3", "ab*", 7.
type criterion struct {
	op  string
	num float64
	isN bool
	re  *regexp.Regexp
	s   string
}

// parseCriterion reads v as a criterion; bad is #VALUE! when it is text
// longer than maxCriterion.
func parseCriterion(v value) (criterion, *value) {
	if v.k == kNum {
		return criterion{op: "=", num: v.n, isN: true}, nil
	}
	s, _ := v.text()
	if len(s) > maxCriterion {
		bad := errNote(ErrValue, "a criterion or lookup value longer than 255 characters")
		return criterion{}, &bad
	}
	c := criterion{op: "="}
	for _, op := range []string{"<>", ">=", "<=", "=", ">", "<"} {
		if strings.HasPrefix(s, op) {
			c.op, s = op, s[len(op):]
			break
		}
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		c.num, c.isN = n, true
		return c, nil
	}
	c.s = strings.ToLower(s)
	if strings.ContainsAny(s, "*?") {
		pattern := regexp.QuoteMeta(c.s)
		pattern = strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace(pattern)
		c.re = regexp.MustCompile("^" + pattern + "$")
	}
	return c, nil
}

// cost is the work of testing text s (see DefaultBudget): reading it, and
// with wildcards about its length times the pattern's, in units of 16
// steps.
func (c criterion) cost(s string) int64 {
	n := int64(len(s) / 64)
	if c.re != nil {
		n += int64(len(s)) * int64(len(c.s)) / 16
	}
	return n
}

func (c criterion) matches(v value) bool {
	if c.isN {
		n, bad := v.number()
		if bad != nil || v.k == kEmpty || v.k == kStr && c.op == "=" && strings.TrimSpace(v.s) == "" {
			return c.op == "<>"
		}
		switch c.op {
		case "=":
			return n == c.num
		case "<>":
			return n != c.num
		case ">":
			return n > c.num
		case "<":
			return n < c.num
		case ">=":
			return n >= c.num
		case "<=":
			return n <= c.num
		}
		return false
	}
	s, _ := v.text()
	s = strings.ToLower(s)
	eq := s == c.s
	if c.re != nil {
		eq = c.re.MatchString(s)
	}
	cmp := strings.Compare(s, c.s)
	switch c.op {
	case "=":
		return eq
	case "<>":
		return !eq
	case ">":
		return cmp > 0
	case "<":
		return cmp < 0
	case ">=":
		return cmp >= 0
	}
	return cmp <= 0
}

// conditional makes SUMIF, COUNTIF and AVERAGEIF. A criterion that empty
// cells meet ("", "<>x") counts the empty positions of a long range as a
// block rather than one by one.
func conditional(kind string) function {
	return func(args []node, e env) value {
		if len(args) < 2 || len(args) > 3 || kind == "COUNTIF" && len(args) != 2 {
			return errv(ErrValue)
		}
		tested := eval(args[0], e)
		crit, bad := parseCriterion(eval(args[1], e).scalar())
		if bad != nil {
			return *bad
		}
		summed := tested
		if len(args) == 3 {
			summed = eval(args[2], e)
		}
		sum, n := 0.0, 0
		var stop *value
		visit := func(i int, t value) bool {
			if t.k == kStr && !e.spend(crit.cost(t.s)) {
				stop = busyValue()
				return false
			}
			if !crit.matches(t) {
				return true
			}
			if kind == "COUNTIF" {
				n++
				return true
			}
			switch s := summed.index(i); s.k {
			case kNum:
				sum += s.n
				n++
			case kErr:
				bad := s // only an error reaches the heap, not every value read
				stop = &bad
				return false
			}
			return true
		}
		if size := tested.size(); crit.matches(value{}) {
			// Past both spans, tested and summed are empty throughout.
			end := tested.span()
			if kind != "COUNTIF" {
				end = max(end, min(summed.span(), size))
			}
			if !e.spend(int64(end)) {
				return *busyValue()
			}
			for i := range end {
				if !visit(i, tested.index(i)) {
					break
				}
			}
			if kind == "COUNTIF" {
				n += size - end
			}
		} else {
			for i, t := range tested.cells() {
				if !visit(i, t) {
					break
				}
			}
		}
		if stop != nil {
			return *stop
		}
		switch kind {
		case "COUNTIF":
			return num(float64(n))
		case "AVERAGEIF":
			if n == 0 {
				return errv(ErrDiv0)
			}
			return num(sum / float64(n))
		}
		return num(sum)
	}
}

// busyValue is what a function answers when the recalculation's budget is
// spent; the engine gives the formula its note (see Engine.busy).
func busyValue() *value {
	v := errv(ErrBusy)
	return &v
}
