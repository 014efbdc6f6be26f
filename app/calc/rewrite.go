package calc

import (
	"strconv"
	"strings"

	"github.com/xuri/efp"
)

// ForExcel renders a formula (with its "=") for a workbook: every sheet name
// in its references passed through sheet and quoted as Excel wants, and each
// RANGE.LOW, RANGE.HIGH or RANGE.MID of a single reference replaced by the
// bound or midpoint of the range that reference holds, which bounds reports
// (the reference as the formula spells it; nil replaces none). The formula
// stays live in everything else it reads; only the range's bounds are
// frozen, as numbers. excelOnly is false when a RANGE.* call is left, its
// argument not a reference bounds knows: Excel has no such functions.
func ForExcel(formula string, sheet func(string) string, bounds func(ref string) (lo, hi float64, ok bool)) (out string, excelOnly bool) {
	var call func(name, arg string) (string, bool)
	if bounds != nil {
		call = func(name, arg string) (string, bool) {
			lo, hi, ok := bounds(arg)
			if !ok {
				return "", false
			}
			switch name {
			case "RANGE.LOW":
				return number(lo), true
			case "RANGE.HIGH":
				return number(hi), true
			case "RANGE.MID":
				return number((lo + hi) / 2), true
			}
			return "", false
		}
	}
	return render(formula, func(ref string) string {
		if i := strings.LastIndex(ref, "!"); i >= 0 {
			name := sheet(strings.Trim(ref[:i], "'"))
			return "'" + strings.ReplaceAll(name, "'", "''") + "'!" + ref[i+1:]
		}
		return ref
	}, call)
}

// number is a constant as a formula spells it; a negative one in
// parentheses, so that it reads the same after any operator.
func number(n float64) string {
	s := strconv.FormatFloat(n, 'f', -1, 64)
	if n < 0 {
		return "(" + s + ")"
	}
	return s
}

// render prints a formula's tokens again, passing every reference through
// ref; it reports whether the formula is Excel's own (no RANGE.* calls).
// call, when not nil, may replace a call of one of thesisboard's own
// functions on a single reference (name upper-case, arg as written) by an
// expression of Excel's.
func render(formula string, ref func(string) string, call func(name, arg string) (string, bool)) (out string, excelOnly bool) {
	if !IsFormula(formula) {
		return formula, true
	}
	defer func() {
		if recover() != nil {
			out, excelOnly = formula, false
		}
	}()
	ep := efp.ExcelParser()
	var b strings.Builder
	b.WriteByte('=')
	excelOnly = true
	tokens := ep.Parse(formula)
	for i := 0; i < len(tokens); i++ {
		t := tokens[i]
		switch t.TType {
		case efp.TokenTypeFunction:
			if t.TSubType == efp.TokenSubTypeStart {
				name := strings.ToUpper(t.TValue)
				if _, ours := functions[name]; ours && strings.HasPrefix(name, "RANGE.") {
					if call != nil && i+2 < len(tokens) && tokens[i+1].TType == efp.TokenTypeOperand && tokens[i+1].TSubType == efp.TokenSubTypeRange &&
						tokens[i+2].TType == efp.TokenTypeFunction && tokens[i+2].TSubType == efp.TokenSubTypeStop {
						if expr, ok := call(name, tokens[i+1].TValue); ok {
							b.WriteString(expr)
							i += 2
							continue
						}
					}
					excelOnly = false
				}
				b.WriteString(t.TValue + "(")
			} else {
				b.WriteByte(')')
			}
		case efp.TokenTypeSubexpression:
			if t.TSubType == efp.TokenSubTypeStart {
				b.WriteByte('(')
			} else {
				b.WriteByte(')')
			}
		case efp.TokenTypeOperand:
			switch t.TSubType {
			case efp.TokenSubTypeText:
				b.WriteString(`"` + strings.ReplaceAll(t.TValue, `"`, `""`) + `"`)
			case efp.TokenSubTypeRange:
				b.WriteString(ref(t.TValue))
			default:
				b.WriteString(t.TValue)
			}
		case efp.TokenTypeWhitespace:
			b.WriteByte(' ')
		default:
			b.WriteString(t.TValue)
		}
	}
	return b.String(), excelOnly
}
