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
				if i := strings.LastIndex(t.TValue, "!"); i >= 0 {
					name := sheet(strings.Trim(t.TValue[:i], "'"))
					b.WriteString("'" + strings.ReplaceAll(name, "'", "''") + "'!" + t.TValue[i+1:])
				} else {
					b.WriteString(t.TValue)
				}
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
