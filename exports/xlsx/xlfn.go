//go:build !wasm

package xlsx

import "strings"

// futureFunctions are the functions calc computes that Excel added after
// the file format was set (2007). In the file they are spelled with the
// prefix "_xlfn." (the formula bar hides it); without it Excel and
// LibreOffice read an unknown name and show #NAME?. Excel 2010 brought the
// dotted statistics (STDEV.S, RANK.EQ, PERCENTILE.INC...; their old names,
// PERCENTILE and QUARTILE, need no prefix), 2013 IFNA, RRI, CEILING.MATH
// and FLOOR.MATH, 2016/2019 CONCAT, IFS, SWITCH, TEXTJOIN, MAXIFS and
// MINIFS (SUMIFS, COUNTIFS and AVERAGEIFS are 2007's), 365 XLOOKUP and
// XMATCH. The Analysis ToolPak's functions (EOMONTH, NETWORKDAYS, WORKDAY,
// YEARFRAC, XNPV, XIRR, EFFECT, NOMINAL) joined Excel itself in 2007 and
// need none.
var futureFunctions = setOf("CONCAT", "IFS", "TEXTJOIN", "XLOOKUP", "STDEV.S", "RRI",
	"IFNA", "SWITCH", "CEILING.MATH", "FLOOR.MATH",
	"RANK.EQ", "STDEV.P", "VAR.S", "PERCENTILE.INC", "QUARTILE.INC",
	"MAXIFS", "MINIFS", "XMATCH")

const xlfn = "_xlfn."

// filePrefixes are the prefixes Excel writes in a file and calc does not
// know: "_xlfn." on functions newer than 2007, "_xlws." on those that
// belong to a worksheet (_xlfn._xlws.SORT, _xlfn._xlws.FILTER), "_xlpm."
// on the names of LET's and LAMBDA's parameters.
var filePrefixes = []string{xlfn, "_xlws.", "_xlpm."}

// toFileNames spells a formula's future functions as the file format wants.
func toFileNames(formula string) string {
	return mapFunctionNames(formula, func(name string) string {
		if futureFunctions[strings.ToUpper(name)] {
			return xlfn + name
		}
		return name
	})
}

// fromFileNames takes the file's prefixes (see filePrefixes) off a
// formula read from a file, so calc knows the function: the page shows
// STDEV.S, not _xlfn.STDEV.S. A function calc does not know stays
// #NAME? under its bare name, and is written back with its prefix only if
// calc learns it (see futureFunctions).
func fromFileNames(formula string) string {
	return mapNames(formula, func(name string, _ bool) string {
		for stripped := true; stripped; {
			stripped = false
			for _, p := range filePrefixes {
				if len(name) > len(p) && strings.EqualFold(name[:len(p)], p) {
					name, stripped = name[len(p):], true
				}
			}
		}
		return name
	})
}

// mapFunctionNames passes the name of every function a formula calls
// through fn.
func mapFunctionNames(formula string, fn func(name string) string) string {
	return mapNames(formula, func(name string, call bool) string {
		if call {
			return fn(name)
		}
		return name
	})
}

// mapNames passes every name of a formula through fn, saying whether it
// is a function called; text in quotes ("…" literals, '…' sheet names) is
// left alone.
func mapNames(formula string, fn func(name string, call bool) string) string {
	var b strings.Builder
	for i := 0; i < len(formula); {
		switch c := formula[i]; {
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(formula) {
				if formula[j] == c {
					if j+1 < len(formula) && formula[j+1] == c { // a doubled quote
						j += 2
						continue
					}
					break
				}
				j++
			}
			j = min(j+1, len(formula))
			b.WriteString(formula[i:j])
			i = j
		case isNameByte(c) && (i == 0 || !isNameByte(formula[i-1])):
			j := i
			for j < len(formula) && isNameByte(formula[j]) {
				j++
			}
			b.WriteString(fn(formula[i:j], j < len(formula) && formula[j] == '('))
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

func isNameByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.'
}
