package calc

// The lookup functions read ranges through value.cells and value.index, so
// a long range costs the cells its section holds: positions past them are
// empty, and every function here skips empty cells or takes them as a
// block.

func sumProduct(args []node, e env) value {
	if len(args) == 0 {
		return errv(ErrValue)
	}
	lists := make([]value, len(args))
	for i, a := range args {
		if lists[i] = eval(a, e); lists[i].size() != lists[0].size() {
			return errv(ErrValue)
		}
	}
	// The result is the first error by position, then by argument, as a
	// walk over every position in turn would meet it.
	errAt, first := -1, value{}
	for _, l := range lists {
		for i, v := range l.cells() {
			if errAt >= 0 && i >= errAt {
				break
			}
			if v.k == kErr {
				errAt, first = i, v
				break
			}
		}
	}
	if errAt >= 0 {
		return first
	}
	// A product is 0 unless every factor is a number, so only positions
	// where the first list holds a number count.
	total := 0.0
	for i, v := range lists[0].cells() {
		if v.k != kNum {
			continue
		}
		p := v.n
		for _, l := range lists[1:] {
			if x := l.index(i); x.k == kNum {
				p *= x.n
			} else {
				p = 0
				break
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

func index(args []node, e env) value {
	if len(args) < 2 || len(args) > 3 {
		return errv(ErrValue)
	}
	a := eval(args[0], e)
	ns, bad := numbers(args[1:], e, 0, 0)
	if bad != nil {
		return *bad
	}
	rows, cols := 1, 1
	if a.k == kArea {
		rows, cols = a.area.rows, a.area.cols
	}
	r, c := toInt(ns[0]), toInt(ns[1])
	if rows == 1 && len(args) == 2 { // a single row: the number picks a column
		r, c = 1, r
	}
	if c == 0 {
		c = 1
	}
	if r < 1 || r > rows || c < 1 || c > cols {
		return errv(ErrRef)
	}
	if a.k != kArea {
		return a
	}
	return a.area.at(r-1, c-1)
}

// find returns the 1-based position of want in list: exactly (mode 0, with
// wildcards in text), the largest not above it (1) or the smallest not below
// it (-1), the last two on sorted lists as Excel requires. Empty cells never
// match, so only those list holds are visited. bad is an error to answer:
// want too long to be a criterion, or the budget spent.
func find(e env, want, list value, mode int) (pos int, bad *value) {
	if mode == 0 {
		crit, bad := parseCriterion(want)
		if bad != nil {
			return 0, bad
		}
		crit.op = "="
		for i, v := range list.cells() {
			if v.k == kStr && !e.spend(crit.cost(v.s)) {
				return 0, busyValue()
			}
			if v.k != kEmpty && crit.matches(v) {
				return i + 1, nil
			}
		}
		return 0, nil
	}
	for i, v := range list.cells() {
		if v.k == kEmpty || v.k == kErr {
			continue
		}
		if v.k == kStr && !e.spend(int64(len(v.s)/64)) {
			return 0, busyValue()
		}
		c := compare(v, want)
		if mode > 0 && c <= 0 || mode < 0 && c >= 0 {
			pos = i + 1
		} else {
			break
		}
	}
	return pos, nil
}

func matchFunc(args []node, e env) value {
	if len(args) < 2 || len(args) > 3 {
		return errv(ErrValue)
	}
	want := eval(args[0], e).scalar()
	list := eval(args[1], e)
	mode := 1.0
	if len(args) == 3 {
		var bad *value
		if mode, bad = eval(args[2], e).scalar().number(); bad != nil {
			return *bad
		}
	}
	p, bad := find(e, want, list, toInt(mode))
	switch {
	case bad != nil:
		return *bad
	case p > 0:
		return num(float64(p))
	}
	return errv(ErrNA)
}

// tableLookup reads the arguments VLOOKUP and HLOOKUP share: (value,
// table, index, [approximate]), answering the match mode for find and
// the error to give instead; index is 1-based and checked against n, the
// table's columns or rows.
func tableLookup(args []node, e env, n func(*area) int) (want value, table *area, index, mode int, bad *value) {
	if len(args) < 3 || len(args) > 4 {
		v := errv(ErrValue)
		return want, nil, 0, 0, &v
	}
	want = eval(args[0], e).scalar()
	t := eval(args[1], e)
	i, bad := eval(args[2], e).scalar().number()
	if bad != nil {
		return want, nil, 0, 0, bad
	}
	approx := true
	if len(args) == 4 {
		if approx, bad = eval(args[3], e).scalar().truth(); bad != nil {
			return want, nil, 0, 0, bad
		}
	}
	var v value
	switch {
	case t.k == kErr:
		v = t
	case t.k != kArea:
		v = errv(ErrNA)
	case i < 1 || toInt(i) > n(t.area):
		v = errv(ErrRef)
	default:
		if approx {
			mode = 1
		}
		return want, t.area, toInt(i), mode, nil
	}
	return want, nil, 0, 0, &v
}

func vlookup(args []node, e env) value {
	want, table, col, mode, bad := tableLookup(args, e, func(a *area) int { return a.cols })
	if bad != nil {
		return *bad
	}
	p, bad := find(e, want, value{k: kArea, area: table.column(0)}, mode)
	switch {
	case bad != nil:
		return *bad
	case p == 0:
		return errv(ErrNA)
	}
	return table.at(p-1, col-1)
}

func xlookup(args []node, e env) value {
	if len(args) < 3 || len(args) > 4 {
		return errv(ErrValue)
	}
	want := eval(args[0], e).scalar()
	keys, results := eval(args[1], e), eval(args[2], e)
	if keys.size() != results.size() {
		return errv(ErrValue)
	}
	p, bad := find(e, want, keys, 0)
	switch {
	case bad != nil:
		return *bad
	case p > 0:
		return results.index(p - 1)
	case len(args) == 4:
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
