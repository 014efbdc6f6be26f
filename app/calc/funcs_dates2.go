package calc

import (
	"math"
	"slices"
	"time"
)

// The date functions finance models schedule with: month ends, working
// days, year fractions for accruals, and the day of the week. They read
// dates as toDate does and answer Excel serials, so DATE, EOMONTH and
// WORKDAY chain as in Excel.
func init() {
	register(map[string]function{
		"EOMONTH":     eomonth,
		"NETWORKDAYS": networkdays,
		"WORKDAY":     workday,
		"WEEKDAY":     weekday,
		"TODAY":       clockFunc(false),
		"NOW":         clockFunc(true),
	})
}

// excelDate is DATE(year, month, day): a year below 1900 counts from 1900
// (DATE(99,1,1) is 1999), as Excel's does; months and days past their
// range roll over; a year past 9999 or a date before 1900 is #NUM!.
func excelDate(y, m, d float64) value {
	y, m, d = math.Trunc(y), math.Trunc(m), math.Trunc(d)
	if y < 1900 {
		y += 1900
	}
	if y < 1900 || y > 9999 || math.Abs(m) > 1e6 || math.Abs(d) > 1e8 {
		return errv(ErrNum)
	}
	s := serial(time.Date(int(y), time.Month(int(m)), int(d), 0, 0, 0, 0, time.UTC))
	if s < 0 || s > maxSerial {
		return errv(ErrNum)
	}
	return num(s)
}

// now is the clock TODAY and NOW read; tests set it.
var now = time.Now

// clockFunc makes TODAY (the date) and NOW (with the time of day as the
// fraction). They are worked out when the formula is: the engine keeps
// the result until a recalculation computes the cell again.
func clockFunc(withTime bool) function {
	return func(args []node, e env) value {
		if len(args) != 0 {
			return errv(ErrValue)
		}
		t := now()
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		s := serial(day)
		if withTime {
			s += float64(t.Hour()*3600+t.Minute()*60+t.Second()) / 86400
		}
		return num(s)
	}
}

// dateArgs reads the first n arguments as dates (serials), the rest are
// left to the caller.
func dateArgs(args []node, e env, n int) ([]float64, *value) {
	out := make([]float64, n)
	for i := range n {
		d, bad := dateNumber(eval(args[i], e).scalar())
		if bad != nil {
			return nil, bad
		}
		out[i] = d
	}
	return out, nil
}

func eomonth(args []node, e env) value {
	t, m, bad := dateAndMonths(args, e)
	if bad != nil {
		return *bad
	}
	if math.Abs(m) > 120000 {
		return errv(ErrNum)
	}
	last := time.Date(t.Year(), t.Month()+time.Month(int(m))+1, 0, 0, 0, 0, 0, time.UTC)
	s := serial(last)
	if last.Year() < 1900 || s > maxSerial {
		return errv(ErrNum)
	}
	return num(s)
}

// dayOfWeek is serial s's day, 0 for Sunday to 6 for Saturday, as Excel
// counts it: serial 1 is a Sunday there, the phantom 29 February included.
func dayOfWeek(s int) int { return (s + 6) % 7 }

func isWeekend(s int) bool { d := dayOfWeek(s); return d == 0 || d == 6 }

// weekday is WEEKDAY(date, [type]): type 1 counts from Sunday = 1, 2 from
// Monday = 1, 3 from Monday = 0, and 11 to 17 from Monday, Tuesday ...
// Sunday = 1. Any other type is #NUM!.
func weekday(args []node, e env) value {
	if len(args) < 1 || len(args) > 2 {
		return errv(ErrValue)
	}
	d, bad := dateNumber(eval(args[0], e).scalar())
	if bad != nil {
		return *bad
	}
	ns, bad := numbers(args[1:], e, 1)
	if bad != nil {
		return *bad
	}
	w, typ := dayOfWeek(int(d)), int(ns[0])
	switch {
	case typ == 1 || typ == 17:
		return num(float64(w + 1))
	case typ == 2 || typ == 11:
		return num(float64((w+6)%7 + 1))
	case typ == 3:
		return num(float64((w + 6) % 7))
	case typ >= 12 && typ <= 16:
		first := typ - 10 // 12: Tuesday, 2 counted from Sunday
		return num(float64((w-first+7)%7 + 1))
	}
	return errv(ErrNum)
}

// holidays reads a list of holiday dates: a range, a date or an array.
// Empty cells are skipped; anything that is not a date is #VALUE!. The
// dates are sorted and distinct; weekend days are dropped, as they are
// not working days anyway.
func holidays(args []node, e env) ([]int, *value) {
	var out []int
	for _, a := range args {
		for _, v := range eval(a, e).cells() {
			if v.k == kEmpty {
				continue
			}
			d, bad := dateNumber(v)
			if bad != nil {
				return nil, bad
			}
			if !isWeekend(int(d)) {
				out = append(out, int(d))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// weekdaysThrough counts the Monday-to-Friday days from serial 0 to s.
func weekdaysThrough(s int) int {
	weeks, rest := s/7, s%7
	n := weeks * 5
	for d := s - rest; d <= s; d++ { // at most 7 days
		if !isWeekend(d) {
			n++
		}
	}
	return n
}

// holidaysIn counts the holidays from serial a to b, both included.
func holidaysIn(hs []int, a, b int) int {
	lo, _ := slices.BinarySearch(hs, a)
	hi, _ := slices.BinarySearch(hs, b+1)
	return hi - lo
}

// networkdays is NETWORKDAYS(start, end, [holidays]): the working days
// from start to end, both counted, less the holidays among them; negative
// when end is before start. It counts by arithmetic, not day by day.
func networkdays(args []node, e env) value {
	if len(args) < 2 || len(args) > 3 {
		return errv(ErrValue)
	}
	ds, bad := dateArgs(args, e, 2)
	if bad != nil {
		return *bad
	}
	hs, bad := holidays(args[2:], e)
	if bad != nil {
		return *bad
	}
	a, b, sign := int(ds[0]), int(ds[1]), 1.0
	if a > b {
		a, b, sign = b, a, -1
	}
	n := weekdaysThrough(b) - weekdaysThrough(a) + 1
	if isWeekend(a) {
		n--
	}
	return num(sign * float64(n-holidaysIn(hs, a, b)))
}

// workday is WORKDAY(start, days, [holidays]): the date days working days
// after start (before it, for negative days), skipping weekends and
// holidays. Whole weeks are jumped; holidays passed over move the end on
// again, each counted once as the windows do not overlap.
func workday(args []node, e env) value {
	if len(args) < 2 || len(args) > 3 {
		return errv(ErrValue)
	}
	ds, bad := dateArgs(args, e, 1)
	if bad != nil {
		return *bad
	}
	days, bad := eval(args[1], e).scalar().number()
	if bad != nil {
		return *bad
	}
	hs, bad := holidays(args[2:], e)
	if bad != nil {
		return *bad
	}
	if math.Abs(days) > maxSerial {
		return errv(ErrNum)
	}
	cur, left, step := int(ds[0]), int(math.Trunc(days)), 1
	if left < 0 {
		left, step = -left, -1
	}
	for left > 0 {
		next := moveWeekdays(cur, left, step)
		lo, hi := cur+1, next
		if step < 0 {
			lo, hi = next, cur-1
		}
		left, cur = holidaysIn(hs, lo, hi), next
		if cur < 0 || cur > maxSerial {
			return errv(ErrNum)
		}
	}
	return num(float64(cur))
}

// moveWeekdays is the date n weekdays from s in direction step (±1). A
// weekend start counts as the weekday before it (forward) or after it
// (backward), which moves the same.
func moveWeekdays(s, n, step int) int {
	for isWeekend(s) {
		s -= step
	}
	s += n / 5 * 7 * step
	for range n % 5 {
		s += step
		for isWeekend(s) {
			s += step
		}
	}
	return s
}
