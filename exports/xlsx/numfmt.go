//go:build !wasm

package xlsx

import (
	"strings"

	"thesisboard/app/model"
)

// NumFmt returns the Excel number format that shows v the way the dashboard
// shows it in format f: 18.3e9 in "money:B" becomes $18.3B through
// "$"#,##0.0#,,,"B", and a bound and unit become literal text around the
// number ("<"0" ms"), so the cell stays a number Excel can compute with.
func NumFmt(v model.Value, f model.Format) string {
	var body string
	switch f.Kind() {
	case "money":
		body = `"$"#,##0.00`
		if s := f.Scale(); s != "" {
			body = `"$"#,##0.0#` + strings.Repeat(",", scaleCommas(s)) + `"` + s + `"`
		}
	case "percent":
		body = `0.00%`
		if isWhole(v.Num * 100) {
			body = `0%`
		}
	case "ratio":
		body = `0.##":1"`
		if isWhole(v.Num) {
			body = `0":1"`
		}
	case "number":
		body = `#,##0.####`
		if s := f.Scale(); s != "" {
			body = `#,##0.0#` + strings.Repeat(",", scaleCommas(s)) + `"` + s + `"`
		}
	default:
		body = `#,##0.####`
		if isWhole(v.Num) {
			body = `#,##0`
		}
	}
	if v.Bound != "" {
		body = quote(v.Bound) + body
	}
	if v.Unit != "" && v.Unit != "USD" {
		body += quote(" " + v.Unit)
	}
	if v.Note != "" {
		body += quote(" (" + v.Note + ")")
	}
	return body
}

func scaleCommas(s string) int {
	return map[string]int{"K": 1, "M": 2, "B": 3, "T": 4}[s]
}

func isWhole(n float64) bool { return n == float64(int64(n)) }

// quote makes s a literal in a number format.
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `'`) + `"`
}
