package calc

import (
	"regexp"
	"strconv"
	"strings"
)

// area flattens a value to a list, row by row.
func flat(v value) []value {
	var out []value
	v.each(func(x value, _ bool) { out = append(out, x) })
	return out
}

// criterion is a SUMIF/COUNTIF test: ">5", "<>x", "=3", "ab*", 7.
type criterion struct {
	op  string
	num float64
	isN bool
	re  *regexp.Regexp
	s   string
}

func parseCriterion(v value) criterion {
	if v.k == kNum {
		return criterion{op: "=", num: v.n, isN: true}
	}
	s, _ := v.text()
	c := criterion{op: "="}
	for _, op := range []string{"<>", ">=", "<=", "=", ">", "<"} {
		if strings.HasPrefix(s, op) {
			c.op, s = op, s[len(op):]
			break
		}
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		c.num, c.isN = n, true
		return c
	}
	c.s = strings.ToLower(s)
	if strings.ContainsAny(s, "*?") {
		pattern := regexp.QuoteMeta(c.s)
		pattern = strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace(pattern)
		c.re = regexp.MustCompile("^" + pattern + "$")
	}
	return c
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
	switch c.op {
	case "=":
		return eq
	case "<>":
		return !eq
	}
	cmp := strings.Compare(s, c.s)
	return map[string]bool{">": cmp > 0, "<": cmp < 0, ">=": cmp >= 0, "<=": cmp <= 0}[c.op]
}

func conditional(kind string) function {
	return func(args []node, e env) value {
		if len(args) < 2 || len(args) > 3 || kind == "COUNTIF" && len(args) != 2 {
			return errv(ErrValue)
		}
		tested := flat(eval(args[0], e))
		crit := parseCriterion(eval(args[1], e).scalar())
		summed := tested
		if len(args) == 3 {
			summed = flat(eval(args[2], e))
		}
		sum, n := 0.0, 0
		for i, v := range tested {
			if !crit.matches(v) {
				continue
			}
			if kind == "COUNTIF" {
				n++
				continue
			}
			if i < len(summed) && summed[i].k == kNum {
				sum += summed[i].n
				n++
			} else if i < len(summed) && summed[i].k == kErr {
				return summed[i]
			}
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

func sumProduct(args []node, e env) value {
	if len(args) == 0 {
		return errv(ErrValue)
	}
	var lists [][]value
	for _, a := range args {
		l := flat(eval(a, e))
		if len(lists) > 0 && len(l) != len(lists[0]) {
			return errv(ErrValue)
		}
		lists = append(lists, l)
	}
	total := 0.0
	for i := range lists[0] {
		p := 1.0
		for _, l := range lists {
			switch l[i].k {
			case kErr:
				return l[i]
			case kNum:
				p *= l[i].n
			default:
				p = 0
			}
		}
		total += p
	}
	return num(total)
}

func ifs(args []node, e env) value {
	if len(args) < 2 || len(args)%2 != 0 {
		return errv(ErrValue)
	}
	for i := 0; i < len(args); i += 2 {
		c, bad := eval(args[i], e).scalar().truth()
		if bad != nil {
			return *bad
		}
		if c {
			return eval(args[i+1], e).scalar()
		}
	}
	return errv(ErrNA)
}

func textJoin(args []node, e env) value {
	if len(args) < 3 {
		return errv(ErrValue)
	}
	sep, bad := eval(args[0], e).scalar().text()
	if bad != nil {
		return *bad
	}
	skipEmpty, bad := eval(args[1], e).scalar().truth()
	if bad != nil {
		return *bad
	}
	var parts []string
	for _, a := range args[2:] {
		for _, v := range flat(eval(a, e)) {
			s, bad := v.text()
			if bad != nil {
				return *bad
			}
			if s == "" && skipEmpty {
				continue
			}
			parts = append(parts, s)
		}
	}
	out := strings.Join(parts, sep)
	if len(out) > 32767 {
		return errv(ErrValue)
	}
	return str(out)
}

func index(args []node, e env) value {
	if len(args) < 2 || len(args) > 3 {
		return errv(ErrValue)
	}
	a := eval(args[0], e)
	if a.k != kArea {
		a = value{k: kArea, area: [][]value{{a}}}
	}
	ns, bad := numbers(args[1:], e, 0, 0)
	if bad != nil {
		return *bad
	}
	r, c := int(ns[0]), int(ns[1])
	if len(a.area) == 1 && len(args) == 2 { // a single row: the number picks a column
		r, c = 1, r
	}
	if c == 0 {
		c = 1
	}
	if r < 1 || r > len(a.area) || c < 1 || c > len(a.area[r-1]) {
		return errv(ErrRef)
	}
	return a.area[r-1][c-1]
}

// find returns the 1-based position of want in list: exactly (mode 0, with
// wildcards in text), the largest not above it (1) or the smallest not below
// it (-1), the last two on sorted lists as Excel requires.
func find(want value, list []value, mode int) int {
	if mode == 0 {
		crit := parseCriterion(want)
		crit.op = "="
		for i, v := range list {
			if v.k != kEmpty && crit.matches(v) {
				return i + 1
			}
		}
		return 0
	}
	pos := 0
	for i, v := range list {
		if v.k == kEmpty || v.k == kErr {
			continue
		}
		c := compare(v, want)
		if mode > 0 && c <= 0 || mode < 0 && c >= 0 {
			pos = i + 1
		} else {
			break
		}
	}
	return pos
}

func matchFunc(args []node, e env) value {
	if len(args) < 2 || len(args) > 3 {
		return errv(ErrValue)
	}
	want := eval(args[0], e).scalar()
	list := flat(eval(args[1], e))
	mode := 1.0
	if len(args) == 3 {
		var bad *value
		if mode, bad = eval(args[2], e).scalar().number(); bad != nil {
			return *bad
		}
	}
	if p := find(want, list, int(mode)); p > 0 {
		return num(float64(p))
	}
	return errv(ErrNA)
}

func vlookup(args []node, e env) value {
	if len(args) < 3 || len(args) > 4 {
		return errv(ErrValue)
	}
	want := eval(args[0], e).scalar()
	table := eval(args[1], e)
	col, bad := eval(args[2], e).scalar().number()
	if bad != nil {
		return *bad
	}
	approx := true
	if len(args) == 4 {
		if approx, bad = eval(args[3], e).scalar().truth(); bad != nil {
			return *bad
		}
	}
	if table.k != kArea || len(table.area) == 0 {
		return errv(ErrNA)
	}
	if col < 1 || int(col) > len(table.area[0]) {
		return errv(ErrRef)
	}
	first := make([]value, len(table.area))
	for i, row := range table.area {
		first[i] = row[0]
	}
	mode := 0
	if approx {
		mode = 1
	}
	p := find(want, first, mode)
	if p == 0 {
		return errv(ErrNA)
	}
	return table.area[p-1][int(col)-1]
}

func xlookup(args []node, e env) value {
	if len(args) < 3 || len(args) > 4 {
		return errv(ErrValue)
	}
	want := eval(args[0], e).scalar()
	keys, results := flat(eval(args[1], e)), flat(eval(args[2], e))
	if len(keys) != len(results) {
		return errv(ErrValue)
	}
	if p := find(want, keys, 0); p > 0 {
		return results[p-1]
	}
	if len(args) == 4 {
		return eval(args[3], e).scalar()
	}
	return errv(ErrNA)
}

// numbers evaluates optional numeric arguments, with defaults for the
// missing ones.
func numbers(args []node, e env, defaults ...float64) ([]float64, *value) {
	out := append([]float64(nil), defaults...)
	for i, a := range args {
		if i >= len(out) {
			v := errv(ErrValue)
			return nil, &v
		}
		if _, empty := a.(emptyArg); empty {
			continue
		}
		n, bad := eval(a, e).scalar().number()
		if bad != nil {
			return nil, bad
		}
		out[i] = n
	}
	return out, nil
}
