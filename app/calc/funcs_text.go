package calc

import (
	"math"
)

// The functions that build text. Each checks the length of what it would
// build against maxText before it allocates it (see grow and joiner): the
// result of one is the argument of the next, so a cap after the fact would
// come too late.

func concat(args []node, e env) value {
	j := joiner{e: e}
	for _, a := range args {
		for _, v := range eval(a, e).cells() {
			s, bad := v.text()
			if bad != nil {
				return *bad
			}
			if !j.add(s) {
				return j.value()
			}
		}
	}
	return j.value()
}

// textJoin is TEXTJOIN(separator, skip empty, texts...). Kept empty cells
// are joined too: the empty cells of a long range past its section's grid
// are not visited one by one when skipped, and when kept their separators
// alone are counted against the limit first.
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
	j := joiner{e: e}
	first := true
	add := func(s string) bool {
		if s == "" && skipEmpty {
			return true
		}
		if !first && !j.add(sep) {
			return false
		}
		first = false
		return j.add(s)
	}
	for _, a := range args[2:] {
		v := eval(a, e)
		if skipEmpty || sep == "" {
			for _, x := range v.cells() {
				s, bad := x.text()
				if bad != nil {
					return *bad
				}
				if !add(s) {
					return j.value()
				}
			}
			continue
		}
		if (v.size()-1)*len(sep) > maxText {
			return errTooLong()
		}
		for i := range v.size() {
			s, bad := v.index(i).text()
			if bad != nil {
				return *bad
			}
			if !add(s) {
				return j.value()
			}
		}
	}
	return j.value()
}

func text1(fn func(env, string) value) function {
	return func(args []node, e env) value {
		if len(args) != 1 {
			return errv(ErrValue)
		}
		s, bad := eval(args[0], e).scalar().text()
		if bad != nil {
			return *bad
		}
		return fn(e, s)
	}
}

func cut(fn func([]rune, int) string) function {
	return func(args []node, e env) value {
		if len(args) < 1 || len(args) > 2 {
			return errv(ErrValue)
		}
		s, bad := eval(args[0], e).scalar().text()
		if bad != nil {
			return *bad
		}
		n := 1.0
		if len(args) == 2 {
			if n, bad = eval(args[1], e).scalar().number(); bad != nil {
				return *bad
			}
		}
		if n < 0 {
			return errv(ErrValue)
		}
		return shorter(e, fn([]rune(s), toInt(n)))
	}
}

func mid(args []node, e env) value {
	if len(args) != 3 {
		return errv(ErrValue)
	}
	s, bad := eval(args[0], e).scalar().text()
	if bad != nil {
		return *bad
	}
	start, bad := eval(args[1], e).scalar().number()
	if bad != nil {
		return *bad
	}
	n, bad := eval(args[2], e).scalar().number()
	if bad != nil {
		return *bad
	}
	if start < 1 || n < 0 {
		return errv(ErrValue)
	}
	r := []rune(s)
	i := min(toInt(start)-1, len(r))
	j := min(i+toInt(n), len(r))
	return shorter(e, string(r[i:j]))
}

// toInt is x as an int for counts and positions, within ±1e9: Go leaves
// the conversion of a float beyond int's range to the machine, and the
// browser and the server must agree.
func toInt(x float64) int {
	switch {
	case math.IsNaN(x):
		return 0
	case x > 1e9:
		return 1e9
	case x < -1e9:
		return -1e9
	}
	return int(x)
}
