package calc

import (
	"math"
	"strings"
	"time"
)

// excelEpoch is day 0 of Excel's 1900 date system (as Excel counts, with its
// 1900 leap-year quirk already behind it for dates after February 1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func serial(t time.Time) float64 { return math.Floor(t.Sub(excelEpoch).Hours() / 24) }

// toDate reads a date: a serial number, or ISO text (how date cells hold it).
func toDate(v value) (time.Time, *value) {
	if v.k == kStr {
		if t, err := time.Parse("2006-01-02", strings.TrimSpace(v.s)); err == nil {
			return t, nil
		}
	}
	n, bad := v.number()
	if bad != nil {
		return time.Time{}, bad
	}
	if n < 0 {
		e := errv(ErrNum)
		return time.Time{}, &e
	}
	return excelEpoch.AddDate(0, 0, toInt(n)), nil
}

func datePart(fn func(time.Time) float64) function {
	return func(args []node, e env) value {
		if len(args) != 1 {
			return errv(ErrValue)
		}
		t, bad := toDate(eval(args[0], e).scalar())
		if bad != nil {
			return *bad
		}
		return num(fn(t))
	}
}

func edate(args []node, e env) value {
	if len(args) != 2 {
		return errv(ErrValue)
	}
	t, bad := toDate(eval(args[0], e).scalar())
	if bad != nil {
		return *bad
	}
	m, bad := eval(args[1], e).scalar().number()
	if bad != nil {
		return *bad
	}
	// Excel keeps the day, or the month's last day when it has fewer.
	y, mo, d := t.Date()
	target := time.Date(y, mo+time.Month(toInt(m)), 1, 0, 0, 0, 0, time.UTC)
	last := target.AddDate(0, 1, -1).Day()
	return num(serial(time.Date(target.Year(), target.Month(), min(d, last), 0, 0, 0, 0, time.UTC)))
}

func math3(fn func(a, b, c float64) value) function {
	return func(args []node, e env) value {
		if len(args) != 3 {
			return errv(ErrValue)
		}
		var xs [3]float64
		for i := range xs {
			var bad *value
			if xs[i], bad = eval(args[i], e).scalar().number(); bad != nil {
				return *bad
			}
		}
		return fn(xs[0], xs[1], xs[2])
	}
}
