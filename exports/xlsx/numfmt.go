//go:build !wasm

package xlsx

import (
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

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
		if isWhole(v.Num) {
			body = `#,##0`
		}
		if s := f.Scale(); s != "" {
			body = `#,##0.0#` + strings.Repeat(",", scaleCommas(s)) + `"` + s + `"`
		}
	default:
		// General, as the dashboard shows it: no separators, so 2025 stays
		// a year.
		body = `General`
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

var literalRe = regexp.MustCompile(`"([^"]*)"`)

// FromNumFmt reads a number and its Excel number format back into a value
// and the dashboard format that shows it the same way: the inverse of NumFmt,
// and a fair reading of formats other tools write ($, %, thousands
// separators, scaling commas, dates).
func FromNumFmt(n float64, format string) (model.Value, model.Format) {
	v := model.Value{Kind: model.KindNumber, Num: n}
	section, _, _ := strings.Cut(format, ";")
	bare := literalRe.ReplaceAllString(section, "")
	lits := literalRe.FindAllStringSubmatch(section, -1)
	if strings.ContainsAny(strings.ToLower(bare), "ymd") && !strings.Contains(bare, "#") && !strings.Contains(bare, "0") || strings.Contains(strings.ToLower(bare), "yy") {
		if t, err := excelize.ExcelDateToTime(n, false); err == nil {
			d := t.Format("2006-01-02")
			return model.Value{Kind: model.KindDate, Text: d}, model.FormatDate
		}
	}
	f := model.FormatGeneral
	scale := ""
	for i, l := range lits {
		text := l[1]
		switch {
		case i == 0 && strings.HasPrefix(section, `"`) && isBound(text):
			v.Bound = text
		case text == "$":
			f = model.FormatMoney
		case text == ":1":
			f = model.FormatRatio
		case len(text) == 1 && strings.Contains("KMBT", text):
			scale = text
		case strings.HasPrefix(text, " (") && strings.HasSuffix(text, ")"):
			v.Note = text[2 : len(text)-1]
		case strings.HasPrefix(text, " "):
			v.Unit = strings.TrimSpace(text)
		}
	}
	switch {
	case strings.Contains(bare, "$"):
		f = model.FormatMoney
	case strings.Contains(bare, "%"):
		f = model.FormatPercent
	}
	if f == model.FormatGeneral && (scale != "" || strings.Contains(bare, "#,##0")) {
		f = model.FormatNumber
	}
	if scale != "" && (f == model.FormatMoney || f == model.FormatNumber) {
		f = model.Format(string(f) + ":" + scale)
	}
	if f.Kind() == "money" {
		v.Unit = "USD"
	}
	return v, f
}

func isBound(s string) bool {
	switch s {
	case "<", "<=", ">", ">=", "~":
		return true
	}
	return false
}
