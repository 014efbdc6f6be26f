package calc

import (
	"math"
	"strings"
	"time"

	"thesisboard/app/model"
)

// excelEpoch is day 0 of Excel's 1900 date system for the dates from March
// 1900 on. Excel counts a 29 February 1900 that never was (serial 60, kept
// from Lotus 1-2-3 for compatibility), so its serials 1 to 59 are one day
// later than this epoch makes them: serial 1 is 1 January 1900.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// maxSerial is 31 December 9999, the last date Excel knows.
const maxSerial = 2958465

// serial is t's date as Excel's serial number.
func serial(t time.Time) float64 {
	d := math.Floor(t.Sub(excelEpoch).Hours() / 24)
	if d < 61 {
		d-- // before Excel's phantom 29 February 1900
	}
	return d
}

// fromSerial is the date of Excel serial n (whole days). Serial 60, Excel's
// 29 February 1900, has no date: it is read as 1 March.
func fromSerial(n int) time.Time {
	if n < 60 {
		n++
	}
	return excelEpoch.AddDate(0, 0, n)
}

// toDate reads a date: a serial number, or date text (ISO, as date cells
// hold it, or US month/day/year as typed).
func toDate(v value) (time.Time, *value) {
	n, bad := dateNumber(v)
	if bad != nil {
		return time.Time{}, bad
	}
	return fromSerial(int(n)), nil
}

// dateNumber reads a date argument as Excel's whole serial number: text
// that reads as a date is converted, a time of day is dropped, and a
// serial before 0 or after 9999 is #NUM!.
func dateNumber(v value) (float64, *value) {
	if v.k == kStr {
		if d, _ := model.ParseInput(strings.TrimSpace(v.s), ""); d.Kind == model.KindDate {
			if t, err := time.Parse("2006-01-02", d.Text); err == nil {
				return serial(t), nil
			}
		}
	}
	n, bad := v.number()
	if bad != nil {
		return 0, bad
	}
	if n < 0 || n >= maxSerial+1 {
		e := errv(ErrNum)
		return 0, &e
	}
	return math.Floor(n), nil
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

// dateAndMonths reads the (start date, months) EDATE and EOMONTH take.
func dateAndMonths(args []node, e env) (time.Time, float64, *value) {
	if len(args) != 2 {
		v := errv(ErrValue)
		return time.Time{}, 0, &v
	}
	t, bad := toDate(eval(args[0], e).scalar())
	if bad != nil {
		return t, 0, bad
	}
	m, bad := eval(args[1], e).scalar().number()
	return t, m, bad
}

func edate(args []node, e env) value {
	t, m, bad := dateAndMonths(args, e)
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
