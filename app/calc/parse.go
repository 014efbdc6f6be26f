package calc

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/efp"

	"thesisboard/app/model"
)

// The syntax tree of a formula.
type (
	node     interface{}
	numNode  float64
	strNode  string
	boolNode bool
	errNode  string
	emptyArg struct{} // a skipped argument: SUM(A1,,2)
	refNode  struct {
		sheet          string // "" for the formula's own sheet
		r1, c1, r2, c2 int    // zero-based, r1 <= r2, c1 <= c2
		area           bool   // written as a range (A1:B2)
	}
	callNode struct {
		name string // upper case
		args []node
	}
	unaryNode struct {
		op string // "-", "+" or "%"
		x  node
	}
	binNode struct {
		op   string
		l, r node
	}
)

// maxDepth bounds how deeply a formula may nest, so parsing and evaluating
// never exhaust the stack, in the browser least of all.
const maxDepth = 100

// MaxFormulaLen is the longest formula read (Excel's limit).
const MaxFormulaLen = 8192

type parser struct {
	toks  []efp.Token
	pos   int
	depth int
}

// parse reads a formula without its leading "=".
func parse(formula string) (n node, err error) {
	if len(formula) > MaxFormulaLen {
		return nil, fmt.Errorf("the formula is longer than %d characters", MaxFormulaLen)
	}
	defer func() {
		// efp is a third-party tokenizer; malformed input must not crash.
		if r := recover(); r != nil {
			n, err = nil, fmt.Errorf("the formula cannot be read")
		}
	}()
	ep := efp.ExcelParser()
	var toks []efp.Token
	for _, t := range ep.Parse("=" + formula) {
		if t.TType != efp.TokenTypeWhitespace && t.TType != efp.TokenTypeNoop {
			toks = append(toks, t)
		}
	}
	if len(toks) == 0 {
		return nil, fmt.Errorf("the formula is empty")
	}
	p := &parser{toks: toks}
	n, err = p.expr(0)
	if err == nil && p.pos < len(p.toks) {
		err = fmt.Errorf("unexpected %q", p.toks[p.pos].TValue)
	}
	return n, err
}

func (p *parser) peek() *efp.Token {
	if p.pos < len(p.toks) {
		return &p.toks[p.pos]
	}
	return nil
}

// infix precedence, low to high; unary minus and % bind tighter than ^, as
// in Excel (=-2^2 is 4).
var precedence = map[string]int{
	"=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1,
	"&": 2,
	"+": 3, "-": 3,
	"*": 4, "/": 4,
	"^": 5,
}

func (p *parser) expr(min int) (node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return nil, fmt.Errorf("the formula nests more than %d levels", maxDepth)
	}
	left, err := p.prefix()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if t == nil {
			return left, nil
		}
		if t.TType == efp.TokenTypeOperatorPostfix && t.TValue == "%" {
			p.pos++
			left = unaryNode{op: "%", x: left}
			continue
		}
		if t.TType != efp.TokenTypeOperatorInfix {
			return left, nil
		}
		prec, ok := precedence[t.TValue]
		if !ok {
			return nil, fmt.Errorf("operator %q is not supported", t.TValue)
		}
		if prec < min {
			return left, nil
		}
		p.pos++
		right, err := p.expr(prec + 1)
		if err != nil {
			return nil, err
		}
		left = binNode{op: t.TValue, l: left, r: right}
	}
}

func (p *parser) prefix() (node, error) {
	t := p.peek()
	if t == nil {
		return nil, fmt.Errorf("the formula ends too early")
	}
	p.pos++
	switch t.TType {
	case efp.TokenTypeOperatorPrefix:
		x, err := p.expr(6)
		if err != nil {
			return nil, err
		}
		return unaryNode{op: t.TValue, x: x}, nil
	case efp.TokenTypeOperand:
		return operand(t)
	case efp.TokenTypeSubexpression:
		if t.TSubType != efp.TokenSubTypeStart {
			return nil, fmt.Errorf("unexpected )")
		}
		x, err := p.expr(0)
		if err != nil {
			return nil, err
		}
		if end := p.peek(); end == nil || end.TType != efp.TokenTypeSubexpression || end.TSubType != efp.TokenSubTypeStop {
			return nil, fmt.Errorf("a ( is not closed")
		}
		p.pos++
		return x, nil
	case efp.TokenTypeFunction:
		if t.TSubType != efp.TokenSubTypeStart {
			return nil, fmt.Errorf("unexpected )")
		}
		name := strings.ToUpper(t.TValue)
		if name == "ARRAY" || name == "ARRAYROW" {
			return nil, fmt.Errorf("array constants {…} are not supported; put the values in cells")
		}
		return p.call(name)
	}
	return nil, fmt.Errorf("unexpected %q", t.TValue)
}

func (p *parser) call(name string) (node, error) {
	c := callNode{name: name}
	isStop := func(t *efp.Token) bool {
		return t != nil && t.TType == efp.TokenTypeFunction && t.TSubType == efp.TokenSubTypeStop
	}
	if isStop(p.peek()) {
		p.pos++
		return c, nil
	}
	for {
		var arg node = emptyArg{}
		if t := p.peek(); t != nil && t.TType != efp.TokenTypeArgument && !isStop(t) {
			var err error
			if arg, err = p.expr(0); err != nil {
				return nil, err
			}
		}
		if c.args = append(c.args, arg); len(c.args) > 255 {
			return nil, fmt.Errorf("%s has more than 255 arguments", name)
		}
		switch t := p.peek(); {
		case t == nil:
			return nil, fmt.Errorf("%s( is not closed", name)
		case t.TType == efp.TokenTypeArgument:
			p.pos++
		case isStop(t):
			p.pos++
			return c, nil
		default:
			return nil, fmt.Errorf("unexpected %q in %s(", t.TValue, name)
		}
	}
}

func operand(t *efp.Token) (node, error) {
	switch t.TSubType {
	case efp.TokenSubTypeNumber:
		n, err := strconv.ParseFloat(t.TValue, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", t.TValue)
		}
		return numNode(n), nil
	case efp.TokenSubTypeText:
		return strNode(t.TValue), nil
	case efp.TokenSubTypeLogical:
		return boolNode(strings.EqualFold(t.TValue, "TRUE")), nil
	case efp.TokenSubTypeError:
		return errNode(strings.ToUpper(t.TValue)), nil
	case efp.TokenSubTypeRange:
		return reference(t.TValue)
	}
	return nil, fmt.Errorf("unexpected %q", t.TValue)
}

// reference reads A1, $A$1, A1:B2 and Sheet!A1:B2 (the tokenizer has taken
// the quotes off 'Sheet name').
func reference(s string) (node, error) {
	ref := refNode{}
	if i := strings.LastIndex(s, "!"); i >= 0 {
		ref.sheet, s = strings.Trim(s[:i], "'"), s[i+1:]
	}
	a, b, isArea := strings.Cut(s, ":")
	r1, c1, err := model.ParseAddr(a)
	if err != nil {
		return errNode(ErrName), nil // a name thesisboard does not define
	}
	r2, c2 := r1, c1
	if isArea {
		if r2, c2, err = model.ParseAddr(b); err != nil {
			return errNode(ErrRef), nil
		}
	}
	ref.r1, ref.r2 = min(r1, r2), max(r1, r2)
	ref.c1, ref.c2 = min(c1, c2), max(c1, c2)
	ref.area = isArea
	return ref, nil
}
