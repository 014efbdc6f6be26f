package calc

import (
	"strings"

	"github.com/xuri/efp"
)

// Rewrite renders a formula (with its "=") again with every sheet name in its
// references passed through sheet, quoted as Excel wants. It also reports
// whether the formula calls a function Excel lacks (RANGE.LOW, RANGE.HIGH,
// RANGE.MID), so the exporter can write such a cell as a value.
func Rewrite(formula string, sheet func(string) string) (out string, excelOnly bool) {
	return render(formula, func(ref string) string {
		if i := strings.LastIndex(ref, "!"); i >= 0 {
			name := sheet(strings.Trim(ref[:i], "'"))
			return "'" + strings.ReplaceAll(name, "'", "''") + "'!" + ref[i+1:]
		}
		return ref
	})
}

// render prints a formula's tokens again, passing every reference through
// ref; it reports whether the formula is Excel's own (no RANGE.* calls).
func render(formula string, ref func(string) string) (out string, excelOnly bool) {
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
	for _, t := range ep.Parse(formula) {
		switch t.TType {
		case efp.TokenTypeFunction:
			if t.TSubType == efp.TokenSubTypeStart {
				if _, ours := functions[strings.ToUpper(t.TValue)]; ours && strings.HasPrefix(strings.ToUpper(t.TValue), "RANGE.") {
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
