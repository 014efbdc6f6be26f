package calc

// XMATCH and HLOOKUP. XMATCH's linear searches make one pass over the
// cells a list holds, keeping the first (or, searching from the end, the
// last) of the best matches; its binary searches probe only the held part
// of a list, which is where a sorted list's values are.
func init() {
	register(map[string]function{
		"XMATCH":  xmatch,
		"HLOOKUP": hlookup,
	})
}

// xmatch is XMATCH(value, list, [match_mode], [search_mode]): match mode 0
// exact, -1 exact or the next smaller, 1 exact or the next larger, 2
// wildcards; search mode 1 from the first, -1 from the last, 2 and -2 a
// binary search of a list sorted up or down. The list is one row or one
// column.
func xmatch(args []node, e env) value {
	if len(args) < 2 || len(args) > 4 {
		return errv(ErrValue)
	}
	want := eval(args[0], e).scalar()
	if want.k == kErr {
		return want
	}
	list := eval(args[1], e)
	if list.k == kErr {
		return list
	}
	if list.k == kArea && list.area.rows > 1 && list.area.cols > 1 {
		return errv(ErrValue)
	}
	ns, bad := numbers(args[2:], e, 0, 1)
	if bad != nil {
		return *bad
	}
	match, search := int(ns[0]), int(ns[1])
	if match < -1 || match > 2 || search != 1 && search != -1 && search != 2 && search != -2 {
		return errv(ErrValue)
	}
	var p int
	switch {
	case search == 2 || search == -2:
		if match == 2 {
			return errv(ErrValue) // Excel: no wildcards in a binary search
		}
		p = binaryFind(list, want, match, search < 0)
	default:
		if p, bad = linearFind(e, list, want, match, search < 0); bad != nil {
			return *bad
		}
	}
	if p == 0 {
		return errv(ErrNA)
	}
	return num(float64(p))
}

// sameKind reports whether v can match want: numbers match numbers, text
// text, booleans booleans.
func sameKind(v, want value) bool {
	if want.k == kEmpty {
		want = num(0)
	}
	return v.k == want.k
}

// linearFind is the 1-based position of the match, 0 when none.
func linearFind(e env, list, want value, match int, last bool) (int, *value) {
	var crit criterion
	if match == 2 {
		c, bad := parseCriterion(want)
		if bad != nil {
			return 0, bad
		}
		c.op, crit = "=", c
	}
	pos, best := 0, value{}
	exact := false
	for i, v := range list.cells() {
		if v.k == kStr && !e.spend(int64(len(v.s)/64)+crit.cost(v.s)) {
			return 0, busyValue()
		}
		if v.k == kEmpty || v.k == kErr {
			continue
		}
		if match == 2 {
			if crit.matches(v) && (pos == 0 || last) {
				pos = i + 1
			}
			continue
		}
		if !sameKind(v, want) {
			continue
		}
		c := compare(v, want)
		switch {
		case c == 0:
			if !exact || last {
				pos, exact = i+1, true
			}
		case exact, match == 0, match == -1 && c > 0, match == 1 && c < 0:
		case pos == 0:
			pos, best = i+1, v
		default:
			d := compare(v, best)
			if match == 1 {
				d = -d // the smallest above wins
			}
			if d > 0 || d == 0 && last {
				pos, best = i+1, v
			}
		}
	}
	return pos, nil
}

// binaryFind searches a sorted list (descending when down) for want.
func binaryFind(list, want value, match int, down bool) int {
	order := func(i int) int { // the list's value at i against want
		c := compare(list.index(i), want)
		if down {
			return -c
		}
		return c
	}
	// after is the first position whose value comes after want.
	lo, hi := 0, list.span()
	for lo < hi {
		mid := (lo + hi) / 2
		if order(mid) <= 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	after := lo
	if after > 0 && order(after-1) == 0 && sameKind(list.index(after-1), want) {
		return after
	}
	switch {
	case match == -1 && !down || match == 1 && down:
		if after > 0 && sameKind(list.index(after-1), want) {
			return after
		}
	case match == 1 && !down || match == -1 && down:
		if after < list.span() && sameKind(list.index(after), want) {
			return after + 1
		}
	}
	return 0
}

// hlookup is HLOOKUP(value, table, row, [approximate]): VLOOKUP across,
// searching the table's first row.
func hlookup(args []node, e env) value {
	want, table, row, mode, bad := tableLookup(args, e, func(a *area) int { return a.rows })
	if bad != nil {
		return *bad
	}
	first := *table
	first.rows, first.hrows = 1, min(1, first.hrows)
	p, bad := find(e, want, value{k: kArea, area: &first}, mode)
	switch {
	case bad != nil:
		return *bad
	case p == 0:
		return errv(ErrNA)
	}
	return table.at(row-1, p-1)
}
