package calc

import (
	"strings"
	"time"
)

// YEARFRAC and DATEDIF: the fraction of a year and the whole years,
// months and days between two dates, by the day-count rules Excel uses.
func init() {
	register(map[string]function{
		"YEARFRAC": yearfrac,
		"DATEDIF":  datedif,
	})
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func lastOfFeb(t time.Time) bool {
	return t.Month() == time.February && t.Day() == daysIn(t.Year(), time.February)
}

// yearfrac is YEARFRAC(start, end, [basis]): basis 0 US 30/360, 1
// actual/actual, 2 actual/360, 3 actual/365, 4 European 30/360. The dates
// may come in either order.
func yearfrac(args []node, e env) value {
	if len(args) < 2 || len(args) > 3 {
		return errv(ErrValue)
	}
	ds, bad := dateArgs(args, e, 2)
	if bad != nil {
		return *bad
	}
	ns, bad := numbers(args[2:], e, 0)
	if bad != nil {
		return *bad
	}
	a, b := ds[0], ds[1]
	if a > b {
		a, b = b, a
	}
	t1, t2 := fromSerial(int(a)), fromSerial(int(b))
	switch int(ns[0]) {
	case 0:
		return num(days360US(t1, t2) / 360)
	case 1:
		return num(actualActual(a, b, t1, t2))
	case 2:
		return num((b - a) / 360)
	case 3:
		return num((b - a) / 365)
	case 4:
		d1, d2 := min(t1.Day(), 30), min(t2.Day(), 30)
		return num(days360(t1, t2, d1, d2) / 360)
	}
	return errv(ErrNum)
}

func days360(t1, t2 time.Time, d1, d2 int) float64 {
	return float64((t2.Year()-t1.Year())*360 + (int(t2.Month())-int(t1.Month()))*30 + d2 - d1)
}

// days360US counts 30/360 days the way Excel's YEARFRAC basis 0 does: the
// last day of February counts as the 30th when the period starts on it
// (and the end too, when both are), a 31st ending a period that starts on
// the 30th or 31st is the 30th, and a 31st start is the 30th.
func days360US(t1, t2 time.Time) float64 {
	d1, d2 := t1.Day(), t2.Day()
	if lastOfFeb(t1) {
		if lastOfFeb(t2) {
			d2 = 30
		}
		d1 = 30
	}
	if d2 == 31 && d1 >= 30 {
		d2 = 30
	}
	if d1 == 31 {
		d1 = 30
	}
	return days360(t1, t2, d1, d2)
}

// actualActual is Excel's basis 1: within a year, the days over 365, or
// 366 when the period can hold a 29 February by Excel's reckoning; over
// more than a year, the days over the average length of the years it
// touches.
func actualActual(a, b float64, t1, t2 time.Time) float64 {
	y1, y2 := t1.Year(), t2.Year()
	moreThanYear := y2 > y1+1 || y2 == y1+1 &&
		(t1.Month() < t2.Month() || t1.Month() == t2.Month() && t1.Day() < t2.Day())
	if moreThanYear {
		total := 0
		for y := y1; y <= y2; y++ {
			total += 365
			if isLeap(y) {
				total++
			}
		}
		return (b - a) / (float64(total) / float64(y2-y1+1))
	}
	leapDay := false
	switch {
	case isLeap(y1):
		leapDay = y1 == y2 || t1.Month() <= time.February
	case isLeap(y2):
		leapDay = t2.Month() > time.February || t2.Month() == time.February && t2.Day() == 29
	}
	if leapDay {
		return (b - a) / 366
	}
	return (b - a) / 365
}

// datedif is DATEDIF(start, end, unit): whole years ("Y"), months ("M"),
// days ("D"); days ignoring months and years ("MD"), months ignoring years
// ("YM"), days ignoring years ("YD"). An end before the start is #NUM!.
// MD keeps Excel's arithmetic, which can be negative (31 January to 1
// March 2011 is -2 there).
func datedif(args []node, e env) value {
	if len(args) != 3 {
		return errv(ErrValue)
	}
	ds, bad := dateArgs(args, e, 2)
	if bad != nil {
		return *bad
	}
	unit, bad := eval(args[2], e).scalar().text()
	if bad != nil {
		return *bad
	}
	if ds[0] > ds[1] {
		return errv(ErrNum)
	}
	t1, t2 := fromSerial(int(ds[0])), fromSerial(int(ds[1]))
	y1, m1, d1 := t1.Date()
	y2, m2, d2 := t2.Date()
	months := (y2-y1)*12 + int(m2) - int(m1)
	if d2 < d1 {
		months--
	}
	switch strings.ToUpper(strings.TrimSpace(unit)) {
	case "Y":
		return num(float64(months / 12))
	case "M":
		return num(float64(months))
	case "D":
		return num(ds[1] - ds[0])
	case "YM":
		return num(float64(months % 12))
	case "MD":
		if d2 >= d1 {
			return num(float64(d2 - d1))
		}
		return num(float64(daysIn(y2, m2-1) - d1 + d2))
	case "YD":
		start := time.Date(y2, m1, d1, 0, 0, 0, 0, time.UTC)
		if start.After(t2) {
			start = time.Date(y2-1, m1, d1, 0, 0, 0, 0, time.UTC)
		}
		return num(serial(t2) - serial(start))
	}
	return errv(ErrNum)
}
