package calc

import (
	"math"
	"time"
)

// init registers the functions beyond funcs.go's core: conditional and
// lookup functions (funcs_lookup.go), dates and TEXT (funcs_date.go) and
// finance (funcs_finance.go). Other funcs_*.go files register their own
// topic with register.
func init() {
	register(map[string]function{
		"SUMIF":      conditional("SUMIF"),
		"COUNTIF":    conditional("COUNTIF"),
		"AVERAGEIF":  conditional("AVERAGEIF"),
		"SUMPRODUCT": sumProduct,
		"IFS":        ifs,
		"TEXTJOIN":   textJoin,
		"INDEX":      index,
		"MATCH":      matchFunc,
		"VLOOKUP":    vlookup,
		"XLOOKUP":    xlookup,
		"NPV":        npv,
		"IRR":        irr,
		"PMT":        annuity("PMT"),
		"FV":         annuity("FV"),
		"PV":         annuity("PV"),
		"RATE":       rate,
		"RRI": math3(func(n, pv, fv float64) value {
			if n <= 0 || pv == 0 {
				return errv(ErrNum)
			}
			return num(math.Pow(fv/pv, 1/n) - 1)
		}),
		"DATE":  math3(excelDate),
		"YEAR":  datePart(func(t time.Time) float64 { return float64(t.Year()) }),
		"MONTH": datePart(func(t time.Time) float64 { return float64(t.Month()) }),
		"DAY":   datePart(func(t time.Time) float64 { return float64(t.Day()) }),
		"EDATE": edate,
		"TEXT":  textFunc,
	})
}

// register adds functions to the table. funcs.go's init, which makes the
// table, runs first: Go runs a package's init functions in the order its
// files are named, and "funcs.go" sorts before every "funcs_*.go".
func register(fs map[string]function) {
	for name, f := range fs {
		if _, dup := functions[name]; dup {
			panic("calc: " + name + " is registered twice")
		}
		functions[name] = f
	}
}
