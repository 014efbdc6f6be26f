package calc

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

func init() {
	for name, f := range map[string]function{
		"STDEV.S": aggregate(func(xs []float64) value {
			if len(xs) < 2 {
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
			return num(math.Sqrt(ss / float64(len(xs)-1)))
		}),
		"SUMIF":      conditional("SUMIF"),
		"COUNTIF":    conditional("COUNTIF"),
		"AVERAGEIF":  conditional("AVERAGEIF"),
		"SUMPRODUCT": sumProduct,
		"IFS":        ifs,
		"TEXTJOIN":   textJoin,
		"INDEX":      index,
		"MATCH":      matchFunc,
		"VLOOKUP":    vlookup,
		"XLOOKUP":    xlookup,
		"NPV":        npv,
		"IRR":        irr,
		"PMT":        annuity("PMT"),
		"FV":         annuity("FV"),
		"PV":         annuity("PV"),
		"RATE":       rate,
		"RRI": math3(func(n, pv, fv float64) value {
			if n <= 0 || pv == 0 {
				return errv(ErrNum)
			}
			return num(math.Pow(fv/pv, 1/n) - 1)
		}),
		"DATE": math3(func(y, m, d float64) value {
			t := time.Date(int(y), time.Month(int(m)), int(d), 0, 0, 0, 0, time.UTC)
			return num(serial(t))
		}),
		"YEAR":  datePart(func(t time.Time) float64 { return float64(t.Year()) }),
		"MONTH": datePart(func(t time.Time) float64 { return float64(t.Month()) }),
		"DAY":   datePart(func(t time.Time) float64 { return float64(t.Day()) }),
		"EDATE": edate,
		"TEXT":  textFunc,
	} {
		functions[name] = f
	}
}

// excelEpoch is day 0 of Excel's 1900 date system (as Excel counts, with its
// 1900 leap-year quirk already behind it for dates after February 1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func serial(t time.Time) float64 { return math.Floor(t.Sub(excelEpoch).Hours() / 24) }

// toDate reads a date: a serial number, or ISO text (how date cells hold it).
func toDate(v value) (time.Time, *value) {
	if v.k == kStr {
		if t, err := time.Parse("2006-01-02", strings.TrimSpace(v.s)); err == nil {
			return t, nil
		}
	}
	n, bad := v.number()
	if bad != nil {
		return time.Time{}, bad
	}
	if n < 0 {
		e := errv(ErrNum)
		return time.Time{}, &e
	}
	return excelEpoch.AddDate(0, 0, int(n)), nil
}

func datePart(fn func(time.Time) float64) function {
	return func(args []node, e env) value {
		if len(args) != 1 {
			return errv(ErrValue)
		}
		t, bad := toDate(eval(args[0], e).scalar())
		if bad != nil {
			return *bad
		}
		return num(fn(t))
	}
}

func edate(args []node, e env) value {
	if len(args) != 2 {
		return errv(ErrValue)
	}
	t, bad := toDate(eval(args[0], e).scalar())
	if bad != nil {
		return *bad
	}
	m, bad := eval(args[1], e).scalar().number()
	if bad != nil {
		return *bad
	}
	// Excel keeps the day, or the month's last day when it has fewer.
	y, mo, d := t.Date()
	target := time.Date(y, mo+time.Month(int(m)), 1, 0, 0, 0, 0, time.UTC)
	last := target.AddDate(0, 1, -1).Day()
	return num(serial(time.Date(target.Year(), target.Month(), min(d, last), 0, 0, 0, 0, time.UTC)))
}

func math3(fn func(a, b, c float64) value) function {
	return func(args []node, e env) value {
		if len(args) != 3 {
			return errv(ErrValue)
		}
		var xs [3]float64
		for i := range xs {
			var bad *value
			if xs[i], bad = eval(args[i], e).scalar().number(); bad != nil {
				return *bad
			}
		}
		return fn(xs[0], xs[1], xs[2])
	}
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
		for _, v := range flat(eval(a, e)) {
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
	for _, v := range flat(eval(args[0], e)) {
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

// textFunc formats a number with a simple Excel format: 0, 0.00, #,##0.0,
// 0%, 0.0%.
func textFunc(args []node, e env) value {
	if len(args) != 2 {
		return errv(ErrValue)
	}
	n, bad := eval(args[0], e).scalar().number()
	if bad != nil {
		return *bad
	}
	f, bad := eval(args[1], e).scalar().text()
	if bad != nil {
		return *bad
	}
	percent := strings.HasSuffix(f, "%")
	f = strings.TrimSuffix(f, "%")
	if percent {
		n *= 100
	}
	grouped := strings.Contains(f, ",")
	decimals := 0
	if i := strings.Index(f, "."); i >= 0 {
		decimals = len(f) - i - 1
	}
	if strings.Trim(f, "#,0.") != "" {
		return errv(ErrValue)
	}
	s := strconv.FormatFloat(n, 'f', decimals, 64)
	if grouped {
		intPart, frac, hasFrac := strings.Cut(s, ".")
		neg := strings.HasPrefix(intPart, "-")
		intPart = strings.TrimPrefix(intPart, "-")
		var b strings.Builder
		for i, r := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		s = b.String()
		if neg {
			s = "-" + s
		}
		if hasFrac {
			s += "." + frac
		}
	}
	if percent {
		s += "%"
	}
	return str(s)
}
