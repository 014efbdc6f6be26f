package calc

import (
	"math"
	"strings"
)

// env gives a formula the values of the cells it refers to.
type env interface {
	// cell returns a cell's value; ok is false when the sheet does not exist.
	cell(sheet string, row, col int) (v value, ok bool)
	// area returns a range's cells (see area), or an error value.
	area(ref refNode) value
	// bounds returns the low and high of a cell holding a range ("$1.2–$1.4B").
	bounds(sheet string, row, col int) (low, high float64, ok bool)
	// spend charges the recalculation for work a function does beyond
	// reading cells (see DefaultBudget); false once the budget is spent,
	// when the function should give up.
	spend(units int64) bool
}

// maxAreaCells bounds one range reference as written. The cells read are
// those the section holds (see area); the bound keeps positions and sizes
// small numbers, and A1:XFD1048576 a #REF! as before.
const maxAreaCells = 1 << 20

func eval(n node, e env) value {
	switch n := n.(type) {
	case numNode:
		return num(float64(n))
	case strNode:
		return str(string(n))
	case boolNode:
		return boolean(bool(n))
	case errNode:
		return errv(string(n))
	case emptyArg:
		return value{}
	case refNode:
		return evalRef(n, e)
	case unaryNode:
		x := eval(n.x, e).scalar()
		f, bad := x.number()
		if bad != nil {
			return *bad
		}
		switch n.op {
		case "-":
			return num(-f)
		case "%":
			return num(f / 100)
		}
		return num(f)
	case binNode:
		return evalBinary(n, e)
	case callNode:
		return call(n, e)
	}
	return errv(ErrValue)
}

func evalRef(n refNode, e env) value {
	if (n.r2-n.r1+1)*(n.c2-n.c1+1) > maxAreaCells {
		return errv(ErrRef)
	}
	if !n.area {
		v, ok := e.cell(n.sheet, n.r1, n.c1)
		if !ok {
			return errv(ErrRef)
		}
		return v
	}
	return e.area(n)
}

func evalBinary(n binNode, e env) value {
	l, r := eval(n.l, e).scalar(), eval(n.r, e).scalar()
	switch n.op {
	case "&":
		a, bad := l.text()
		if bad != nil {
			return *bad
		}
		b, bad := r.text()
		if bad != nil {
			return *bad
		}
		if bad := grow(e, len(a)+len(b)); bad != nil {
			return *bad
		}
		return str(a + b)
	case "=", "<>", "<", ">", "<=", ">=":
		if l.k == kErr {
			return l
		}
		if r.k == kErr {
			return r
		}
		c := compare(l, r)
		switch n.op {
		case "=":
			return boolean(c == 0)
		case "<>":
			return boolean(c != 0)
		case "<":
			return boolean(c < 0)
		case ">":
			return boolean(c > 0)
		case "<=":
			return boolean(c <= 0)
		}
		return boolean(c >= 0)
	}
	a, bad := l.number()
	if bad != nil {
		return *bad
	}
	b, bad := r.number()
	if bad != nil {
		return *bad
	}
	switch n.op {
	case "+":
		return num(a + b)
	case "-":
		return num(a - b)
	case "*":
		return num(a * b)
	case "/":
		if b == 0 {
			return errv(ErrDiv0)
		}
		return num(a / b)
	case "^":
		if a == 0 && b < 0 {
			return errv(ErrDiv0)
		}
		return num(math.Pow(a, b))
	}
	return errv(ErrValue)
}

// compare orders values as Excel does: numbers before text before booleans,
// text without regard to case, an empty cell as 0 or "".
func compare(a, b value) int {
	rank := func(v value) int {
		switch v.k {
		case kStr:
			return 1
		case kBool:
			return 2
		}
		return 0
	}
	if a.k == kEmpty && b.k == kStr {
		a = str("")
	}
	if b.k == kEmpty && a.k == kStr {
		b = str("")
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra - rb
	}
	switch a.k {
	case kStr:
		return strings.Compare(strings.ToLower(a.s), strings.ToLower(b.s))
	case kBool:
		x, y := 0, 0
		if a.b {
			x = 1
		}
		if b.b {
			y = 1
		}
		return x - y
	}
	x, _ := a.number()
	y, _ := b.number()
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}
