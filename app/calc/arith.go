package calc

// Most spreadsheet formulas are one arithmetic operator between references
// and numbers: =B2-C2, =A1*2, =A9+1. The engine computes those without the
// general evaluator when the cells they read hold numbers, which is most of
// the time; any other case (text, an error, an empty cell, a range) goes the
// general way, so the result is always the one eval gives.

// arith is such a formula, compiled from its syntax tree.
type arith struct {
	op   byte // + - * /
	l, r arithOperand
}

// arithOperand is a constant, or a reference to one cell (ref set).
type arithOperand struct {
	ref *refNode
	n   float64
}

// compileArith returns the arith form of ast, or nil when it has another
// shape.
func compileArith(ast node) *arith {
	b, ok := ast.(binNode)
	if !ok || len(b.op) != 1 {
		return nil
	}
	switch b.op[0] {
	case '+', '-', '*', '/':
	default:
		return nil
	}
	l, okL := operandOf(b.l)
	r, okR := operandOf(b.r)
	if !okL || !okR {
		return nil
	}
	return &arith{op: b.op[0], l: l, r: r}
}

func operandOf(n node) (arithOperand, bool) {
	switch n := n.(type) {
	case numNode:
		return arithOperand{n: float64(n)}, true
	case refNode:
		if !n.area {
			return arithOperand{ref: &n}, true
		}
	}
	return arithOperand{}, false
}

// number is the operand's value when it is a number; false sends the
// formula the general way.
func (o arithOperand) number(e *Engine) (float64, bool) {
	if o.ref == nil {
		return o.n, true
	}
	return e.number(o.ref.sheet, o.ref.r1, o.ref.c1)
}

// eval computes the formula as evalBinary would; false when an arithOperand is
// not a number.
func (a *arith) eval(e *Engine) (value, bool) {
	x, ok := a.l.number(e)
	if !ok {
		return value{}, false
	}
	y, ok := a.r.number(e)
	if !ok {
		return value{}, false
	}
	switch a.op {
	case '+':
		return num(x + y), true
	case '-':
		return num(x - y), true
	case '*':
		return num(x * y), true
	}
	if y == 0 {
		return errv(ErrDiv0), true
	}
	return num(x / y), true
}
